"""The A4 invoice and credit note (factura, factura rectificativa) as PDF bytes."""

from __future__ import annotations

import io
import logging
from functools import lru_cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from omsdesk.documents.data import InvoiceDoc
from omsdesk.documents.fonts import document_fonts
from omsdesk.documents.formats import format_day, format_money, format_rate
from omsdesk.documents.layout import (
    MUTED,
    RULE,
    SHADE,
    FooterPainter,
    markup,
    paged_canvas_maker,
    party_lines,
    styles,
)
from omsdesk.documents.qr import QR_HEADING, QrFlowable
from omsdesk.documents.texts import text

log = logging.getLogger(__name__)

MARGIN = 15 * mm
BOTTOM = 18 * mm
QR_SIZE = 32 * mm  # the symbol; its quiet zone adds about 3.5 mm on each side
QR_COLUMN = 44 * mm
LOGO_BOX = (45 * mm, 20 * mm)


# A table cell holding plain text (even "") is set in the table's font, Helvetica unless told;
# Helvetica is never embedded, which PDF/A forbids, so every table names DejaVu Sans.
def _embedded_font() -> tuple[str, tuple[int, int], tuple[int, int], str]:
    return ("FONTNAME", (0, 0), (-1, -1), document_fonts().regular)


def invoice_title(doc: InvoiceDoc) -> str:
    return text(doc.kind, doc.language)


@lru_cache(maxsize=16)
def _logo_size(path: str) -> tuple[float, float]:
    width, height = ImageReader(path).getSize()
    scale = min(LOGO_BOX[0] / width, LOGO_BOX[1] / height)
    return width * scale, height * scale


def _logo(path: str | None) -> Flowable | None:
    if not path:
        return None
    try:
        width, height = _logo_size(path)
    except OSError as exc:
        # A missing logo must not stop invoicing; the log tells the admin what to fix.
        log.warning("invoice logo %s cannot be read (%s); printing without it", path, exc)
        return None
    logo = Image(path, width=width, height=height)
    logo.hAlign = "LEFT"
    return logo


def _header(doc: InvoiceDoc, usable: float) -> Table:
    st = styles()
    lang = doc.language
    issuer_cells: list[Flowable] = []
    logo = _logo(doc.logo_path)
    if logo is not None:
        issuer_cells += [logo, Spacer(1, 2 * mm)]
    issuer = party_lines(doc.issuer, lang)
    issuer_cells.append(Paragraph(markup(issuer[0]), st.bold))
    issuer_cells.append(Paragraph("<br/>".join(markup(v) for v in issuer[1:]), st.body))

    # VERI*FACTU: the QR goes at the top of the first page, centred, before the invoice content.
    qr_cells: list[Flowable] = []
    if doc.qr_url:
        qr = QrFlowable(doc.qr_url, QR_SIZE)
        qr.hAlign = "CENTER"
        # The AEAT QR specification puts this heading above the code, in every language.
        qr_cells.append(Paragraph(QR_HEADING, st.body.clone("qr_heading", alignment=1)))
        qr_cells.append(qr)
        if doc.qr_legend:
            qr_cells.append(Paragraph(markup(doc.qr_legend), st.bold.clone("legend", alignment=1)))

    facts = [f"<b>{text('number', lang)}:</b> {markup(doc.number)}"]
    facts.append(f"<b>{text('issue_date', lang)}:</b> {format_day(doc.issue_date, lang)}")
    if doc.operation_date and doc.operation_date != doc.issue_date:
        facts.append(f"<b>{text('operation_date', lang)}:</b> {format_day(doc.operation_date, lang)}")
    if doc.cancelled_on:
        facts.append(f'<font color="#B00020"><b>'
                     f'{markup(text("cancelled_on", lang, date=format_day(doc.cancelled_on, lang)))}'
                     f'</b></font>')
    title_cells: list[Flowable] = [
        Paragraph(markup(invoice_title(doc)), st.title.clone("title_r", alignment=2)),
        Paragraph("<br/>".join(facts), st.right),
    ]
    side = (usable - QR_COLUMN) / 2
    table = Table([[issuer_cells, qr_cells, title_cells]], colWidths=[side, QR_COLUMN, side])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("ALIGN", (1, 0), (1, 0), "CENTER"),
                               _embedded_font()]))
    return table


