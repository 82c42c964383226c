"""Offset pagination over a "changed at or after W" window that slides forward as W advances."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

RawOrder = Mapping[str, Any]
# fetch(window, page_index) -> (orders of that page, whether the shop says it is the last)
FetchPage = Callable[[str | None, int], tuple[list[RawOrder], bool]]


def window_pages(
    since: str | None,
    fetch: FetchPage,
    *,
    page_size: int,
    stamp_of: Callable[[RawOrder], str],
    key_of: Callable[[RawOrder], str],
) -> Iterator[tuple[list[RawOrder], str | None]]:
    """Yield (new orders, high-water mark) page by page, oldest change first.

    Plain page numbers over a fixed filter skip orders when one already read is modified
    meanwhile (it moves to the end and every later order shifts one page up). Restarting
    at page 0 with the filter moved to the newest stamp seen avoids that; page numbers only
    advance while a full page carries no newer stamp (many orders changed in one second).
    The window is inclusive, so an order at the boundary is read twice and dropped here
    by (key, stamp); a newer version of it has a new stamp and comes through.
    """
    window = since
    page = 0
    seen: dict[str, str] = {}
    while True:
        raws, last = fetch(window, page)
        fresh = []
        for raw in raws:
            key, stamp = key_of(raw), stamp_of(raw)
            if key and seen.get(key) == stamp:
                continue
            if key:
                seen[key] = stamp
            fresh.append(raw)
        stamps = [s for s in (stamp_of(r) for r in raws) if s]
        top = max(stamps) if stamps else None
        mark = top if top is not None and (window is None or top > window) else window
        if fresh:
            yield fresh, mark
        if last or len(raws) < page_size:
            return
        if mark != window:
            window, page = mark, 0
        else:
            page += 1
