"""The 4x6 in shipping label as ZPL II for 203 dpi Zebra printers, sent raw to the queue."""

from __future__ import annotations

from omsdesk.documents.data import LabelDoc
from omsdesk.documents.formats import format_weight
from omsdesk.documents.layout import party_lines
from omsdesk.documents.texts import text

DPI = 203
WIDTH = 812  # 4 in at 203 dpi
HEIGHT = 1218  # 6 in
MARGIN = 30
INNER = WIDTH - 2 * MARGIN
BAR_HEIGHT = 220
QUIET_MODULES = 10  # Code128 needs ten modules of light space on each side


def field_text(value: str) -> str:
    """Field data made safe for ^FH: the characters ZPL reads as commands become hex escapes."""
    return value.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E").replace("\n", " ")


def _text(x: int, y: int, size: int, value: str, lines: int = 1, align: str = "L") -> str:
    # ^FB wraps on the printer; ^FH lets ^, ~ and _ appear in the data.
    return f"^FO{x},{y}^A0N,{size},{size}^FB{INNER},{lines},0,{align},0^FH^FD{field_text(value)}^FS"


def _rule(y: int) -> str:
    return f"^FO{MARGIN},{y}^GB{INNER},3,3^FS"


def code128_modules(data: str) -> int:
    """Width in modules of a Code128 subset B symbol: start, data, check, stop (13 modules)."""
    return 11 * (len(data) + 2) + 13


def _barcode(y: int, tracking: str) -> list[str]:
    modules = code128_modules(tracking)
    module = next((m for m in (4, 3) if (modules + 2 * QUIET_MODULES) * m <= WIDTH), 2)
    x = max(0, (WIDTH - modules * module) // 2)
    # In ^BC data '>' starts an invocation code; '><' is the way to print a literal '>'.
    data = field_text(tracking).replace(">", "><")
    return [f"^BY{module},3,{BAR_HEIGHT}", f"^FO{x},{y}^BCN,{BAR_HEIGHT},Y,N,N^FH^FD{data}^FS"]


def render_label_zpl(doc: LabelDoc, copies: int = 1) -> bytes:
    """The label as one ZPL II format (^XA ... ^XZ), UTF-8 encoded (^CI28)."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    lang = doc.language
    sender = party_lines(doc.sender, lang, with_contact=False)
    recipient = party_lines(doc.recipient, lang)
    parts = ["^XA", "^CI28", f"^PW{WIDTH}", f"^LL{HEIGHT}", "^LH0,0"]
    parts += [
        _text(MARGIN, 30, 56, doc.carrier),
        _text(MARGIN, 30, 56, f"{doc.parcel_index}/{doc.parcel_count}", align="R"),
        _text(MARGIN, 96, 28, doc.service),
        _text(MARGIN, 96, 28, f"{text('parcel', lang)} {format_weight(doc.weight_g, lang)}", align="R"),
        _rule(136),
        _text(MARGIN, 150, 20, text("from", lang).upper()),
        _text(MARGIN, 176, 24, ", ".join(sender[:2])),
        _text(MARGIN, 204, 24, ", ".join(sender[2:]), lines=2),
        _rule(262),
        _text(MARGIN, 276, 20, text("to", lang).upper()),
    ]
    y = 306
    parts.append(_text(MARGIN, y, 46, recipient[0], lines=2))
    y += 104
    for line in recipient[1:]:
        if y > 700:
            break  # room ends at the barcode rule; the printer would overprint it
        parts.append(_text(MARGIN, y, 36, line))
        y += 44
    barcode_y = 820
    parts += [_rule(barcode_y - 46), _text(MARGIN, barcode_y - 32, 20, text("tracking", lang).upper())]
    parts += _barcode(barcode_y, doc.tracking)
    parts.append(_text(MARGIN, HEIGHT - 60, 28, f"{text('order', lang)} {doc.order_ref}"))
    parts += [f"^PQ{copies}", "^XZ"]
    return "\n".join(parts).encode("utf-8")
