"""The page prefetcher of an order pull (omsdesk/sync/engine.py: prefetched)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from omsdesk.sync.connector import OrderPage
from omsdesk.sync.engine import prefetched
from omsdesk.sync.turns import Turns


def test_pages_come_in_order_and_a_consumer_that_stops_closes_the_connectors_pages() -> None:
    """A bulk export's reader process lives as long as the connector's generator: stopping
    early must close it at once, not whenever it is garbage-collected."""
    closed = threading.Event()
    produced: list[int] = []

    def pages() -> Iterator[OrderPage]:
        try:
            for n in range(100):
                produced.append(n)
                yield OrderPage((), str(n))
        finally:
            closed.set()

    source = pages()
    keep = source  # a reference held elsewhere, as the engine's frame holds one
    stream = prefetched(source, Turns())
    assert [next(stream).next_cursor for _ in range(3)] == ["0", "1", "2"]
    stream.close()
    assert closed.wait(10), "the connector's generator was left open"
    assert len(produced) < 100
    del keep


def test_a_connector_error_reaches_the_consumer_after_the_pages_before_it() -> None:
    def pages() -> Iterator[OrderPage]:
        yield OrderPage((), "a")
        raise RuntimeError("the shop went away")

    stream = prefetched(pages(), Turns())
    assert next(stream).next_cursor == "a"
    try:
        next(stream)
    except RuntimeError as exc:
        assert "went away" in str(exc)
    else:
        raise AssertionError("the error was lost")
