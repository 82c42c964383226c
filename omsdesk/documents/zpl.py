"""The 4x6 in shipping label as ZPL II for 203 or 300 dpi Zebra printers, sent raw to the queue.

The layout is drawn in 203 dpi dots and scaled to the printer's resolution, so a 300 dpi
printer gets the same 4x6 in label, not a label two thirds the size.
"""

from __future__ import annotations

from omsdesk.documents.data import LabelDoc
from omsdesk.documents.formats import format_weight
from omsdesk.documents.layout import party_lines
from omsdesk.documents.texts import text

DPI = 203  # the resolution the layout below is drawn in
SUPPORTED_DPI = (203, 300)
WIDTH = 812  # 4 in at 203 dpi
HEIGHT = 1218  # 6 in
MARGIN = 30
INNER = WIDTH - 2 * MARGIN
BAR_HEIGHT = 220
QUIET_MODULES = 10  # Code128 needs ten modules of light space on each side


def field_text(value: str) -> str:
    """Field data made safe for ^FH: the characters ZPL reads as commands become hex escapes."""
    return value.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E").replace("\n", " ")


class _Dots:
    """Dots at the printer's resolution from the 203 dpi layout figures."""

    def __init__(self, dpi: int) -> None:
        if dpi not in SUPPORTED_DPI:
            raise ValueError(f"label printers at {dpi} dpi are not supported (one of {SUPPORTED_DPI})")
        self.dpi = dpi

    def __call__(self, n: int) -> int:
        return round(n * self.dpi / DPI)

    def text(self, x: int, y: int, size: int, value: str, lines: int = 1, align: str = "L") -> str:
        # ^FB wraps on the printer; ^FH lets ^, ~ and _ appear in the data.
        d = self
        return (f"^FO{d(x)},{d(y)}^A0N,{d(size)},{d(size)}^FB{d(INNER)},{lines},0,{align},0"
                f"^FH^FD{field_text(value)}^FS")

    def rule(self, y: int) -> str:
        d = self
        return f"^FO{d(MARGIN)},{d(y)}^GB{d(INNER)},{d(3)},{d(3)}^FS"

    def barcode(self, y: int, tracking: str) -> list[str]:
        width = self(WIDTH)
        modules = code128_modules(tracking)
        module = next((m for m in range(self(4), 1, -1) if (modules + 2 * QUIET_MODULES) * m <= width), 2)
        x = max(0, (width - modules * module) // 2)
        # In ^BC data '>' starts an invocation code; '><' is the way to print a literal '>'.
        data = field_text(tracking).replace(">", "><")
        bar = self(BAR_HEIGHT)
        return [f"^BY{module},3,{bar}", f"^FO{x},{self(y)}^BCN,{bar},Y,N,N^FH^FD{data}^FS"]


def code128_modules(data: str) -> int:
    """Width in modules of a Code128 subset B symbol: start, data, check, stop (13 modules)."""
    return 11 * (len(data) + 2) + 13


def render_label_zpl(doc: LabelDoc, copies: int = 1, dpi: int = DPI) -> bytes:
    """The label as one ZPL II format (^XA ... ^XZ), UTF-8 encoded (^CI28), for a `dpi` printer."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    d = _Dots(dpi)
    lang = doc.language
    sender = party_lines(doc.sender, lang, with_contact=False)
    recipient = party_lines(doc.recipient, lang)
    parts = ["^XA", "^CI28", f"^PW{d(WIDTH)}", f"^LL{d(HEIGHT)}", "^LH0,0"]
    parts += [
        d.text(MARGIN, 30, 56, doc.carrier),
        d.text(MARGIN, 30, 56, f"{doc.parcel_index}/{doc.parcel_count}", align="R"),
        d.text(MARGIN, 96, 28, doc.service),
        d.text(MARGIN, 96, 28, f"{text('parcel', lang)} {format_weight(doc.weight_g, lang)}", align="R"),
        d.rule(136),
        d.text(MARGIN, 150, 20, text("from", lang).upper()),
        d.text(MARGIN, 176, 24, ", ".join(sender[:2])),
        d.text(MARGIN, 204, 24, ", ".join(sender[2:]), lines=2),
        d.rule(262),
        d.text(MARGIN, 276, 20, text("to", lang).upper()),
    ]
    y = 306
    parts.append(d.text(MARGIN, y, 46, recipient[0], lines=2))
    y += 104
    for line in recipient[1:]:
        if y > 700:
            break  # room ends at the barcode rule; the printer would overprint it
        parts.append(d.text(MARGIN, y, 36, line))
        y += 44
    barcode_y = 820
    parts += [d.rule(barcode_y - 46), d.text(MARGIN, barcode_y - 32, 20, text("tracking", lang).upper())]
    parts += d.barcode(barcode_y, doc.tracking)
    parts.append(d.text(MARGIN, HEIGHT - 60, 28, f"{text('order', lang)} {doc.order_ref}"))
    parts += [f"^PQ{copies}", "^XZ"]
    return "\n".join(parts).encode("utf-8")
