"""QR codes drawn as filled rectangles from qrcode's matrix (ReportLab's QR widget is too slow)."""

from __future__ import annotations

from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

# Printed above the code on every invoice (AEAT, "Características del QR", section 4).
QR_HEADING = "QR tributario:"

QUIET_MODULES = 4  # ISO/IEC 18004 asks for a four-module light margin around the symbol.
DEFAULT_SIZE = 32 * mm  # VERI*FACTU wants the code between 30 and 40 mm (the symbol, not its margin).

Run = tuple[int, int, int]  # row, first column, length of a run of dark modules


@lru_cache(maxsize=256)
def qr_runs(data: str) -> tuple[int, tuple[Run, ...]]:
    """Module count and the dark runs of each row of the QR symbol for `data` (level M)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    runs: list[Run] = []
    for row, modules in enumerate(matrix):
        start = -1
        for col, dark in enumerate([*modules, False]):
            if dark and start < 0:
                start = col
            elif not dark and start >= 0:
                runs.append((row, start, col - start))
                start = -1
    return len(matrix), tuple(runs)


def quiet_zone(data: str, size: float) -> float:
    """Width of the light margin the layout must leave around a symbol of side `size`."""
    count, _ = qr_runs(data)
    return QUIET_MODULES * size / count


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float = DEFAULT_SIZE) -> None:
    """Draw the symbol as a square of side `size` whose lower left corner is (x, y)."""
    count, runs = qr_runs(data)
    module = size / count
    top = y + size
    # One path for every run: a single fill leaves no anti-aliasing seams between modules.
    path = canvas.beginPath()
    for row, col, length in runs:
        path.rect(x + col * module, top - (row + 1) * module, length * module, module)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class QrFlowable(Flowable):
    """A QR symbol of side `size` for platypus stories, with its quiet zone around it."""

    def __init__(self, data: str, size: float = DEFAULT_SIZE) -> None:
        super().__init__()
        self.data = data
        self.size = size
        self.margin = quiet_zone(data, size)
        self.width = self.height = size + 2 * self.margin

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        draw_qr(self.canv, self.data, self.margin, self.margin, self.size)
