"""The Sync view: channel and ERP health, runs with counts, Sync now, parked retry, quarantine re-import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, func, select

from omsdesk.db import Database
from omsdesk.models import Channel, Order, OutboxMessage
from omsdesk.models.base import utcnow
from omsdesk.models.channel_sku import ChannelSku
from omsdesk.services.channels.channels import DEMO_CODE, finish_run, start_run
from omsdesk.services.channels.erp import ErpSettings, erp_channel_in
from omsdesk.sync import demo_shop as demo_shop_module
from omsdesk.sync.demo_data import CATALOGUE
from omsdesk.sync.demo_shop import ARRIVAL, BACKLOG, register_demo_channel, stop_demo_shop
from omsdesk.sync.engine import pull_orders
from omsdesk.sync.lock import SyncLock
from omsdesk.ui.context import AppContext
from omsdesk.ui.main_window import MainWindow
from omsdesk.ui.orders_view import OrdersView
from omsdesk.ui.sync_bridge import SyncBridge, bridge_for
from omsdesk.ui.sync_view import SyncView
from tests.fixtures.database import Shop
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool


@pytest.fixture
def demo_db(sqlite_db: Database) -> Iterator[Database]:
    """A small business with the demo shop channel registered (its simulator starts on first pull)."""
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    for i in range(len(CATALOGUE)):
        shop.stock(shop.product(f"LOCAL-{i:02d}"), 1000)
    with sqlite_db.write() as s:
        register_demo_channel(s)
    yield sqlite_db
    wait_for_pool()
    stop_demo_shop()


def _view(qtbot: QtBot, db: Database) -> SyncView:
    view = SyncView(AppContext(db, actor=GUI_ACTOR))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.snapshot is not None, timeout=10_000)
    return view


def _column(view: SyncView, table_name: str, header: str) -> list[str]:
    table = getattr(view, table_name)
    col = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index(header)
    return [table.item(r, col).text() for r in range(table.rowCount())]


def _reload(qtbot: QtBot, view: SyncView) -> None:
    before = view.snapshot
    view.refresh()
    qtbot.waitUntil(lambda: view.snapshot is not before, timeout=10_000)


def test_health_lists_shops_and_the_erp_with_failures_and_credentials(qtbot: QtBot, demo_db: Database) -> None:
    with demo_db.write() as s:
        erp_id = erp_channel_in(s, ErpSettings("tryton"), "http://127.0.0.1:8000")
    run = start_run(demo_db, erp_id, "erp_push")
    finish_run(demo_db, run, status="failed", error="login refused", health="auth")
    view = _view(qtbot, demo_db)
    assert _column(view, "channels", "Channel") == [DEMO_CODE, "erp-tryton"]
    assert _column(view, "channels", "Kind") == ["demo", "tryton"]
    assert _column(view, "channels", "Failures") == ["0", "1"]
    assert _column(view, "channels", "Credentials") == ["", "invalid"]
    assert _column(view, "channels", "Last error")[1] == "login refused"
    assert _column(view, "runs", "Job") == ["erp_push"]
    assert _column(view, "runs", "Status") == ["failed"]


def test_sync_now_imports_in_the_background_and_shows_the_run_counts(qtbot: QtBot, demo_db: Database) -> None:
    view = _view(qtbot, demo_db)
    with qtbot.waitSignal(view.ctx.signals.orders_changed, timeout=30_000):
        view.sync_now()
        assert view.sync_run is not None
        assert not view.sync_button.isEnabled()  # one Sync now at a time
    qtbot.waitUntil(lambda: view.sync_run is None and view.sync_button.isEnabled(), timeout=30_000)
    qtbot.waitUntil(lambda: "pull_orders" in _column(view, "runs", "Job"), timeout=10_000)
    with demo_db.read() as s:
        orders = s.scalar(select(func.count()).select_from(Order)) or 0
    assert orders >= BACKLOG
    pulls = [i for i, job in enumerate(_column(view, "runs", "Job")) if job == "pull_orders"]
    assert int(_column(view, "runs", "Created")[pulls[0]]) == orders
    assert int(_column(view, "runs", "Fetched")[pulls[0]]) >= orders
    assert view.summary.text().startswith("Sync now: 3 jobs, ")
    assert view.last_progress.startswith(f"{DEMO_CODE}: ") and f"{orders} new" in view.last_progress


def test_f9_starts_sync_now(qtbot: QtBot, demo_db: Database) -> None:
    view = _view(qtbot, demo_db)
    view.show()
    view.channels.setFocus()
    qtbot.waitUntil(view.channels.hasFocus, timeout=5_000)
    qtbot.keyClick(view.channels, Qt.Key.Key_F9)
    assert view.sync_run is not None
    qtbot.waitUntil(lambda: view.sync_run is None, timeout=30_000)


def test_retry_puts_a_parked_message_back_in_the_queue(qtbot: QtBot, demo_db: Database) -> None:
    with demo_db.write() as s:
        channel_id = s.scalar(select(Channel.id).where(Channel.code == DEMO_CODE))
        for sku, status in (("A", "failed"), ("B", "failed")):
            s.add(OutboxMessage(topic="stock.push", payload={"sku": sku}, key=f"stock:{channel_id}:{sku}",
                                channel_id=channel_id, status=status, attempts=8, idempotency_key=f"k-{sku}",
                                created_at=utcnow(), next_attempt_at=utcnow(), last_error="HTTP 500"))
    view = _view(qtbot, demo_db)
    assert _column(view, "channels", "Parked") == ["2"]
    view.outbox.selectRow(0)  # newest first: B
    view.retry_button.click()
    qtbot.waitUntil(lambda: "back in the queue" in view.summary.text(), timeout=10_000)
    with demo_db.read() as s:
        rows = s.execute(select(OutboxMessage.idempotency_key, OutboxMessage.status, OutboxMessage.attempts)
                         .where(OutboxMessage.idempotency_key.in_(("k-A", "k-B")))).all()
    assert sorted(tuple(r) for r in rows) == [("k-A", "failed", 8), ("k-B", "pending", 0)]
    assert view.summary.text().startswith("1 parked")


def test_quarantined_orders_come_in_after_the_sku_is_mapped(qtbot: QtBot, demo_db: Database) -> None:
    shop_sku = CATALOGUE[0].sku
    with demo_db.write() as s:
        s.execute(delete(ChannelSku).where(ChannelSku.external_sku == shop_sku))
    report = pull_orders(demo_db, DEMO_CODE)
    assert report.counts["quarantined"] > 0
    view = _view(qtbot, demo_db)
    waiting = len(_column(view, "quarantine", "#"))
    assert waiting == report.counts["quarantined"]
    assert all(shop_sku in reason for reason in _column(view, "quarantine", "Reason"))
    assert view.tabs.tabText(2) == f"Quarantine ({waiting})"
    view.quarantine.selectRow(0)
    assert shop_sku in view.raw.toPlainText()  # the raw payload as the shop sent it

    view.apply_mapping(DEMO_CODE, shop_sku, "LOCAL-00")
    qtbot.waitUntil(lambda: "re-import" in view.summary.text(), timeout=10_000)
    view.quarantine.clearSelection()
    with qtbot.waitSignal(view.ctx.signals.orders_changed, timeout=10_000):
        view.reimport_button.click()
    qtbot.waitUntil(lambda: view.summary.text().startswith("Re-import"), timeout=10_000)
    assert view.summary.text() == f"Re-import: {waiting} created, 0 still in quarantine"
    qtbot.waitUntil(lambda: view.quarantine.rowCount() == 0, timeout=10_000)


def _orders(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Order)) or 0


def test_the_running_app_shows_demo_orders_as_they_arrive(qtbot: QtBot, demo_db: Database, qsettings_tmp: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMSDESK_NO_SCHEDULER", raising=False)
    ctx = AppContext(demo_db, actor=GUI_ACTOR)
    ctx.settings = {"scheduler": True, "sync_intervals": {
        "pull_orders": 0.5, "push_stock": 60, "drain_outbox": 60, "jitter": 0}}
    window = MainWindow(ctx)  # the database is open: start() runs now and starts the bridge
    qtbot.addWidget(window)
    window.show_view("orders")
    bridge, view = window.sync_bridge, window.view("orders")
    assert isinstance(bridge, SyncBridge) and isinstance(view, OrdersView)
    assert bridge.scheduler is not None and bridge.scheduler.active
    states: list[dict[str, object]] = []
    ctx.signals.sync_state_changed.connect(states.append)

    qtbot.waitUntil(lambda: view.model.rowCount() == BACKLOG, timeout=20_000)
    assert _orders(demo_db) == BACKLOG
    # Five more orders become due at the demo shop: its clock moves 7.5 minutes on.
    later = utcnow() + ARRIVAL * 5
    monkeypatch.setattr(demo_shop_module, "utcnow", lambda: later)
    qtbot.waitUntil(lambda: view.model.rowCount() == BACKLOG + 5, timeout=20_000)
    assert any(s.get("text") == f"{DEMO_CODE}: 5 new orders" for s in states)
    assert window.sync_label.text().startswith("Sync: ")

    window.close()
    assert window.sync_bridge.scheduler is None and not bridge_for(ctx)
    lock = SyncLock(demo_db)
    assert lock.acquire()  # the window gave the sync lock back
    lock.release()


def test_no_scheduler_env_keeps_the_bridge_off(qtbot: QtBot, demo_db: Database, qsettings_tmp: Path) -> None:
    window = MainWindow(AppContext(demo_db, actor=GUI_ACTOR))  # conftest sets OMSDESK_NO_SCHEDULER=1
    qtbot.addWidget(window)
    assert window.sync_bridge is None
    assert bridge_for(window.ctx) is None


def test_the_ship_by_promise_of_the_selected_channel_is_set_from_the_gui(
        qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import time

    from omsdesk.services.channels.channels import channel_ship_by
    from omsdesk.ui.ship_by_dialog import ShipByDialog

    view = _view(qtbot, demo_db)
    row = _column(view, "channels", "Channel").index(DEMO_CODE)
    view.channels.selectRow(row)
    seen: list[tuple[int, str]] = []

    def accept(dialog: ShipByDialog) -> int:
        seen.append((dialog.days.value(), dialog.cutoff_text()))  # preset to the current promise
        dialog.days.setValue(2)
        dialog.cutoff.setTime(dialog.cutoff.time().fromString("12:30", "HH:mm"))
        return 1

    monkeypatch.setattr(ShipByDialog, "exec", accept)
    view.ship_by_button.click()
    qtbot.waitUntil(lambda: "cut-off 12:30" in view.summary.text(), timeout=10_000)
    assert seen == [(1, "14:00")]
    policy = channel_ship_by(demo_db, DEMO_CODE)
    assert (policy.handling_days, policy.cutoff) == (2, time(12, 30))


# -- the channel panel: Test connection, Disable/Enable, Remove…, details ----------------------

LONG_ERROR = ("Tienda Woo: the shop address shop.invalid does not exist (the name does not resolve); "
              "check the address in the channel settings. " + "x" * 300 + " END-OF-ERROR")


def _woo_channel(db: Database, url: str, code: str = "tienda-woo") -> str:
    from omsdesk.services.channels.channels import add_channel
    from omsdesk.sync.secrets import store_secret
    from tests.fixtures.database import ACTOR

    add_channel(db, kind="woocommerce", name="Tienda Woo", url=url, code=code, actor=ACTOR)
    store_secret(code, "ck_0123456789abcdef:cs_fedcba9876543210")
    return code


def _row_of(view: SyncView, code: str) -> int:
    return _column(view, "channels", "Channel").index(code)


def _select(qtbot: QtBot, view: SyncView, code: str) -> None:
    view.select_channel(code)
    assert view.channel_panel.channel is not None and view.channel_panel.channel.code == code


def _wait_message(qtbot: QtBot, view: SyncView, text: str) -> None:
    qtbot.waitUntil(lambda: text in view.summary.text(), timeout=15_000)


def test_the_full_error_is_on_hover_and_in_the_details_pane(qtbot: QtBot, demo_db: Database) -> None:
    code = _woo_channel(demo_db, "https://shop.invalid")
    with demo_db.read() as s:
        channel_id = s.scalar(select(Channel.id).where(Channel.code == code))
    assert channel_id is not None
    finish_run(demo_db, start_run(demo_db, channel_id, "pull_orders"), status="failed",
               error=LONG_ERROR + "\nsecond line", health="config")
    view = _view(qtbot, demo_db)
    row = _row_of(view, code)
    col = view.channels.columnCount() - 1
    assert view.channels.item(row, col).toolTip().startswith(LONG_ERROR + "\nsecond line")
    assert "Test connection" in view.channels.item(row, col).toolTip()
    assert _column(view, "channels", "State")[row] == "Settings wrong"
    # Amber, not the pink of an outage.
    assert view.channels.item(row, 0).background().color().name() == "#ffe3a3"
    assert view.channels.item(_row_of(view, DEMO_CODE), 0).background().color().name() != "#ffe3a3"
    _select(qtbot, view, code)
    details = view.channel_panel.details
    assert details.isReadOnly()
    assert LONG_ERROR + "\nsecond line" in details.toPlainText()
    assert "Not retried until its settings change" in details.toPlainText()
    assert "cs_fedcba9876543210" not in details.toPlainText()
    details.selectAll()
    assert "END-OF-ERROR" in details.textCursor().selectedText()


def test_test_connection_reports_a_wrong_address_as_settings_wrong(qtbot: QtBot, demo_db: Database) -> None:
    code = _woo_channel(demo_db, "https://shop.invalid")
    view = _view(qtbot, demo_db)
    _select(qtbot, view, code)
    assert view.channel_panel.test_button.isEnabled()
    qtbot.mouseClick(view.channel_panel.test_button, Qt.MouseButton.LeftButton)
    _wait_message(qtbot, view, f"{code}: 1 problem(s)")
    qtbot.waitUntil(lambda: "Test connection: failed" in view.channel_panel.details.toPlainText(),
                    timeout=10_000)
    assert "shop.invalid does not exist" in view.channel_panel.details.toPlainText()
    qtbot.waitUntil(lambda: _column(view, "channels", "State")[_row_of(view, code)] == "Settings wrong",
                    timeout=10_000)


def test_disable_then_enable_the_selected_channel(qtbot: QtBot, demo_db: Database) -> None:
    view = _view(qtbot, demo_db)
    _select(qtbot, view, DEMO_CODE)
    button = view.channel_panel.toggle_button
    assert button.text() == "Disable"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    _wait_message(qtbot, view, "disabled")
    qtbot.waitUntil(lambda: _column(view, "channels", "Active")[0] == "no", timeout=10_000)
    with demo_db.read() as s:
        assert s.scalar(select(Channel.active).where(Channel.code == DEMO_CODE)) is False
    assert _column(view, "channels", "State")[0] == "Disabled"
    qtbot.waitUntil(lambda: button.text() == "Enable", timeout=10_000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _column(view, "channels", "Active")[0] == "yes", timeout=10_000)
    with demo_db.read() as s:
        assert s.scalar(select(Channel.active).where(Channel.code == DEMO_CODE)) is True


def test_remove_asks_first_and_keeps_the_orders(qtbot: QtBot, demo_db: Database,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    pull_orders(demo_db, DEMO_CODE)
    with demo_db.read() as s:
        orders = s.scalar(select(func.count()).select_from(Order))
    assert orders
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    view = _view(qtbot, demo_db)
    _select(qtbot, view, DEMO_CODE)
    qtbot.mouseClick(view.channel_panel.remove_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "orders, SKU mappings and sync history stay" in asked[0]
    wait_for_pool()
    assert DEMO_CODE in _column(view, "channels", "Channel")  # "No": nothing removed
    answer[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(view.channel_panel.remove_button, Qt.MouseButton.LeftButton)
    _wait_message(qtbot, view, "removed")
    qtbot.waitUntil(lambda: DEMO_CODE not in _column(view, "channels", "Channel"), timeout=10_000)
    with demo_db.read() as s:
        assert s.scalar(select(Channel.removed_at).where(Channel.code == DEMO_CODE)) is not None
        assert s.scalar(select(func.count()).select_from(Order)) == orders
        assert s.scalar(select(func.count()).select_from(ChannelSku)) > 0


def test_sync_now_reads_a_large_first_import_as_one_bulk_export_off_the_gui_process(
        qtbot: QtBot, sqlite_db: Database) -> None:
    """1,200 orders: above the connector's threshold, so one bulk export, read by a second
    process (omsdesk/sync/bulk_parse.py) started from the GUI's sync thread."""
    from omsdesk.services.channels.channels import add_channel
    from omsdesk.sync.demo_data import generate_orders
    from omsdesk.sync.secrets import store_secret
    from omsdesk.sync.shopify_simulator import ShopifySimulator
    from tests.fixtures.database import ACTOR
    from tests.fixtures.marketplaces import SHOPIFY_TOKEN

    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    for product in CATALOGUE:
        shop.stock(shop.product(product.sku), 10_000)
    with ShopifySimulator(SHOPIFY_TOKEN, throttle=False, bulk_polls=0) as remote:
        assert isinstance(remote, ShopifySimulator)
        remote.add_orders(generate_orders(1200))
        add_channel(sqlite_db, kind="shopify", name="Tienda Shopify", url=remote.url,
                    code="tienda-shopify", actor=ACTOR)
        store_secret("tienda-shopify", SHOPIFY_TOKEN)
        view = _view(qtbot, sqlite_db)
        view.sync_now()
        qtbot.waitUntil(lambda: view.sync_run is None and view.sync_button.isEnabled(), timeout=120_000)
        assert any(r.method == "GET" and r.path.startswith("/bulk") for r in remote.requests)
    qtbot.waitUntil(lambda: "pull_orders" in _column(view, "runs", "Job"), timeout=10_000)
    with sqlite_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 1200
    pull = _column(view, "runs", "Job").index("pull_orders")
    assert _column(view, "runs", "Created")[pull] == "1,200"  # grouped as the rest of the app
    assert "1,200 new orders" in view.summary.text()
    assert _column(view, "runs", "Status")[pull] == "ok"
    wait_for_pool()
