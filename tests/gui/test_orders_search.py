"""The queue's forgiving search in the GUI: folded names, numbers without prefix, matches per tab, the hint."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.services.intake.batch import place_orders
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput
from omsdesk.ui.context import AppContext
from omsdesk.ui.i18n import install_translator
from omsdesk.ui.orders_view import TAB_STATUSES, OrdersView
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool

LUCIA = CustomerInput(name="Lucía Fernández", email="lucia@example.es")


@pytest.fixture
def shop_db(sqlite_db: Database) -> Database:
    """130 orders of Pedro Gil in 2026 (SO-2026-000001..130), then Lucía's: two shipped, one new."""
    shop = Shop(sqlite_db)
    shop.warehouses()
    sku = shop.product()
    shop.stock(sku, 10)
    pedro = CustomerInput(name="Pedro Gil", email="pedro@example.es")
    place_orders(sqlite_db, [OrderInput(lines=(LineInput(sku=sku, qty=1),), channel="manual", customer=pedro,
                                        placed_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC)) for _ in range(130)],
                 actor=ACTOR)
    for _ in range(2):
        shop.order_at("shipped", {sku: 1}, customer=LUCIA)
    shop.order({sku: 1}, customer=LUCIA)
    return sqlite_db


@pytest.fixture
def queue(qtbot: QtBot, shop_db: Database, qsettings_tmp: Path) -> Iterator[OrdersView]:
    view = OrdersView(AppContext(shop_db, GUI_ACTOR))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() > 0, timeout=15_000)
    yield view
    view.model.pool.waitForDone(20_000)
    wait_for_pool()


def _type(qtbot: QtBot, view: OrdersView, text: str) -> None:
    view.search.clear()
    qtbot.keyClicks(view.search, text)
    qtbot.waitUntil(lambda: view.model.filter.search == text and not view.model.loading
                    and view.match_counts is not None, timeout=15_000)


def _tab(view: OrdersView, status: str) -> str:
    return view.tabs.tabText(TAB_STATUSES.index(status))


def test_typing_lucia_finds_lucia_fernandez(qtbot: QtBot, queue: OrdersView) -> None:
    _type(qtbot, queue, "lucia")
    names = {r.customer_name for r in queue.model.rows()}
    assert names == {"Lucía Fernández"}
    assert queue.model.rowCount() == 3


def test_typing_123_finds_so_2026_000123(qtbot: QtBot, queue: OrdersView) -> None:
    _type(qtbot, queue, "123")
    assert [r.reference for r in queue.model.rows()] == ["SO-2026-000123"]


def test_tabs_count_the_matches_of_a_search_in_every_status(qtbot: QtBot, queue: OrdersView) -> None:
    assert _tab(queue, "new") == "New (131)"  # before the search: every order
    _type(qtbot, queue, "lucia")
    qtbot.waitUntil(lambda: _tab(queue, "shipped") == "Shipped (2)", timeout=10_000)
    assert _tab(queue, "new") == "New (1)"
    assert _tab(queue, "packed") == "Packed (0)"
    assert queue.tabs.tabText(0) == "All (3)"
    queue.search.clear()
    queue.search_for("")
    qtbot.waitUntil(lambda: _tab(queue, "new") == "New (131)", timeout=10_000)


def test_a_tab_without_matches_says_where_they_are(qtbot: QtBot, queue: OrdersView) -> None:
    queue.set_status_tab("packed")
    _type(qtbot, queue, "Lucia")
    assert queue.model.rowCount() == 0
    qtbot.waitUntil(queue.search_hint.isVisible, timeout=10_000)
    hint = queue.search_hint.text()
    assert "No order in Packed matches “Lucia”" in hint
    assert '<a href="shipped">2 in Shipped</a>' in hint and '<a href="new">1 in New</a>' in hint
    queue.search_hint.linkActivated.emit("shipped")  # what a click on "2 in Shipped" does
    assert queue.tabs.currentIndex() == TAB_STATUSES.index("shipped")
    qtbot.waitUntil(lambda: queue.model.rowCount() == 2 and not queue.model.loading, timeout=10_000)
    assert not queue.search_hint.isVisible()


def test_a_search_nothing_matches_says_so_for_every_status(qtbot: QtBot, queue: OrdersView) -> None:
    _type(qtbot, queue, "zzzz")
    qtbot.waitUntil(queue.search_hint.isVisible, timeout=10_000)
    assert "No order in any status matches “zzzz”" in queue.search_hint.text()
    assert queue.tabs.tabText(0) == "All (0)"


def test_the_hint_speaks_spanish(qtbot: QtBot, queue: OrdersView, qapp: QApplication) -> None:
    assert install_translator(qapp, "es")
    try:
        queue.set_status_tab("packed")
        _type(qtbot, queue, "lucia")
        qtbot.waitUntil(queue.search_hint.isVisible, timeout=10_000)
        hint = queue.search_hint.text()
        assert hint.startswith("Ningún pedido en ") and "coincide con «lucia»" in hint
        assert '">2 en ' in hint
    finally:
        install_translator(qapp, "en")