def _parties(doc: InvoiceDoc, usable: float) -> Table | None:
    st = styles()
    lang = doc.language
    cells: list[list[Flowable]] = []
    if doc.customer is not None:
        lines = party_lines(doc.customer, lang)
        cells.append([
            Paragraph(text("customer", lang).upper(), st.small),
            Paragraph(markup(lines[0]), st.bold),
            Paragraph("<br/>".join(markup(v) for v in lines[1:]), st.body),
        ])
    if doc.kind == "credit_note":
        cited = (
            text("corrects_dated", lang, number=doc.corrected_number,
                 date=format_day(doc.corrected_issue_date, lang))
            if doc.corrected_issue_date
            else text("corrects", lang, number=doc.corrected_number)
        )
        cells.append([
            Paragraph(text("credit_note", lang).upper(), st.small),
            Paragraph(markup(cited), st.bold),
            Paragraph(f"{text('reason', lang)}: {markup(doc.correction_reason or '')}", st.body),
        ])
    if not cells:
        return None
    width = (usable - 6 * mm) / 2
    row: list[list[Flowable] | str] = list(cells) + [""] * (2 - len(cells))
    table = Table([[row[0], "", row[1]]], colWidths=[width, 6 * mm, width])
    box = [("BOX", (i, 0), (i, 0), 0.5, RULE) for i, cell in ((0, row[0]), (2, row[1])) if cell]
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6), *box, _embedded_font()]))
    return table


def _lines_table(doc: InvoiceDoc, usable: float) -> Table:
    st = styles()
    fonts = document_fonts()
    lang, cur = doc.language, doc.currency
    with_discount = any(line.discount_bp for line in doc.lines)
    head = [text("sku", lang), text("description", lang), text("qty", lang), text("unit_price", lang)]
    head += [text("discount", lang)] if with_discount else []
    head += [text("vat", lang), text("amount", lang)]
    fixed = [24 * mm, 0, 12 * mm, 23 * mm] + ([13 * mm] if with_discount else []) + [14 * mm, 25 * mm]
    fixed[1] = usable - sum(fixed)
    rows: list[list[object]] = [list(head)]
    for line in doc.lines:
        row: list[object] = [
            Paragraph(markup(line.sku), st.cell),
            Paragraph(markup(line.name), st.cell),
            str(line.qty),
            format_money(line.unit_price, cur, lang),
        ]
        if with_discount:
            row.append(format_rate(line.discount_bp, lang) if line.discount_bp else "")
        row += [format_rate(line.tax_rate_bp, lang), format_money(line.net, cur, lang)]
        rows.append(row)
    table = Table(rows, colWidths=fixed, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), fonts.bold, 8.5),
        ("FONT", (0, 1), (-1, -1), fonts.regular, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, SHADE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _breakdown_and_totals(doc: InvoiceDoc, usable: float) -> Table:
    fonts = document_fonts()
    lang, cur = doc.language, doc.currency
    with_recargo = any(b.recargo_rate_bp for b in doc.breakdown)
    head = [text("base", lang), text("vat_rate", lang), text("vat_amount", lang)]
    head += [text("recargo_rate", lang), text("recargo_amount", lang)] if with_recargo else []
    rows: list[list[str]] = [head]
    for b in doc.breakdown:
        row = [format_money(b.base, cur, lang), format_rate(b.rate_bp, lang), format_money(b.tax, cur, lang)]
        if with_recargo:
            row += [format_rate(b.recargo_rate_bp or 0, lang), format_money(b.recargo or 0, cur, lang)]
        rows.append(row)
    cols = len(head)
    breakdown = Table(rows, colWidths=[(usable * 0.55) / cols] * cols)
    breakdown.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), fonts.bold, 8),
        ("FONT", (0, 1), (-1, -1), fonts.regular, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
    ]))
    totals_rows = [[text("total_net", lang), format_money(doc.total_net, cur, lang)],
                   [text("total_tax", lang), format_money(doc.total_tax, cur, lang)]]
    if doc.total_recargo:
        totals_rows.append([text("total_recargo", lang), format_money(doc.total_recargo, cur, lang)])
    totals_rows.append([text("total", lang).upper(), format_money(doc.total, cur, lang)])
    totals = Table(totals_rows, colWidths=[usable * 0.24, usable * 0.17])
    totals.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -2), fonts.regular, 9),
        ("FONT", (0, -1), (-1, -1), fonts.bold, 11),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE),
        ("TOPPADDING", (0, -1), (-1, -1), 5),
    ]))
    outer = Table([[breakdown, totals]], colWidths=[usable * 0.57, usable * 0.43])
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                               _embedded_font()]))
    return outer


