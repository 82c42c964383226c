"""Shared drawing pieces: paragraph styles, the page-X-of-Y canvas, barcodes, party address text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from omsdesk.documents.data import Party
from omsdesk.documents.fonts import document_fonts
from omsdesk.documents.texts import text

INK = colors.black
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#999999")
SHADE = colors.HexColor("#E8E8E8")

FooterPainter = Callable[[Canvas, int, int], None]


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    bold: ParagraphStyle
    right: ParagraphStyle
    title: ParagraphStyle
    cell: ParagraphStyle


@lru_cache(maxsize=8)
def styles(size: float = 9.0) -> Styles:
    """Paragraph styles in DejaVu Sans at base size `size`."""
    fonts = document_fonts()
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=size, leading=size * 1.25)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=size - 1.5, leading=(size - 1.5) * 1.25, textColor=MUTED),
        bold=ParagraphStyle("bold", parent=body, fontName=fonts.bold),
        right=ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        title=ParagraphStyle(
            "title", parent=body, fontName=fonts.bold, fontSize=size * 2, leading=size * 2.4, alignment=TA_LEFT
        ),
        cell=ParagraphStyle("cell", parent=body, fontSize=size - 0.5, leading=(size - 0.5) * 1.2),
    )


def markup(value: str) -> str:
    """Plain text made safe for Paragraph markup, keeping the line breaks."""
    return escape(value).replace("\n", "<br/>")


def party_lines(party: Party, language: str, with_contact: bool = True) -> list[str]:
    """The address block of a party as lines of plain text, name first."""
    lines = [party.name]
    if party.tax_id:
        lines.append(f"{text(party.tax_id_kind, language)}: {party.tax_id}")
    lines.extend(line for line in party.address_lines if line)
    if party.country:
        lines.append(party.country)
    if with_contact:
        contact = " · ".join(v for v in (party.phone, party.email) if v)
        if contact:
            lines.append(contact)
    return lines


def code128(value: str, max_width: float, bar_height: float, max_bar_width: float = 1.4) -> Code128:
    """A Code128 symbol no wider than `max_width` (quiet zones included), bars as wide as fit."""
    symbol = Code128(value, barWidth=1.0, barHeight=bar_height, humanReadable=False, lquiet=0, rquiet=0)
    modules = float(symbol.width)  # at a bar width of 1 pt the width in points is the module count
    # ReportLab's quiet zone: ten modules, but never under a quarter inch.
    bar_width = min(max_bar_width, (max_width - 2 * 18.0) / modules)
    quiet = max(18.0, 10 * bar_width)
    if 2 * quiet + modules * bar_width > max_width:
        bar_width = (max_width - 2 * quiet) / modules
    # Re-sizing the same symbol avoids encoding the value twice (it matters for batches).
    symbol.barWidth = bar_width
    symbol.lquiet = symbol.rquiet = quiet
    symbol.computeSize()
    return symbol


class PagedCanvas(Canvas):
    """A canvas that holds its pages until save(), so each footer can print 'page X of Y'."""

    def __init__(self, *args: Any, footer: FooterPainter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._footer(self, number, total)
            super().showPage()
        super().save()


def paged_canvas_maker(footer: FooterPainter) -> Callable[..., Canvas]:
    def make(*args: Any, **kwargs: Any) -> Canvas:
        return PagedCanvas(*args, footer=footer, **kwargs)

    return make
