"""Change pagination that loses nothing: a window sliding over modification stamps, blocks of
equal stamps read in the shop's id order, and a look-back overlap at the start of each pull.

Why each part:
- Page numbers over a fixed "changed since W" filter skip orders: when an order already read
  is modified it moves to the end, and every later order shifts one place up. So the window
  restarts at page 0 from the newest stamp seen; everything older than that stamp was in the
  page (the page is a sorted prefix), and only the newest stamp's orders are read again.
- More orders in one second than a page holds (a bulk status change, a migration) leave
  nothing newer to slide to. That second is read on its own, in the shop's id order, with an
  overlap between pages; if the first order of a page is not one already read, more orders left
  the block than the overlap covers and the block is read again from its start. Orders that
  leave the block got a newer stamp and come later in the window.
- A late commit, or a replica behind, can show an order with a stamp older than the cursor.
  Each pull starts `lookback` before the cursor; the import is idempotent (same version,
  nothing changes), so the overlap costs reads, never duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import timedelta
from typing import Any

from omsdesk.sync.connector import ChannelConfig, format_cursor, parse_utc
from omsdesk.sync.errors import SyncError

RawOrder = Mapping[str, Any]
# fetch(window, offset) -> (orders changed at or after `window` (None: all), oldest change
# first; whether the shop says nothing comes after them).
FetchPage = Callable[[str | None, int], tuple[list[RawOrder], bool]]
# fetch_block(stamp, offset): orders changed in that second, in ascending shop id; neighbours of
# the second may come too (a shop whose range end is fuzzy), they are left for the window.
FetchBlock = Callable[[str, int], list[RawOrder]]

DEFAULT_LOOKBACK = timedelta(minutes=5)
# Orders re-read at the start of each page of a block (at most half a page): removals up to
# this many between two pages are absorbed without re-reading the block.
BLOCK_OVERLAP = 20
# A block restarted this often means the shop rewrites that second faster than we read it.
MAX_BLOCK_RESTARTS = 25


def shift(stamp: str, delta: timedelta) -> str:
    """A cursor moved by `delta` (cursors are ISO 8601 UTC with second precision)."""
    return format_cursor(parse_utc(stamp) + delta)


def _id_order(key: str) -> tuple[int, int, str]:
    # Shop ids are numbers in text; compare them as numbers, anything else as text after.
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


def window_pages(
    since: str | None,
    fetch: FetchPage,
    fetch_block: FetchBlock,
    *,
    page_size: int,
    stamp_of: Callable[[RawOrder], str],
    key_of: Callable[[RawOrder], str],
    lookback: timedelta = DEFAULT_LOOKBACK,
) -> Iterator[tuple[list[RawOrder], str | None]]:
    """Yield (orders not seen yet in this pull, high-water mark) page by page.

    The mark never goes below `since`, so storing it after each committed page is safe. An
    order comes again only as a newer version (a new stamp) or from the look-back overlap.
    """
    seen: dict[str, str] = {}
    mark = since

    def fresh(raws: list[RawOrder]) -> list[RawOrder]:
        out = []
        for raw in raws:
            key, stamp = key_of(raw), stamp_of(raw)
            if key and seen.get(key) == stamp:
                continue
            if key:
                seen[key] = stamp
            out.append(raw)
        return out

    window = shift(since, -lookback) if since and lookback else since
    while True:
        raws, last = fetch(window, 0)
        stamps = [s for s in (stamp_of(r) for r in raws) if s]
        top = max(stamps) if stamps else None
        if top is not None and (mark is None or top > mark):
            mark = top
        new = fresh(raws)
        if new:
            yield new, mark
        if last or len(raws) < page_size or top is None:
            return
        if window is None or top > window:
            window = top
            continue
        # A full page all at `window`: more orders share that second than a page holds.
        for block in _block(window, fetch_block, page_size, stamp_of, key_of):
            new = fresh(block)
            if new:
                yield new, mark
        window = shift(window, timedelta(seconds=1))


def _block(stamp: str, fetch_block: FetchBlock, page_size: int,
           stamp_of: Callable[[RawOrder], str],
           key_of: Callable[[RawOrder], str]) -> Iterator[list[RawOrder]]:
    """Every order of one second, page by page in shop id order, safe while orders leave it."""
    highest: tuple[int, int, str] | None = None  # the highest shop id read in this block
    overlap = min(BLOCK_OVERLAP, page_size // 2)  # so each page still moves forward
    offset = restarts = 0
    while True:
        start = max(0, offset - overlap)
        raws = fetch_block(stamp, start)
        keys = [_id_order(key_of(r)) for r in raws]
        if start > 0 and highest is not None and (not keys or keys[0] > highest):
            # The page does not reach back to what we read: more orders than the overlap left
            # the block ahead of us, and some may have slid below `start`.
            restarts += 1
            if restarts > MAX_BLOCK_RESTARTS:
                raise SyncError(f"the orders changed at {stamp} keep changing faster than they "
                                "can be read; the next pull reads them again")
            offset = 0
            continue
        yield [r for r in raws if stamp_of(r) == stamp]
        if keys:
            highest = max(keys) if highest is None else max(highest, *keys)
        if len(raws) < page_size:
            return
        offset = start + len(raws)


def lookback(config: ChannelConfig) -> timedelta:
    """The channel's look-back overlap: option `lookback_seconds`, else DEFAULT_LOOKBACK."""
    value = config.options.get("lookback_seconds", "")
    return timedelta(seconds=int(value)) if value.strip().isdigit() else DEFAULT_LOOKBACK
