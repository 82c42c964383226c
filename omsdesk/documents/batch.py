"""Many packing slips or labels rendered into one PDF (one print job), with progress and cancel."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TypeVar

from reportlab.pdfgen.canvas import Canvas

from omsdesk.documents.data import LabelDoc, PackingSlipDoc
from omsdesk.documents.errors import BatchCancelled
from omsdesk.documents.label import LABEL_SIZE, draw_label
from omsdesk.documents.packing_slip import draw_packing_slip

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
Doc = TypeVar("Doc")


def _render_all(
    docs: Sequence[Doc],
    draw: Callable[[Canvas, Doc], object],
    title: str,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> bytes:
    if not docs:
        raise ValueError("nothing to render: the batch is empty")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LABEL_SIZE, invariant=True)
    canvas.setTitle(title)
    total = len(docs)
    for done, doc in enumerate(docs, start=1):
        # Checked before each document so a cancel takes effect within one slip's time.
        if cancelled is not None and cancelled():
            raise BatchCancelled(f"Cancelled after {done - 1} of {total} documents; nothing was printed.")
        draw(canvas, doc)
        if progress is not None:
            progress(done, total)
    canvas.save()
    return buffer.getvalue()


def render_packing_slips(
    docs: Sequence[PackingSlipDoc],
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> bytes:
    """All slips in one PDF, each from a new page; `progress(done, total)` after each slip.

    Raises BatchCancelled as soon as `cancelled()` returns true; no partial PDF is returned.
    """
    return _render_all(docs, draw_packing_slip, f"Packing slips ({len(docs)})", progress, cancelled)


def render_labels(
    docs: Sequence[LabelDoc],
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> bytes:
    """All 4x6 labels in one PDF, one page each, with the same progress and cancel contract."""
    return _render_all(docs, draw_label, f"Labels ({len(docs)})", progress, cancelled)
