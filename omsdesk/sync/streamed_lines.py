"""The lines of a body read in chunks (a Shopify bulk export), wherever the reads cut them."""

from __future__ import annotations

from collections.abc import Iterator

from omsdesk.sync.turns import waiting


def split_lines(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The lines of a streamed body (without their line ends); each read is a wait."""
    pending = b""
    while True:
        with waiting():
            chunk = next(chunks, None)
        if chunk is None:
            break
        parts = (pending + chunk).split(b"\n")
        pending = parts.pop()
        for part in parts:
            yield part[:-1] if part.endswith(b"\r") else part
    if pending:
        yield pending[:-1] if pending.endswith(b"\r") else pending
