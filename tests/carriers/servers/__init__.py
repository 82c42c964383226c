"""Local carrier servers that follow Sendcloud's and Correos' public API documentation."""

from __future__ import annotations

import io
import itertools
import threading

from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas

_serial = itertools.count(1)
_lock = threading.Lock()
_pdf_cache: dict[str, bytes] = {}


def label_pdf(tracking: str) -> bytes:
    """A one-page 4x6 in PDF with the tracking number on it, as a carrier's label would be."""
    with _lock:
        if tracking in _pdf_cache:
            return _pdf_cache[tracking]
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(4 * inch, 6 * inch))
    canvas.setFont("Helvetica-Bold", 18)
    canvas.drawString(20, 380, tracking)
    canvas.showPage()
    canvas.save()
    data = buf.getvalue()
    with _lock:
        _pdf_cache[tracking] = data
    return data


def label_zpl(tracking: str) -> bytes:
    return f"^XA^FO50,50^A0N,40,40^FD{tracking}^FS^BY3^FO50,120^BCN,120,Y,N,N^FD{tracking}^FS^XZ".encode()


def next_serial() -> int:
    return next(_serial)
