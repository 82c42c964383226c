"""Fewer cyclic garbage collections while an import runs.

An import allocates millions of short-lived objects (parsed JSON, shop orders, row dicts),
nearly all freed by reference counting, never by the cycle collector. With the interpreter's
default first threshold (700 allocations) the collector still ran over a thousand times for
10,000 orders and each run walked the young objects still alive, about an eighth of the
import's time (`omsdesk bench --only sync-import`). While any import is running the first
threshold is raised; the old thresholds come back when the last one ends. Cycles are still
collected, only in fewer, larger passes. Where automatic collection is off (the desktop
collects on its GUI thread, ui/gui_gc.py) this changes nothing.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations between two young-generation passes during an import: a few pages' worth of
# orders, a few MB of objects at most.
IMPORT_THRESHOLD = 50_000

_lock = threading.Lock()
_active = 0
_saved: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's first threshold for the duration (re-entrant, any thread)."""
    global _active, _saved
    with _lock:
        if _active == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(max(_saved[0], IMPORT_THRESHOLD), _saved[1], _saved[2])
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                gc.set_threshold(*_saved)
