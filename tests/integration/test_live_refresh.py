"""Live refresh between workstations on one PostgreSQL (issue 17 point 1).

PostgreSQL docs, NOTIFY: "if a NOTIFY is executed inside a transaction, the notify events are
not delivered until and unless the transaction is committed"; the payload "must be specified
as a simple string literal ... shorter than 8000 bytes". The triggers of migration 0870 send
the keys a statement touched on channels omsdesk_orders, _stock, _invoices and _outbox.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from omsdesk.db import Database
from omsdesk.live import Change, ChangeListener
from omsdesk.services.fulfilment import orders as svc
from tests.fixtures.database import ACTOR, PgSessionDatabase, Shop

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_db(pg_migrated: PgSessionDatabase) -> Iterator[Database]:
    database = pg_migrated.fresh()
    try:
        yield database
    finally:
        database.dispose()


class Heard:
    """A listener on its own thread, like a second desk, collecting what it hears."""

    def __init__(self, url: str) -> None:
        self.listener = ChangeListener(url, backoff=(0.2,))
        self.inbox: queue.Queue[Change] = queue.Queue()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.listener.connected:
            assert time.monotonic() < deadline, "the listener never connected"
            time.sleep(0.05)

    def _run(self) -> None:
        for change in self.listener.changes(poll=0.1):
            self.inbox.put(change)

    def next(self, kind: str, timeout: float = 5.0) -> Change:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, f"no {kind} change heard"
            change = self.inbox.get(timeout=left)
            if change.kind == kind:
                return change

    def quiet(self, seconds: float = 0.5) -> list[Change]:
        time.sleep(seconds)
        out = []
        while not self.inbox.empty():
            out.append(self.inbox.get())
        return out

    def stop(self) -> None:
        self.listener.stop()
        self.thread.join(timeout=5)


@pytest.fixture
def heard(pg_db: Database) -> Iterator[Heard]:
    listener = Heard(pg_db.url)
    try:
        yield listener
    finally:
        listener.stop()


def test_an_order_written_on_one_desk_is_heard_on_the_other_with_its_reference(
        pg_db: Database, heard: Heard) -> None:
    shop = Shop(pg_db)
    shop.warehouses(("MAD",))
    sku = shop.product()
    shop.stock(sku, 3)
    stock = heard.next("stock")
    assert stock.keys and stock.keys != ("*",)
    ref = shop.order({sku: 1})
    assert ref in heard.next("orders").keys
    svc.hold_order(pg_db, ref, actor=ACTOR, reason="check address")
    assert heard.next("orders").keys == (ref,)


def test_a_rolled_back_change_is_never_announced(pg_db: Database, heard: Heard) -> None:
    shop = Shop(pg_db)
    shop.warehouses(("MAD",))
    ref = shop.order({shop.product(): 1})
    heard.quiet()
    with pytest.raises(RuntimeError), pg_db.write() as s:
        s.execute(text("UPDATE orders SET notes = 'x' WHERE reference = :r"), {"r": ref})
        raise RuntimeError("the clerk's change fails half way")
    assert [c for c in heard.quiet() if c.kind == "orders"] == []


def test_too_many_keys_for_one_payload_say_everything(pg_db: Database, heard: Heard) -> None:
    shop = Shop(pg_db)
    shop.warehouses(("MAD",))
    sku = shop.product()
    refs = [shop.order({sku: 1}) for _ in range(3)]
    heard.quiet()
    with pg_db.write() as s:
        # One statement touching more keys than 8000 bytes hold: the refresh is of everything.
        s.execute(text("UPDATE orders SET notes = repeat('n', 1) || reference"))
        s.execute(text("INSERT INTO outbox (topic, payload, status, attempts, created_at, next_attempt_at, key, "
                       "idempotency_key, last_error) "
                       "SELECT 'test.bulk', '{}', 'delivered', 0, now(), now(), 'k' || g, 'bulk-' || g, '' "
                       "FROM generate_series(1, 2000) AS g"))
    assert set(heard.next("orders").keys) == set(refs)
    assert heard.next("outbox").keys == ("*",)


def test_a_dropped_listen_connection_comes_back_and_asks_for_a_full_refresh(
        pg_db: Database, heard: Heard) -> None:
    with pg_db.write() as s:
        s.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE query LIKE 'LISTEN omsdesk_%' AND pid <> pg_backend_pid()"))
    assert heard.next("reconnected", timeout=10).keys == ("*",)
    shop = Shop(pg_db)
    ref = shop.order({shop.product(): 1})
    assert ref in heard.next("orders").keys
