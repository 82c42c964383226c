"""The packing slip (albarán) on A4 or A5, drawn on a canvas so batches of hundreds stay fast."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from omsdesk.documents.data import PackingSlipDoc
from omsdesk.documents.fonts import FontPair, document_fonts
from omsdesk.documents.formats import format_day, format_money
from omsdesk.documents.grid import Column, Grid, WrappedRow, wrap_text
from omsdesk.documents.layout import MUTED, RULE, code128, party_lines
from omsdesk.documents.texts import text


@dataclass(frozen=True)
class _Geometry:
    size: tuple[float, float]
    margin: float
    body: float  # base font size
    barcode_width: float
    barcode_height: float


_GEOMETRY = {
    "A4": _Geometry(A4, 15 * mm, 9.0, 80 * mm, 14 * mm),
    "A5": _Geometry(A5, 10 * mm, 8.0, 62 * mm, 12 * mm),
}


def _grid(doc: PackingSlipDoc, geo: _Geometry, fonts: FontPair) -> tuple[Grid, list[list[str]]]:
    lang, cur = doc.language, doc.currency
    usable = geo.size[0] - 2 * geo.margin
    size = geo.body - 0.5
    compact = doc.page_size == "A5"
    cols: list[Column] = []
    if compact:
        # A5 has no room for both codes side by side: the EAN goes under the SKU.
        cols.append(Column(f"{text('sku', lang)} / {text('ean', lang)}", 25 * mm))
    else:
        cols += [Column(text("sku", lang), 26 * mm), Column(text("ean", lang), 29 * mm)]
    cols.append(Column(text("description", lang), 0))
    cols += [Column(text("bin", lang), 17 * mm if compact else 20 * mm, bold=True),
             Column(text("qty", lang), 11 * mm if compact else 12 * mm, "right", bold=True)]
    if doc.show_prices:
        money_width = 17 * mm if compact else 21 * mm
        cols += [Column(text("unit_price", lang), money_width, "right"),
                 Column(text("amount", lang), money_width, "right")]
    flex = usable - sum(c.width for c in cols)
    cols = [Column(c.title, flex) if c.width == 0 else c for c in cols]
    rows: list[list[str]] = []
    for line in doc.lines:
        codes = [f"{line.sku}\n{line.ean}"] if compact else [line.sku, line.ean]
        row = [*codes, line.name, line.bin, str(line.qty)]
        if doc.show_prices:
            row += [format_money(line.unit_price, cur, lang), format_money(line.total, cur, lang)]
        rows.append(row)
    return Grid(cols, fonts.regular, fonts.bold, size), rows


def _draw_first_header(canvas: Canvas, doc: PackingSlipDoc, geo: _Geometry, fonts: FontPair) -> float:
    """Shipper, title, barcode, order facts and ship-to; returns the y where the table starts."""
    lang = doc.language
    width, height = geo.size
    left, right, top = geo.margin, width - geo.margin, height - geo.margin
    body = geo.body

    symbol = code128(doc.order_ref, geo.barcode_width, geo.barcode_height)
    symbol.drawOn(canvas, right - symbol.width, top - geo.barcode_height)
    canvas.setFont(fonts.bold, body + 1)
    canvas.drawCentredString(right - symbol.width / 2, top - geo.barcode_height - body - 3, doc.order_ref)

    y = top - body
    if doc.shipper is not None:
        shipper = party_lines(doc.shipper, lang)
        canvas.setFont(fonts.bold, body + 1)
        canvas.drawString(left, y, shipper[0])
        canvas.setFont(fonts.regular, body - 1.5)
        canvas.setFillColor(MUTED)
        for line in shipper[1:]:
            y -= (body - 1.5) * 1.25
            canvas.drawString(left, y, line)
        canvas.setFillColorRGB(0, 0, 0)
        y -= body * 2.6
    else:
        y -= body * 1.2
    canvas.setFont(fonts.bold, body * 2)
    canvas.drawString(left, y, text("packing_slip", lang))
    y = min(y, top - geo.barcode_height - body * 2.5) - body * 2

    facts = [(text("order", lang), doc.order_ref), (text("order_date", lang), format_day(doc.order_date, lang))]
    if doc.ship_date:
        facts.append((text("ship_date", lang), format_day(doc.ship_date, lang)))
    if doc.external_ref:
        facts.append((text("channel_ref", lang), doc.external_ref))
    half = (right - left) / 2
    facts_y = y
    for label, value in facts:
        canvas.setFont(fonts.bold, body)
        canvas.drawString(left, facts_y, f"{label}:")
        canvas.setFont(fonts.regular, body)
        canvas.drawString(left + stringWidth(f"{label}: ", fonts.bold, body), facts_y, value)
        facts_y -= body * 1.35

    ship_x = left + half
    canvas.setFont(fonts.regular, body - 1.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(ship_x, y, text("ship_to", lang).upper())
    canvas.setFillColorRGB(0, 0, 0)
    ship_y = y - body * 1.4
    address = party_lines(doc.ship_to, lang)
    for index, line in enumerate(address):
        font = fonts.bold if index == 0 else fonts.regular
        for piece in wrap_text(line, font, body, half):
            canvas.setFont(font, body)
            canvas.drawString(ship_x, ship_y, piece)
            ship_y -= body * 1.3
    return min(facts_y, ship_y) - body


def _draw_next_header(canvas: Canvas, doc: PackingSlipDoc, geo: _Geometry, fonts: FontPair) -> float:
    top = geo.size[1] - geo.margin
    canvas.setFont(fonts.bold, geo.body + 1)
    canvas.drawString(geo.margin, top - geo.body, f"{text('packing_slip', doc.language)} {doc.order_ref}")
    return top - geo.body * 2.5


def _tail_lines(doc: PackingSlipDoc, geo: _Geometry, fonts: FontPair, width: float) -> list[str]:
    return wrap_text(doc.gift_note, fonts.regular, geo.body, width - 8 * mm) if doc.gift_note else []


def _tail_height(doc: PackingSlipDoc, geo: _Geometry, gift: list[str]) -> float:
    height = geo.body * 2.5
    if gift:
        height += geo.body * 2 + len(gift) * geo.body * 1.3 + 6 * mm
    return height


def _draw_tail(canvas: Canvas, doc: PackingSlipDoc, geo: _Geometry, fonts: FontPair, y: float,
               gift: list[str]) -> None:
    lang = doc.language
    left, right = geo.margin, geo.size[0] - geo.margin
    y -= geo.body * 1.6
    units = sum(line.qty for line in doc.lines)
    canvas.setFont(fonts.bold, geo.body)
    canvas.drawString(left, y, f"{text('items', lang)}: {units}")
    if doc.show_prices and doc.order_total is not None:
        canvas.drawRightString(right, y, f"{text('total', lang)}: {format_money(doc.order_total, doc.currency, lang)}")
    if not gift:
        return
    y -= geo.body * 1.5
    box_height = geo.body * 1.6 + len(gift) * geo.body * 1.3 + 4 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.roundRect(left, y - box_height, right - left, box_height, 4, stroke=1, fill=0)
    text_y = y - 2 * mm - geo.body
    canvas.setFont(fonts.bold, geo.body)
    canvas.drawString(left + 4 * mm, text_y, text("gift_note", lang))
    canvas.setFont(fonts.regular, geo.body)
    for line in gift:
        text_y -= geo.body * 1.3
        canvas.drawString(left + 4 * mm, text_y, line)


def _draw_footer(canvas: Canvas, doc: PackingSlipDoc, geo: _Geometry, fonts: FontPair, page: int,
                 pages: int) -> None:
    canvas.setFont(fonts.regular, geo.body - 1.5)
    canvas.setFillColor(MUTED)
    y = geo.margin / 2 + 2
    canvas.drawString(geo.margin, y, f"{text('order', doc.language)} {doc.order_ref}")
    canvas.drawRightString(geo.size[0] - geo.margin, y, text("page_of", doc.language, page=page, pages=pages))
    canvas.setFillColorRGB(0, 0, 0)


def draw_packing_slip(canvas: Canvas, doc: PackingSlipDoc) -> int:
    """Draw the slip on `canvas` from a fresh page, ending each of its pages; returns its page count."""
    fonts = document_fonts()
    geo = _GEOMETRY[doc.page_size]
    grid, rows = _grid(doc, geo, fonts)
    wrapped: list[WrappedRow] = grid.wrap(rows)
    gift = _tail_lines(doc, geo, fonts, grid.width)
    bottom = geo.margin + geo.body
    # The first-page header height depends on the addresses; measure it by drawing it on page one.
    canvas.setPageSize(geo.size)
    table_top = _draw_first_header(canvas, doc, geo, fonts)
    next_top = geo.size[1] - geo.margin - geo.body * 2.5
    pages = grid.paginate(wrapped, table_top - bottom, next_top - bottom, _tail_height(doc, geo, gift))
    for number, page_rows in enumerate(pages, start=1):
        if number > 1:
            canvas.setPageSize(geo.size)
            table_top = _draw_next_header(canvas, doc, geo, fonts)
        y = table_top
        if page_rows or number == 1:
            y = grid.draw_header(canvas, geo.margin, y)
            y = grid.draw_rows(canvas, geo.margin, y, page_rows)
        if number == len(pages):
            _draw_tail(canvas, doc, geo, fonts, y, gift)
        _draw_footer(canvas, doc, geo, fonts, number, len(pages))
        canvas.showPage()
    return len(pages)


def new_canvas(buffer: io.BytesIO, title: str) -> Canvas:
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(title)
    return canvas


def render_packing_slip(doc: PackingSlipDoc) -> bytes:
    """One packing slip as PDF bytes."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, f"{text('packing_slip', doc.language)} {doc.order_ref}")
    draw_packing_slip(canvas, doc)
    canvas.save()
    return buffer.getvalue()
