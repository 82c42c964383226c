"""The counter keeps selling when the PostgreSQL server is cut off (issue 17 point 4).

The client really loses the server: it talks to PostgreSQL through a TCP forwarder
(tests/fixtures/cuttable_proxy.py) that stops listening and drops every open connection (what
a pulled LAN cable or a stopped server looks like to the client), and then listens again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from omsdesk.db import Database
from omsdesk.models import Order, StockLevel, StockMove
from omsdesk.models.invoice import Invoice
from omsdesk.queries.exceptions import exceptions
from omsdesk.services.context import Actor
from omsdesk.services.counter import CounterSale, SaleLine
from omsdesk.services.counter_journal import Journal
from omsdesk.services.counter_offline import (
    OfflineSale,
    offline_receipt_doc,
    prepare_offline,
    replay,
    sell_or_journal,
    server_reachable,
)
from omsdesk.services.invoicing.company import set_company
from omsdesk.services.invoicing.numbering import series_gaps
from omsdesk.services.invoicing.records import verify_chain
from tests.fixtures.cuttable_proxy import CuttableProxy
from tests.fixtures.database import ACTOR, PgSessionDatabase, Shop

pytestmark = pytest.mark.postgres
TILL = Actor("ana", "till-1")


@pytest.fixture
def setup(pg_migrated: PgSessionDatabase, tmp_path: Path) -> Iterator[tuple[Shop, Database, CuttableProxy, Journal]]:
    direct = pg_migrated.fresh()
    url = make_url(direct.url)
    proxy = CuttableProxy((url.host or "127.0.0.1", url.port or 5432))
    till = Database(url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False))
    journal = Journal(tmp_path / "counter-journal-till-1.sqlite3")
    shop = Shop(direct)
    shop.warehouses()
    try:
        yield shop, till, proxy, journal
    finally:
        journal.close()
        till.dispose()
        proxy.cut()
        direct.dispose()


def test_three_sales_offline_replay_once_in_order_even_when_killed_mid_replay(
        setup: tuple[Shop, Database, CuttableProxy, Journal]) -> None:
    shop, till, proxy, journal = setup
    shop.product("MUG-01", price=1210)
    shop.product("CUP-01", price=500)
    shop.stock("MUG-01", 5, "MAD")
    shop.stock("CUP-01", 1, "MAD")
    set_company(shop.db, actor=ACTOR, name="Tienda Demo SL", tax_id="B12345674")
    ready = prepare_offline(till, journal, actor=TILL, warehouse="MAD", block=5)
    assert (ready.series, ready.next_number, ready.reserved_to, ready.products) == ("TPV01", 1, 5, 2)

    proxy.cut()
    assert not server_reachable(till)
    sales = [
        sell_or_journal(till, journal, CounterSale((SaleLine("MUG-01", 2, discount=20),), "cash", "MAD",
                                                   tendered=5000), actor=TILL),
        sell_or_journal(till, journal, CounterSale((SaleLine("MUG-01", 1),), "card", "MAD"), actor=TILL),
        # Only one cup on the shelf in the books, three handed over: the level goes below zero.
        sell_or_journal(till, journal, CounterSale((SaleLine("CUP-01", 3),), "card", "MAD"), actor=TILL),
    ]
    assert all(isinstance(r, OfflineSale) for r in sales)
    year = ready.year
    numbers = [f"TPV01{year}-00000{n}" for n in (1, 2, 3)]
    assert [r.invoice_number for r in sales] == numbers
    assert (sales[0].total, sales[0].change) == (2400, 2600)  # type: ignore[union-attr]
    assert journal.waiting_count() == 3
    doc = offline_receipt_doc(journal, 1)
    assert (doc.number, doc.total, doc.kind) == (numbers[0], 2400, "simplified")
    assert "sin conexión" in doc.legal_notes[0] and doc.qr_url is None

    proxy.restore()
    assert server_reachable(till)

    class Killed(Exception):
        pass

    def kill_after_second(seq: int) -> None:
        if seq == 2:
            raise Killed  # the server committed sale 2; the journal never heard of it

    with pytest.raises(Killed):
        replay(till, journal, actor=TILL, after_commit=kill_after_second)
    assert [s.seq for s in journal.sales()] == [2, 3]
    report = replay(till, journal, actor=TILL)
    assert (report.sent, report.already, report.waiting, report.error) == (1, 1, 0, "")
    assert replay(till, journal, actor=TILL).sent == 0  # nothing left, nothing applied again

    with shop.db.read() as s:
        invoices = s.execute(select(Invoice.number, Invoice.issued_at).where(Invoice.series == "TPV01")
                             .order_by(Invoice.seq)).all()
        assert [n for n, _ in invoices] == numbers
        assert s.scalar(select(func.count()).select_from(Order)) == 3
        on_hand = {sku: level for sku, level in s.execute(
            select(StockMove.product_id, func.sum(StockMove.qty)).group_by(StockMove.product_id))}
        levels = {pid: oh for pid, oh in s.execute(select(StockLevel.product_id, StockLevel.on_hand))}
        assert levels == on_hand and sorted(levels.values()) == [-2, 2]
        items = [i for i in exceptions(s) if i.kind == "below_zero"]
        assert [(i.key, i.units) for i in items] == [("CUP-01@MAD", -2)]
        assert "below zero after offline sale" in items[0].reason
        assert series_gaps(s) == ()
    # The invoices keep the sales' own times; their records chain in replay order and verify.
    assert invoices[0][1] < invoices[1][1] < invoices[2][1]
    chain = verify_chain(shop.db)
    assert chain.ok, chain
    # Back online, the next block continues the series after the numbers used.
    again = prepare_offline(till, journal, actor=TILL, warehouse="MAD", block=5)
    assert (again.next_number, again.reserved_to) == (4, 8)


def test_offline_without_reserved_numbers_refuses_instead_of_inventing_one(
        setup: tuple[Shop, Database, CuttableProxy, Journal]) -> None:
    shop, till, proxy, journal = setup
    shop.product("MUG-01")
    proxy.cut()
    from omsdesk.services.counter_offline import ServerUnreachable
    with pytest.raises(ServerUnreachable, match="no receipt numbers reserved"):
        sell_or_journal(till, journal, CounterSale((SaleLine("MUG-01", 1),), "card", "MAD"), actor=TILL)
    assert journal.waiting_count() == 0


def test_cli_lists_the_journal_refuses_replay_while_cut_and_replays_once_back(
        setup: tuple[Shop, Database, CuttableProxy, Journal], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from omsdesk.cli import main
    from omsdesk.services.counter_journal import journal_path

    shop, till, proxy, _journal = setup
    monkeypatch.setenv("OMSDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OMSDESK_WORKSTATION", "till-2")
    shop.product("MUG-01", price=1210)
    shop.stock("MUG-01", 5, "MAD")
    set_company(shop.db, actor=ACTOR, name="Tienda Demo SL", tax_id="B12345674")
    assert main(["--db", till.url, "counter", "prepare", "--warehouse", "MAD", "--block", "3"]) == 0
    assert "series TPV01" in capsys.readouterr().out
    assert main(["--db", till.url, "counter", "prepare", "--block", "0"]) == 2
    journal = Journal(journal_path("till-2"))
    try:
        proxy.cut()
        sell_or_journal(till, journal, CounterSale((SaleLine("MUG-01", 1),), "card", "MAD"),
                        actor=Actor("ana", "till-2"))
    finally:
        journal.close()
    capsys.readouterr()
    assert main(["--db", till.url, "counter", "journal", "--json"]) == 0
    [waiting] = json.loads(capsys.readouterr().out)
    assert (waiting["seq"], waiting["state"], waiting["payload"]["total"]) == (1, "waiting", 1210)
    assert main(["--db", till.url, "counter", "replay"]) == 1
    assert "unreachable" in capsys.readouterr().out
    proxy.restore()
    assert main(["--db", till.url, "counter", "replay", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["sent"], report["waiting"], report["error"]) == (1, 0, "")
    assert main(["--db", till.url, "counter", "journal"]) == 0
    assert "0 offline sale(s) waiting" in capsys.readouterr().out


def test_a_link_lost_during_the_sale_journals_it_and_lost_at_commit_refuses_it(
        setup: tuple[Shop, Database, CuttableProxy, Journal]) -> None:
    from sqlalchemy import event

    from omsdesk.services.counter_offline import ServerUnreachable

    shop, till, proxy, journal = setup
    shop.product("MUG-01", price=1210)
    shop.stock("MUG-01", 5, "MAD")
    set_company(shop.db, actor=ACTOR, name="Tienda Demo SL", tax_id="B12345674")
    prepare_offline(till, journal, actor=TILL, warehouse="MAD", block=3)
    sale = CounterSale((SaleLine("MUG-01", 1),), "card", "MAD")

    def cut_after_the_order_insert(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO orders"):
            proxy.cut()

    event.listen(till.engine, "after_cursor_execute", cut_after_the_order_insert)
    try:
        result = sell_or_journal(till, journal, sale, actor=TILL)
    finally:
        event.remove(till.engine, "after_cursor_execute", cut_after_the_order_insert)
    assert isinstance(result, OfflineSale) and journal.waiting_count() == 1
    with shop.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 0  # rolled back on the server

    proxy.restore()
    assert replay(till, journal, actor=TILL).sent == 1

    # The sale's own COMMIT, not the one that takes its order number (refs.take_values commits
    # that at once on a connection of its own; losing it loses a number, never a sale).
    selling: set[int] = set()

    def note_the_sale(conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO orders"):
            selling.add(id(conn.connection.dbapi_connection))

    def cut_at_commit(conn) -> None:  # type: ignore[no-untyped-def]
        if id(conn.connection.dbapi_connection) in selling:
            proxy.cut()

    event.listen(till.engine, "after_cursor_execute", note_the_sale)
    event.listen(till.engine, "commit", cut_at_commit)
    try:
        with pytest.raises(ServerUnreachable, match="may be recorded"):
            sell_or_journal(till, journal, sale, actor=TILL)
    finally:
        event.remove(till.engine, "commit", cut_at_commit)
        event.remove(till.engine, "after_cursor_execute", note_the_sale)
    assert journal.waiting_count() == 0
