"""A wrapped, paginated table drawn straight on a canvas: the fast path for batch documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from omsdesk.documents.layout import RULE, SHADE

Align = Literal["left", "right", "center", "check"]
MAX_CELL_LINES = 12  # a runaway product name must not push a row past the page


@dataclass(frozen=True)
class Column:
    """A table column; 'check' draws an empty tick box for the picker to mark."""

    title: str
    width: float
    align: Align = "left"
    bold: bool = False


@dataclass(frozen=True)
class WrappedRow:
    cells: tuple[tuple[str, ...], ...]
    height: float


def wrap_text(value: str, font: str, size: float, width: float) -> list[str]:
    """Break `value` into lines no wider than `width`, splitting words that are longer than a line."""
    lines: list[str] = []
    for paragraph in value.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if stringWidth(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while stringWidth(word, font, size) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and stringWidth(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    if len(lines) > MAX_CELL_LINES:
        lines = lines[: MAX_CELL_LINES - 1] + [lines[MAX_CELL_LINES - 1].rstrip() + " …"]
    return lines


class Grid:
    """Columns, fonts and spacing of one table; wraps rows, splits them into pages and draws them."""

    def __init__(self, columns: Sequence[Column], regular: str, bold: str, size: float, pad: float = 3.0):
        self.columns = tuple(columns)
        self.regular = regular
        self.bold = bold
        self.size = size
        self.pad = pad
        self.leading = size * 1.2
        self.width = sum(c.width for c in self.columns)
        self.header_height = self.leading + 2 * pad

    def wrap(self, rows: Sequence[Sequence[str]]) -> list[WrappedRow]:
        wrapped: list[WrappedRow] = []
        for row in rows:
            cells = tuple(
                tuple(wrap_text(value, self.bold if col.bold else self.regular, self.size, col.width - 2 * self.pad))
                if col.align != "check"
                else ("",)
                for col, value in zip(self.columns, row, strict=True)
            )
            lines = max(len(c) for c in cells)
            wrapped.append(WrappedRow(cells, lines * self.leading + 2 * self.pad))
        return wrapped

    def paginate(
        self, rows: Sequence[WrappedRow], first_space: float, other_space: float, tail: float = 0.0
    ) -> list[list[WrappedRow]]:
        """Rows per page given the room for rows (header excluded) on the first and later pages.

        `tail` is the height of what must follow the last row on the same page (totals, notes).
        """
        pages: list[list[WrappedRow]] = [[]]
        space = first_space - self.header_height
        for row in rows:
            if row.height > space and pages[-1]:
                pages.append([])
                space = other_space - self.header_height
            pages[-1].append(row)
            space -= row.height
        if tail > space:
            pages.append([])
        return pages

    def draw_header(self, canvas: Canvas, x: float, top: float) -> float:
        canvas.setFillColor(SHADE)
        canvas.rect(x, top - self.header_height, self.width, self.header_height, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(self.bold, self.size)
        baseline = top - self.pad - self.size
        left = x
        for col in self.columns:
            self._text(canvas, col, col.title, left, baseline)
            left += col.width
        return top - self.header_height

    def draw_rows(self, canvas: Canvas, x: float, top: float, rows: Sequence[WrappedRow]) -> float:
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.3)
        for row in rows:
            left = x
            for col, lines in zip(self.columns, row.cells, strict=True):
                if col.align == "check":
                    box = self.size * 1.1
                    canvas.rect(left + (col.width - box) / 2, top - self.pad - box, box, box, stroke=1, fill=0)
                else:
                    canvas.setFont(self.bold if col.bold else self.regular, self.size)
                    baseline = top - self.pad - self.size
                    for line in lines:
                        self._text(canvas, col, line, left, baseline)
                        baseline -= self.leading
                left += col.width
            top -= row.height
            canvas.line(x, top, x + self.width, top)
        return top

    def _text(self, canvas: Canvas, col: Column, value: str, left: float, baseline: float) -> None:
        if col.align == "right":
            canvas.drawRightString(left + col.width - self.pad, baseline, value)
        elif col.align in ("center", "check"):
            canvas.drawCentredString(left + col.width / 2, baseline, value)
        else:
            canvas.drawString(left + self.pad, baseline, value)
