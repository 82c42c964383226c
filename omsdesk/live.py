"""Listening to what other workstations change on a shared PostgreSQL (LISTEN omsdesk_*).

The triggers of migration 0870 notify, in the writing transaction, the keys of the orders,
stock levels, invoices and outbox messages a statement touched. A listener holds its own
connection (autocommit, no pool), reconnects with backoff when it drops, and then reports a
full refresh, because whatever happened while it was away was not heard.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import psycopg

KINDS = ("orders", "stock", "invoices", "outbox")
EVERYTHING = "*"


@dataclass(frozen=True)
class Change:
    kind: str                 # orders, stock, invoices, outbox; "reconnected" after a gap
    keys: tuple[str, ...]     # references, product ids, numbers, ids; ("*",) means all of them
    received_at: float        # time.monotonic() when it arrived


def parse(channel: str, payload: str, now: float) -> Change | None:
    """A notification as a Change; None for a channel this listener does not know."""
    kind = channel.removeprefix("omsdesk_")
    if kind not in KINDS:
        return None
    keys = tuple(k for k in payload.split(",") if k) or (EVERYTHING,)
    return Change(kind, keys, now)


class ChangeListener:
    """`changes()` yields Changes until `stop()`; connection faults are retried with backoff."""

    def __init__(self, url: str, *, backoff: tuple[float, ...] = (0.5, 1, 2, 5, 10, 30)) -> None:
        self.url = url
        self.backoff = backoff
        self._stopped = False
        self.connected = False

    def stop(self) -> None:
        self._stopped = True

    def _open(self) -> psycopg.Connection:
        import psycopg

        from omsdesk.connection import psycopg_kwargs

        # TLS options and the keyring's password, as the engine has them (omsdesk/connection.py).
        conn = psycopg.connect(**psycopg_kwargs(self.url, timeout=5), autocommit=True)
        for kind in KINDS:
            conn.execute(f"LISTEN omsdesk_{kind}")
        return conn

    def changes(self, *, poll: float = 0.5) -> Iterator[Change]:
        import psycopg

        attempt = 0
        first = True
        while not self._stopped:
            try:
                conn = self._open()
            except psycopg.Error:
                self.connected = False
                time.sleep(self.backoff[min(attempt, len(self.backoff) - 1)])
                attempt += 1
                continue
            self.connected = True
            if not first:
                # Anything could have changed while nobody listened: everything is stale.
                yield Change("reconnected", (EVERYTHING,), time.monotonic())
            first, attempt = False, 0
            try:
                while not self._stopped:
                    for note in conn.notifies(timeout=poll, stop_after=256):
                        change = parse(note.channel, note.payload, time.monotonic())
                        if change is not None:
                            yield change
            except psycopg.Error:
                self.connected = False
                time.sleep(self.backoff[0])
            finally:
                with contextlib.suppress(psycopg.Error):
                    conn.close()
