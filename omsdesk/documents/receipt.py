"""The simplified invoice (counter receipt) on an 80 mm roll, as tall as its content."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from omsdesk.documents.data import InvoiceDoc
from omsdesk.documents.fonts import document_fonts
from omsdesk.documents.formats import format_day, format_money, format_rate
from omsdesk.documents.layout import RULE, markup, party_lines, styles
from omsdesk.documents.qr import QR_HEADING, QrFlowable
from omsdesk.documents.texts import text

ROLL_WIDTH = 80 * mm
MARGIN = 4 * mm
QR_SIZE = 31 * mm  # the symbol; VERI*FACTU allows 30 to 40 mm


def _story(doc: InvoiceDoc, width: float) -> list[Flowable]:
    st = styles(8.0)
    fonts = document_fonts()
    lang, cur = doc.language, doc.currency
    centred = st.body.clone("centred", alignment=1)
    centred_bold = st.bold.clone("centred_bold", alignment=1)
    story: list[Flowable] = []
    # VERI*FACTU: the QR opens the document, before its content.
    if doc.qr_url:
        qr = QrFlowable(doc.qr_url, QR_SIZE)
        qr.hAlign = "CENTER"
        story.append(Paragraph(QR_HEADING, centred))
        story.append(qr)
        if doc.qr_legend:
            story.append(Paragraph(markup(doc.qr_legend), centred_bold))
        story.append(Spacer(1, 2 * mm))
    issuer = party_lines(doc.issuer, lang)
    story.append(Paragraph(markup(issuer[0]), centred_bold.clone("shop", fontSize=10, leading=12)))
    story.append(Paragraph("<br/>".join(markup(v) for v in issuer[1:]), centred))
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(f"<b>{markup(text(doc.kind, lang))}</b> {markup(doc.number)}", centred))
    story.append(Paragraph(format_day(doc.issue_date, lang), centred))
    if doc.operation_date and doc.operation_date != doc.issue_date:
        story.append(Paragraph(f"{text('operation_date', lang)}: {format_day(doc.operation_date, lang)}", centred))
    if doc.cancelled_on:
        story.append(Paragraph(f"{markup(text('cancelled', lang))}<br/>"
                               f"{markup(text('cancelled_on', lang, date=format_day(doc.cancelled_on, lang)))}",
                               centred_bold.clone("cancelled", fontSize=11, leading=13)))
    if doc.customer is not None:
        story.append(Spacer(1, 1 * mm))
        story.append(Paragraph("<br/>".join(markup(v) for v in party_lines(doc.customer, lang, False)), st.body))
    if doc.kind == "credit_note":
        story.append(Paragraph(markup(text("corrects", lang, number=doc.corrected_number)), st.bold))
        story.append(Paragraph(f"{text('reason', lang)}: {markup(doc.correction_reason or '')}", st.body))
    story.append(HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=3, spaceAfter=3))

    rows: list[list[object]] = []
    for line in doc.lines:
        described = f"{markup(line.name)}<br/>{line.qty} x {format_money(line.unit_price, cur, lang)}"
        rows.append([Paragraph(described, st.cell), format_money(line.total, cur, lang)])
    goods = Table(rows, colWidths=[width - 22 * mm, 22 * mm])
    goods.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.regular, 8),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    story.append(goods)
    story.append(HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=2, spaceAfter=3))

    tax_rows: list[list[str]] = [[text("vat_rate", lang), text("base", lang), text("vat_amount", lang)]]
    for b in doc.breakdown:
        tax_rows.append([format_rate(b.rate_bp, lang), format_money(b.base, cur, lang), format_money(b.tax, cur, lang)])
    taxes = Table(tax_rows, colWidths=[width * 0.28, width * 0.38, width * 0.34])
    taxes.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), fonts.bold, 7),
        ("FONT", (0, 1), (-1, -1), fonts.regular, 7.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    story.append(taxes)
    total = Table([[text("total", lang).upper(), format_money(doc.total, cur, lang)]],
                  colWidths=[width * 0.4, width * 0.6])
    total.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.bold, 12),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
    ]))
    story.append(total)
    story.append(Paragraph(text("vat_included", lang), st.small.clone("incl", alignment=2)))
    if doc.payment_terms:
        story.append(Spacer(1, 2 * mm))
        story.append(Paragraph(f"{text('payment_terms', lang)}: {markup(doc.payment_terms)}", st.body))
    story += [Paragraph(markup(note), st.small) for note in doc.legal_notes]
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(text("thanks", lang), centred))
    return story


def _height_of(story: list[Flowable], width: float) -> float:
    height = 0.0
    previous_after = 0.0
    for flowable in story:
        _, h = flowable.wrap(width, 10_000)
        # Platypus collapses adjacent spacing to the larger of the two.
        height += h + max(previous_after, flowable.getSpaceBefore())
        previous_after = flowable.getSpaceAfter()
    return height + previous_after


def render_receipt(doc: InvoiceDoc) -> bytes:
    """The receipt on an 80 mm wide page whose height fits the content (thermal roll printers)."""
    width = ROLL_WIDTH - 2 * MARGIN
    story = _story(doc, width)
    # The frame adds 6 pt of padding on each side; a little slack keeps rounding from adding a page.
    page_height = _height_of(story, width) + 2 * MARGIN + 12 + 4
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer, pagesize=(ROLL_WIDTH, page_height), leftMargin=MARGIN - 6, rightMargin=MARGIN - 6,
        topMargin=MARGIN, bottomMargin=MARGIN, title=f"{text(doc.kind, doc.language)} {doc.number}",
        author=doc.issuer.name, invariant=True, initialFontName=document_fonts().regular,
    )
    pdf.build(story)
    return buffer.getvalue()
