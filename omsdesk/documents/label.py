"""The 4x6 in shipping label as PDF (288 x 432 pt) with a Code128 tracking barcode."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from omsdesk.documents.data import LabelDoc
from omsdesk.documents.fonts import document_fonts
from omsdesk.documents.formats import format_weight
from omsdesk.documents.grid import wrap_text
from omsdesk.documents.layout import MUTED, code128, party_lines
from omsdesk.documents.texts import text

LABEL_SIZE = (288.0, 432.0)  # 4 x 6 inches
MARGIN = 12.0
BAR_HEIGHT = 80.0


def draw_label(canvas: Canvas, doc: LabelDoc) -> None:
    """Draw the label on its own page of `canvas` and end the page."""
    fonts = document_fonts()
    lang = doc.language
    width, height = LABEL_SIZE
    left, right = MARGIN, width - MARGIN
    inner = right - left
    canvas.setPageSize(LABEL_SIZE)
    canvas.setLineWidth(1.2)

    y = height - MARGIN - 18
    canvas.setFont(fonts.bold, 18)
    canvas.drawString(left, y, wrap_text(doc.carrier, fonts.bold, 18, inner * 0.6)[0])
    canvas.drawRightString(right, y, f"{doc.parcel_index}/{doc.parcel_count}")
    y -= 14
    canvas.setFont(fonts.regular, 10)
    canvas.drawString(left, y, wrap_text(doc.service, fonts.regular, 10, inner * 0.6)[0])
    canvas.drawRightString(right, y, f"{text('parcel', lang)} · {format_weight(doc.weight_g, lang)}")
    y -= 9
    canvas.line(left, y, right, y)

    y -= 11
    canvas.setFont(fonts.regular, 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, y, text("from", lang).upper())
    canvas.setFillColorRGB(0, 0, 0)
    sender = party_lines(doc.sender, lang, with_contact=False)
    canvas.setFont(fonts.regular, 8)
    for line in [", ".join(sender[:2]), ", ".join(sender[2:])]:
        for piece in wrap_text(line, fonts.regular, 8, inner)[:2]:
            y -= 10
            canvas.drawString(left, y, piece)
    y -= 7
    canvas.line(left, y, right, y)

    y -= 12
    canvas.setFont(fonts.regular, 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, y, text("to", lang).upper())
    canvas.setFillColorRGB(0, 0, 0)
    # The barcode sits at a fixed place at the bottom, where scanners on the belt expect it.
    bar_y = MARGIN + 42
    barcode_rule = bar_y + BAR_HEIGHT + 22
    recipient = party_lines(doc.recipient, lang)
    y -= 4
    for index, line in enumerate(recipient):
        font, size = (fonts.bold, 15) if index == 0 else (fonts.regular, 12)
        if line == doc.recipient.country:
            font = fonts.bold
        canvas.setFont(font, size)
        for piece in wrap_text(line, font, size, inner)[:3]:
            if y - size * 1.25 < barcode_rule + 3:
                break  # an address this long is cut rather than printed over the barcode
            y -= size * 1.25
            canvas.drawString(left, y, piece)

    symbol = code128(doc.tracking, inner, BAR_HEIGHT, max_bar_width=1.6)
    canvas.line(left, barcode_rule, right, barcode_rule)
    canvas.setFont(fonts.regular, 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, bar_y + BAR_HEIGHT + 10, text("tracking", lang).upper())
    canvas.setFillColorRGB(0, 0, 0)
    symbol.drawOn(canvas, left + (inner - symbol.width) / 2, bar_y)
    canvas.setFont(fonts.bold, 12)
    canvas.drawCentredString(width / 2, bar_y - 15, doc.tracking)
    canvas.setFont(fonts.regular, 9)
    canvas.drawString(left, MARGIN + 2, f"{text('order', lang)} {doc.order_ref}")
    canvas.showPage()


def render_label(doc: LabelDoc) -> bytes:
    """One label as a one-page 4x6 in PDF."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LABEL_SIZE, invariant=True)
    canvas.setTitle(f"{doc.carrier} {doc.tracking}")
    draw_label(canvas, doc)
    canvas.save()
    return buffer.getvalue()
