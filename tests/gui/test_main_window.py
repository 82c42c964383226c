"""Main window: navigation and shortcuts, unavailable views, status bar, saved layout and filters."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.queries.outbox import outbox_backlog
from omsdesk.ui.context import AppContext
from omsdesk.ui.main_window import VIEWS, MainWindow, UnavailablePage
from omsdesk.ui.orders_view import OrdersView
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(AppContext(db, GUI_ACTOR))
    qtbot.addWidget(window)
    window.show()
    return window


def _settle(window: MainWindow) -> None:
    orders = window.views.get("orders")
    if isinstance(orders, OrdersView):
        orders.model.pool.waitForDone(20_000)
    wait_for_pool()


def test_ctrl_number_shortcuts_reach_every_view(qtbot: QtBot, demo_200k: Database, qsettings_tmp: Path) -> None:
    window = _window(qtbot, demo_200k)
    for n, spec in enumerate(VIEWS, start=1):
        action = window.view_actions[spec.key]
        assert action.shortcut().toString() == (f"Ctrl+{n % 10}" if n <= 10 else "")
        action.trigger()
        assert window.current_key() == spec.key
        assert window.stack.currentWidget() is window.views[spec.key]
    # Views this package owns must really load, not fall back to the "not available" page.
    for key in ("dashboard", "orders", "inventory", "customers", "sync", "exceptions"):
        assert not isinstance(window.views[key], UnavailablePage), key
    _settle(window)


def test_a_missing_view_module_shows_a_clear_page(qtbot: QtBot, demo_200k: Database, qsettings_tmp: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "omsdesk.ui.invoices_view", None)  # import now fails
    window = _window(qtbot, demo_200k)
    page = window.show_view("invoices")
    assert isinstance(page, UnavailablePage)
    assert "omsdesk.ui.invoices_view" in " ".join(label.text() for label in page.findChildren(type(window.db_label)))
    assert isinstance(window.show_view("customers"), type(window.views["customers"]))
    _settle(window)


def test_status_bar_names_database_user_workstation_and_backlog(qtbot: QtBot, demo_200k: Database,
                                                               qsettings_tmp: Path) -> None:
    window = _window(qtbot, demo_200k)
    assert demo_200k.display_url in window.db_label.text()
    assert GUI_ACTOR.user in window.user_label.text()
    assert GUI_ACTOR.workstation in window.station_label.text()
    with demo_200k.read() as s:
        expected = outbox_backlog(s)
    qtbot.waitUntil(lambda: window.backlog is not None, timeout=15_000)
    assert window.backlog == expected
    assert f"{expected:,}" in window.backlog_label.text()
    window.ctx.signals.sync_state_changed.emit({"text": "shopify ok", "backlog": 42})
    assert "shopify ok" in window.sync_label.text() and "42" in window.backlog_label.text()
    _settle(window)


def test_layout_view_and_filters_survive_a_restart(qtbot: QtBot, demo_200k: Database, qsettings_tmp: Path) -> None:
    window = _window(qtbot, demo_200k)
    window.resize(1100, 700)
    orders = window.show_view("orders")
    assert isinstance(orders, OrdersView)
    orders.set_status_tab("packed")
    orders.late_only.setChecked(True)
    orders.table.setColumnHidden(orders.model.COLUMNS.index("customer_email"), True)
    window.show_view("inventory")
    _settle(window)
    window.close()
    assert QSettings().value("main/view") == "inventory"

    again = _window(qtbot, demo_200k)
    assert again.current_key() == "inventory"
    # The offscreen screen is small, so Qt may narrow a restored window; the height survives.
    assert again.height() == 700
    restored = again.show_view("orders")
    assert isinstance(restored, OrdersView)
    assert restored.current_filter().status == "packed" and restored.current_filter().late_only
    assert restored.table.isColumnHidden(restored.model.COLUMNS.index("customer_email"))
    _settle(again)


def test_find_and_refresh_act_on_the_current_view(qtbot: QtBot, demo_200k: Database, qsettings_tmp: Path) -> None:
    window = _window(qtbot, demo_200k)
    orders = window.show_view("orders")
    assert isinstance(orders, OrdersView)
    window.activateWindow()
    window.find_action.trigger()
    assert orders.search.hasFocus() or window.focusWidget() is orders.search
    qtbot.waitUntil(lambda: not orders.model.loading and orders.model.rowCount() > 0, timeout=15_000)
    # Scrolled before the table is laid out, the view has nowhere to go and never asks for more.
    qtbot.waitUntil(lambda: orders.table.verticalScrollBar().maximum() > 0, timeout=15_000)
    orders.table.scrollToBottom()
    qtbot.waitUntil(lambda: orders.model.rowCount() > 200, timeout=15_000)
    with qtbot.waitSignal(orders.model.page_loaded, timeout=15_000):
        window.refresh_action.trigger()
    assert window.refresh_action.shortcut().toString() == "F5"
    _settle(window)
