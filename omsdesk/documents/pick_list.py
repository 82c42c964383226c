"""The pick list of a wave: one row per SKU and bin, in walking order, on A4."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from omsdesk.documents.data import PickListDoc, bin_sort_key
from omsdesk.documents.fonts import document_fonts
from omsdesk.documents.formats import format_moment
from omsdesk.documents.grid import Column, Grid
from omsdesk.documents.layout import MUTED, code128
from omsdesk.documents.texts import text

MARGIN = 15 * mm
SIZE = 9.0


def render_pick_list(doc: PickListDoc) -> bytes:
    """The pick list as PDF bytes; rows sorted by bin whatever order they came in."""
    fonts = document_fonts()
    lang = doc.language
    width, height = A4
    usable = width - 2 * MARGIN
    columns = [
        Column(text("bin", lang), 22 * mm, bold=True),
        Column(text("sku", lang), 26 * mm),
        Column(text("ean", lang), 29 * mm),
        Column(text("description", lang), 0),
        Column(text("qty", lang), 12 * mm, "right", bold=True),
        Column(text("orders", lang), 34 * mm),
        Column(text("picked", lang), 12 * mm, "check"),
    ]
    flex = usable - sum(c.width for c in columns)
    columns = [Column(c.title, flex) if c.width == 0 else c for c in columns]
    grid = Grid(columns, fonts.regular, fonts.bold, SIZE - 0.5)
    rows = sorted(doc.rows, key=lambda r: (bin_sort_key(r.bin), r.sku))
    wrapped = grid.wrap(
        [[r.bin, r.sku, r.ean, r.name, str(r.qty), ", ".join(r.order_refs), ""] for r in rows]
    )

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(f"{text('pick_list', lang)} {doc.wave}")
    top = height - MARGIN
    bottom = MARGIN + SIZE
    first_top = top - 21 * mm
    next_top = top - SIZE * 2.5
    pages = grid.paginate(wrapped, first_top - bottom, next_top - bottom)
    orders = doc.order_count or len({ref for r in doc.rows for ref in r.order_refs})
    summary = (
        f"{text('warehouse', lang)}: {doc.warehouse}    {text('created', lang)}: "
        f"{format_moment(doc.created_at, lang)}    {text('orders', lang)}: {orders}    "
        f"{text('lines', lang)}: {len(rows)}    {text('items', lang)}: {sum(r.qty for r in rows)}"
    )
    for number, page_rows in enumerate(pages, start=1):
        if number == 1:
            canvas.setFont(fonts.bold, SIZE * 2)
            canvas.drawString(MARGIN, top - SIZE * 2, f"{text('pick_list', lang)} {doc.wave}")
            symbol = code128(doc.wave, 60 * mm, 10 * mm)
            symbol.drawOn(canvas, width - MARGIN - symbol.width, top - 10 * mm)
            canvas.setFont(fonts.regular, SIZE)
            canvas.drawString(MARGIN, top - SIZE * 2 - 8 * mm, summary)
            y = first_top
        else:
            canvas.setFont(fonts.bold, SIZE + 1)
            canvas.drawString(MARGIN, top - SIZE, f"{text('pick_list', lang)} {doc.wave}")
            y = next_top
        y = grid.draw_header(canvas, MARGIN, y)
        grid.draw_rows(canvas, MARGIN, y, page_rows)
        canvas.setFont(fonts.regular, SIZE - 1.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN / 2 + 2, f"{text('wave', lang)} {doc.wave} · {doc.warehouse}")
        canvas.drawRightString(width - MARGIN, MARGIN / 2 + 2, text("page_of", lang, page=number, pages=len(pages)))
        canvas.setFillColorRGB(0, 0, 0)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
