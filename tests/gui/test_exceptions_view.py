"""The exceptions inbox in the GUI: lists every kind, and its action runs through the owning service."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.ui.context import AppContext
from omsdesk.ui.exceptions_view import ExceptionsView
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.gui_data import GUI_ACTOR


def test_a_backorder_is_allocated_again_from_the_inbox_and_leaves_it(qtbot: QtBot, sqlite_db: Database) -> None:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD", "BCN"))
    sku = shop.product()
    waiting = shop.order_at("paid", {sku: 2})
    allocate_order(sqlite_db, waiting, actor=ACTOR)
    view = ExceptionsView(AppContext(sqlite_db, GUI_ACTOR))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: len(view.items) == 1, timeout=10_000)
    assert view.table.item(0, 0).text() == "Waiting for stock" and view.table.item(0, 1).text() == waiting
    # Stock arrives by a road that serves no backorder (an adjustment); the clerk tries again from here.
    from omsdesk.services.ledger.stock import adjust_stock

    adjust_stock(sqlite_db, sku, 2, "MAD", actor=ACTOR, reason="found on the shelf")
    view.table.selectRow(0)
    assert view.act_button.text().startswith("Allocate again")
    with qtbot.waitSignal(view.acted, timeout=10_000) as acted:
        view.act_button.click()
    assert acted.args == ["allocate", waiting]
    assert shop.status(waiting) == "allocated"
    qtbot.waitUntil(lambda: view.items == [], timeout=10_000)
    assert view.summary.text() == "Nothing needs you now"


def test_an_order_problem_opens_the_order(qtbot: QtBot, sqlite_db: Database) -> None:
    from omsdesk.services.fulfilment import orders as svc

    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    sku = shop.product()
    shop.stock(sku, 1)
    ref = shop.order_at("allocated", {sku: 1})
    svc.cancel_order(sqlite_db, ref, actor=ACTOR, reason="fraud")
    view = ExceptionsView(AppContext(sqlite_db, GUI_ACTOR))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: len(view.items) == 1, timeout=10_000)
    view.table.selectRow(0)
    with qtbot.waitSignal(view.open_order, timeout=5_000) as opened:
        view.act()
    assert opened.args == [ref]


def test_an_undelivered_message_is_sent_again_from_the_inbox(qtbot: QtBot, sqlite_db: Database) -> None:
    from sqlalchemy import select

    from omsdesk.models import OutboxMessage

    with sqlite_db.write() as s:
        msg = OutboxMessage(topic="stock.push", key="stock:X", idempotency_key="inbox-1", payload={},
                            status="failed", last_error="HTTP 422 no such product")
        s.add(msg)
        s.flush()
        mid = msg.id
    view = ExceptionsView(AppContext(sqlite_db, GUI_ACTOR))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: [i.kind for i in view.items] == ["parked"], timeout=10_000)
    view.table.selectRow(0)
    assert view.act_button.text().startswith("Send again")
    with qtbot.waitSignal(view.acted, timeout=10_000) as acted:
        view.act()
    assert acted.args == ["retry", str(mid)]
    with sqlite_db.read() as s:
        assert s.scalar(select(OutboxMessage.status).where(OutboxMessage.id == mid)) == "pending"
    qtbot.waitUntil(lambda: view.items == [], timeout=10_000)
