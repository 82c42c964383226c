"""The purchase order sent to a supplier: lines to deliver into one warehouse, on A4."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from omsdesk.documents.fonts import document_fonts
from omsdesk.documents.formats import format_amount, format_day, format_money
from omsdesk.documents.grid import Column, Grid
from omsdesk.documents.layout import MUTED, code128
from omsdesk.documents.texts import text

MARGIN = 15 * mm
SIZE = 9.0

# Labels only this document prints (the shared table in texts.py belongs to the other documents).
_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Pedido de compra", "Purchase order"),
    "supplier": ("Proveedor", "Supplier"),
    "deliver_to": ("Entregar en", "Deliver to"),
    "order_date": ("Fecha", "Date"),
    "expected": ("Entrega prevista", "Expected delivery"),
    "unit_cost": ("Coste unit.", "Unit cost"),
    "notes": ("Notas", "Notes"),
    "buyer": ("Comprador", "Buyer"),
}


def _label(key: str, lang: str) -> str:
    es, en = _LABELS[key]
    return es if lang == "es" else en


@dataclass(frozen=True)
class PurchaseDocLine:
    sku: str
    name: str
    qty: int
    unit_cost: int


@dataclass(frozen=True)
class PurchaseOrderDoc:
    reference: str
    order_date: date
    supplier_lines: tuple[str, ...]     # name, tax id, address, email
    deliver_to_lines: tuple[str, ...]   # warehouse name and address
    currency: str
    lines: tuple[PurchaseDocLine, ...]
    expected: date | None = None
    buyer: str = ""
    notes: str = ""
    language: str = "es"


def render_purchase_order(doc: PurchaseOrderDoc) -> bytes:
    """The purchase order as PDF bytes, paginated, with a total and the reference as a barcode."""
    fonts = document_fonts()
    lang = doc.language
    width, height = A4
    usable = width - 2 * MARGIN
    columns = [
        Column(text("sku", lang), 30 * mm, bold=True),
        Column(text("description", lang), 0),
        Column(text("qty", lang), 16 * mm, "right", bold=True),
        Column(f"{_label('unit_cost', lang)} ({doc.currency})", 26 * mm, "right"),
        Column(f"{text('amount', lang)} ({doc.currency})", 28 * mm, "right"),
    ]
    flex = usable - sum(c.width for c in columns)
    columns = [Column(c.title, flex) if c.width == 0 else c for c in columns]
    grid = Grid(columns, fonts.regular, fonts.bold, SIZE - 0.5)
    wrapped = grid.wrap([
        [ln.sku, ln.name, str(ln.qty), format_amount(ln.unit_cost, doc.currency, lang),
         format_amount(ln.qty * ln.unit_cost, doc.currency, lang)] for ln in doc.lines
    ])
    total = sum(ln.qty * ln.unit_cost for ln in doc.lines)

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(f"{_label('title', lang)} {doc.reference}")
    top = height - MARGIN
    bottom = MARGIN + SIZE * 4
    first_top = top - 62 * mm
    next_top = top - SIZE * 2.5
    pages = grid.paginate(wrapped, first_top - bottom, next_top - bottom)
    for number, page_rows in enumerate(pages, start=1):
        if number == 1:
            canvas.setFont(fonts.bold, SIZE * 2)
            canvas.drawString(MARGIN, top - SIZE * 2, f"{_label('title', lang)} {doc.reference}")
            symbol = code128(doc.reference, 60 * mm, 10 * mm)
            symbol.drawOn(canvas, width - MARGIN - symbol.width, top - 10 * mm)
            canvas.setFont(fonts.regular, SIZE)
            facts = f"{_label('order_date', lang)}: {format_day(doc.order_date, lang)}"
            if doc.expected:
                facts += f"    {_label('expected', lang)}: {format_day(doc.expected, lang)}"
            if doc.buyer:
                facts += f"    {_label('buyer', lang)}: {doc.buyer}"
            canvas.drawString(MARGIN, top - SIZE * 2 - 7 * mm, facts)
            for x, title, lines in ((MARGIN, _label("supplier", lang), doc.supplier_lines),
                                    (MARGIN + usable / 2, _label("deliver_to", lang), doc.deliver_to_lines)):
                y = top - 28 * mm
                canvas.setFont(fonts.bold, SIZE)
                canvas.drawString(x, y, title.upper())
                canvas.setFont(fonts.regular, SIZE)
                for line in lines[:6]:
                    y -= SIZE * 1.3
                    canvas.drawString(x, y, line)
            y = first_top
        else:
            canvas.setFont(fonts.bold, SIZE + 1)
            canvas.drawString(MARGIN, top - SIZE, f"{_label('title', lang)} {doc.reference}")
            y = next_top
        y = grid.draw_header(canvas, MARGIN, y)
        y = grid.draw_rows(canvas, MARGIN, y, page_rows)
        if number == len(pages):
            canvas.setFont(fonts.bold, SIZE + 1)
            canvas.drawRightString(width - MARGIN, y - SIZE * 1.8,
                                   f"{text('total', lang)}: {format_money(total, doc.currency, lang)}")
            if doc.notes:
                canvas.setFont(fonts.regular, SIZE - 0.5)
                canvas.drawString(MARGIN, y - SIZE * 1.8, f"{_label('notes', lang)}: {doc.notes}"[:110])
        canvas.setFont(fonts.regular, SIZE - 1.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN / 2 + 2, f"{_label('title', lang)} {doc.reference}")
        canvas.drawRightString(width - MARGIN, MARGIN / 2 + 2, text("page_of", lang, page=number, pages=len(pages)))
        canvas.setFillColorRGB(0, 0, 0)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
