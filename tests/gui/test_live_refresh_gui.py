"""Two desks on one PostgreSQL: a change on desk A shows on desk B's queue within a second (issue 17.1)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from omsdesk.db import Database, open_database
from omsdesk.services.fulfilment import orders as svc
from omsdesk.ui.context import AppContext
from omsdesk.ui.live_refresh import LiveRefresh
from omsdesk.ui.orders_view import OrdersView
from tests.fixtures.database import ACTOR, PgSessionDatabase, Shop
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool

pytestmark = pytest.mark.postgres


@pytest.fixture
def desks(pg_migrated: PgSessionDatabase) -> Iterator[tuple[Database, Database]]:
    a = pg_migrated.fresh()
    b = open_database(a.url)  # the other workstation: its own engine and connections
    try:
        yield a, b
    finally:
        b.dispose()
        a.dispose()


def test_a_hold_on_desk_a_refreshes_the_queue_on_desk_b(qtbot: QtBot, desks: tuple[Database, Database],
                                                       qsettings_tmp: object) -> None:
    a, b = desks
    shop = Shop(a)
    shop.warehouses(("MAD",))
    sku = shop.product()
    shop.stock(sku, 5)
    ref = shop.order_at("paid", {sku: 1})
    ctx = AppContext(b, GUI_ACTOR)
    live = LiveRefresh.start_for(ctx)
    assert live is not None
    try:
        view = OrdersView(ctx)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() == 1, timeout=15_000)
        assert view.model.row_at(0).status == "paid"
        deadline = time.monotonic() + 10
        while not live.listener.connected:
            assert time.monotonic() < deadline
            qtbot.wait(50)
        started = time.monotonic()
        svc.hold_order(a, ref, actor=ACTOR, reason="desk A checks the address")
        qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.model.row_at(0).status == "on_hold",
                        timeout=5_000)
        assert time.monotonic() - started < 2.0
    finally:
        live.stop()
        view.model.pool.waitForDone(20_000)
        wait_for_pool()


def _desk_b_queue(qtbot: QtBot, b: Database, status: str | None = None) -> tuple[LiveRefresh, OrdersView]:
    ctx = AppContext(b, GUI_ACTOR)
    live = LiveRefresh.start_for(ctx)
    assert live is not None and ctx.live is live
    view = OrdersView(ctx)
    qtbot.addWidget(view)
    view.show()
    if status is not None:
        view.show_status(status)
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() == 2, timeout=15_000)
    deadline = time.monotonic() + 10
    while not live.listener.connected:
        assert time.monotonic() < deadline
        qtbot.wait(50)
    return live, view


def test_a_change_on_desk_a_updates_the_shown_row_in_place_before_the_page_reloads(
        qtbot: QtBot, desks: tuple[Database, Database], qsettings_tmp: object) -> None:
    """The row is read again on the listener's own connection and changed in place: no model
    reset is needed to show it (the page reload that follows comes up to 150 ms later)."""
    a, b = desks
    shop = Shop(a)
    shop.warehouses(("MAD",))
    sku = shop.product()
    shop.stock(sku, 5)
    held, other = shop.order_at("paid", {sku: 1}), shop.order_at("paid", {sku: 1})
    live, view = _desk_b_queue(qtbot, b)
    try:
        model = view.model
        live._timer.stop()  # no page reload: only the in-place path may show the change
        resets: list[int] = []
        model.modelReset.connect(lambda: resets.append(1))
        svc.hold_order(a, held, actor=ACTOR, reason="desk A checks the address")
        qtbot.waitUntil(lambda: {r.reference: r.status for r in model.rows()}.get(held) == "on_hold",
                        timeout=5_000)
        assert resets == []
        assert {r.reference: r.status for r in model.rows()}[other] == "paid"
        assert model.rowCount() == 2
    finally:
        live.stop()
        view.model.pool.waitForDone(20_000)
        wait_for_pool()


def test_a_row_that_leaves_the_shown_status_tab_is_removed_in_place(
        qtbot: QtBot, desks: tuple[Database, Database], qsettings_tmp: object) -> None:
    a, b = desks
    shop = Shop(a)
    shop.warehouses(("MAD",))
    sku = shop.product()
    shop.stock(sku, 5)
    held, other = shop.order_at("paid", {sku: 1}), shop.order_at("paid", {sku: 1})
    live, view = _desk_b_queue(qtbot, b, status="paid")
    try:
        model = view.model
        live._timer.stop()
        svc.hold_order(a, held, actor=ACTOR, reason="wrong address")
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5_000)
        assert [r.reference for r in model.rows()] == [other]
    finally:
        live.stop()
        view.model.pool.waitForDone(20_000)
        wait_for_pool()


def test_on_sqlite_there_is_nobody_else_to_listen_to(sqlite_db: Database) -> None:
    assert LiveRefresh.start_for(AppContext(sqlite_db, GUI_ACTOR)) is None
