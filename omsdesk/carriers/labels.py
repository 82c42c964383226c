"""Tell what a carrier's label really is (PDF or ZPL) from its first bytes, and refuse anything else."""

from __future__ import annotations

from omsdesk.carriers.base import LabelFormatError


def label_kind(data: bytes) -> str:
    """'pdf', 'zpl' or '' for bytes that are neither."""
    head = data[:64].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"^XA", b"~")) and b"^XZ" in data[-64:]:
        return "zpl"
    return ""


def check_label(data: bytes, wanted: str, carrier: str) -> str:
    """The label's format; LabelFormatError when it is empty, unreadable or not what was asked for."""
    kind = label_kind(data)
    if not kind:
        what = "an empty answer" if not data else f"{len(data)} bytes starting {data[:8]!r}"
        raise LabelFormatError(f"{carrier} sent a label that is neither PDF nor ZPL ({what}); "
                               "nothing was printed, book again to fetch it")
    if kind != wanted:
        raise LabelFormatError(f"{carrier} sent a {kind.upper()} label where {wanted.upper()} was asked for; "
                               "nothing was printed, book again to fetch it")
    return kind