def _cancelled_watermark(canvas: Canvas, width: float, height: float, word: str, font: str) -> None:
    """The word across the page, translucent so the content stays readable under it."""
    canvas.saveState()
    canvas.setFillColorRGB(0.69, 0, 0.13)
    canvas.setFillAlpha(0.18)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(40)
    size = min(110.0, 1.35 * width / max(len(word), 1))
    canvas.setFont(font, size)
    canvas.drawCentredString(0, -size / 3, word)
    canvas.restoreState()


def _footer_painter(doc: InvoiceDoc) -> FooterPainter:
    fonts = document_fonts()
    left = f"{doc.issuer.name} · {invoice_title(doc)} {doc.number}"

    def paint(canvas: Canvas, page: int, pages: int) -> None:
        width, height = canvas._pagesize
        if doc.cancelled_on:
            _cancelled_watermark(canvas, width, height, text("cancelled", doc.language), fonts.bold)
        canvas.saveState()
        canvas.setFont(fonts.regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 10 * mm, left)
        canvas.drawRightString(width - MARGIN, 10 * mm, text("page_of", doc.language, page=page, pages=pages))
        canvas.restoreState()

    return paint


def render_invoice(doc: InvoiceDoc) -> bytes:
    """The invoice or credit note on A4 as PDF bytes; the lines table header repeats on every page."""
    st = styles()
    lang = doc.language
    buffer = io.BytesIO()
    usable = A4[0] - 2 * MARGIN
    pdf = SimpleDocTemplate(
        # The frame pads its content by 6 pt; these margins put the content edge at MARGIN.
        buffer, pagesize=A4, leftMargin=MARGIN - 6, rightMargin=MARGIN - 6, topMargin=MARGIN - 6,
        bottomMargin=BOTTOM - 6, title=f"{invoice_title(doc)} {doc.number}", author=doc.issuer.name,
        invariant=True,
        # ReportLab starts every page in Helvetica, a base-14 font it never embeds; PDF/A
        # (ISO 19005-3 §6.2.11.4) wants every font embedded, so pages start in DejaVu Sans.
        initialFontName=document_fonts().regular,
    )
    story: list[Flowable] = [_header(doc, usable), Spacer(1, 6 * mm)]
    parties = _parties(doc, usable)
    if parties is not None:
        story += [parties, Spacer(1, 5 * mm)]
    story += [_lines_table(doc, usable), Spacer(1, 5 * mm)]
    tail: list[Flowable] = [_breakdown_and_totals(doc, usable)]
    if doc.payment_terms:
        tail += [Spacer(1, 5 * mm),
                 Paragraph(f"<b>{text('payment_terms', lang)}:</b> {markup(doc.payment_terms)}", st.body)]
    tail += [Paragraph(markup(note), st.small) for note in doc.legal_notes]
    story.append(KeepTogether(tail))
    pdf.build(story, canvasmaker=paged_canvas_maker(_footer_painter(doc)))
    return buffer.getvalue()
