"""The Planning tab: suggestions listed, a transfer dispatched and received, a PO sent and saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.services.goods_in.purchasing import (
    add_supplier,
    create_purchase_order,
    set_reorder_rule,
)
from omsdesk.ui.context import AppContext
from omsdesk.ui.planning_view import PlanningView
from tests.fixtures.database import ACTOR, Shop


@pytest.fixture
def planning(qtbot: QtBot, sqlite_db: Database, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> tuple[PlanningView, Shop]:
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD", "BCN"))
    shop.product("MUG-01")
    shop.stock("MUG-01", 5, "MAD")
    add_supplier(sqlite_db, "ACME", "Acme", actor=ACTOR)
    set_reorder_rule(sqlite_db, "MUG-01", "BCN", actor=ACTOR, min_qty=4, supplier="ACME")
    create_purchase_order(sqlite_db, "ACME", "MAD", [("MUG-01", 3, 200)], actor=ACTOR)
    ctx = AppContext(sqlite_db, Actor("planner", "ws-1"))
    view = PlanningView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.po_table.rowCount() == 1 and view.suggestions.rowCount() >= 1, timeout=10_000)
    return view, shop


def _cell(view: PlanningView, table: str, row: int, col: int) -> str:
    item = getattr(view, table).item(row, col)
    return item.text() if item else ""


def test_suggestions_and_purchase_orders_are_listed(planning: tuple[PlanningView, Shop]) -> None:
    view, _shop = planning
    rows = {(_cell(view, "suggestions", r, 0), _cell(view, "suggestions", r, 1), _cell(view, "suggestions", r, 7))
            for r in range(view.suggestions.rowCount())}
    assert ("MUG-01", "BCN", "4") in rows
    assert _cell(view, "po_table", 0, 1) == "draft"


def test_transfer_dispatched_then_received_from_the_tab(qtbot: QtBot, planning: tuple[PlanningView, Shop]) -> None:
    view, shop = planning
    view.dispatch("MUG-01", 2, "MAD", "BCN")
    qtbot.waitUntil(lambda: view.transfer_table.rowCount() == 1, timeout=10_000)
    assert _cell(view, "transfer_table", 0, 5) == "in_transit"
    view.transfer_table.selectRow(0)
    view.receive_selected_transfer()
    qtbot.waitUntil(lambda: _cell(view, "transfer_table", 0, 5) == "received", timeout=10_000)
    assert shop.level("MUG-01", "BCN") == (2, 0)


def test_purchase_order_sent_and_saved_as_pdf(qtbot: QtBot, planning: tuple[PlanningView, Shop],
                                              tmp_path: Path) -> None:
    view, shop = planning
    view.po_table.selectRow(0)
    view.send_selected()
    qtbot.waitUntil(lambda: _cell(view, "po_table", 0, 1) == "sent", timeout=10_000)
    # Sent through the one door: audited; no e-mail queued (the supplier has no address) and no ERP.
    assert "send" in [a.action for a in shop.audit(_cell(view, "po_table", 0, 0))]
    assert shop.outbox("purchase_order.email") == [] and shop.outbox("erp.purchase_order") == []
    view.po_table.selectRow(0)
    target = tmp_path / "po.pdf"
    view.save_selected_pdf(str(target))
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert target.read_bytes().startswith(b"%PDF")


def test_analytics_tab_charts_stock_value_and_exports_csv(qtbot: QtBot, planning: tuple[PlanningView, Shop],
                                                         tmp_path: Path) -> None:
    view, _shop = planning
    tab = view.analytics
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10_000)
    assert [s.count() for s in tab.chart.series()] == [1]      # one bar set: value per warehouse
    assert tab.table.item(0, 0).text() == "MAD"
    # In euros under titles a clerk reads, not cents under field names.
    headers = [tab.table.horizontalHeaderItem(c).text() for c in range(tab.table.columnCount())]
    assert headers == ["Warehouse", "Products", "Units", "Stock value"]
    assert tab.table.item(0, 3).text().startswith("€") and "," not in tab.table.item(0, 3).text()[-3:]
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.report.setCurrentIndex(tab.report.findData("top-sellers"))
    assert tab.table.rowCount() == 0                             # nothing shipped yet
    assert "Nothing to show yet" in tab.status.text()
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.report.setCurrentIndex(tab.report.findData("stock"))
    target = tmp_path / "stock.csv"
    tab.export_csv(str(target))
    assert target.read_text(encoding="utf-8").splitlines()[0] == "warehouse,skus,units,value,currency"


def test_a_supplier_and_a_rule_from_the_suggestions_tab_make_the_next_purchase_order(
        qtbot: QtBot, planning: tuple[PlanningView, Shop]) -> None:
    from sqlalchemy import select

    from omsdesk.models.planning import ReorderRule, Supplier

    view, shop = planning
    dialog = view.new_supplier()
    dialog.code.setText("OLEO")
    dialog.name.setText("Oleícola del Sur, S.L.")
    dialog.tax_id.setText("B12345670")  # wrong check digit
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "invalid tax id 'B12345670'" in dialog.error.text(), timeout=10_000)
    with shop.db.read() as s:
        assert s.scalar(select(Supplier.id).where(Supplier.code == "OLEO")) is None
    dialog.tax_id.setText("B12345674")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    view.suggestions.selectRow(0)
    rule = view.edit_rule()
    qtbot.waitUntil(rule.save_button.isEnabled, timeout=10_000)
    assert rule.sku.text() == "MUG-01" and rule.warehouse.currentData() == "BCN"
    rule.supplier.setCurrentIndex(rule.supplier.findData("OLEO"))
    rule.min_qty.setValue(6)
    rule.unit_cost.setValue(2.35)
    with qtbot.waitSignal(rule.saved, timeout=10_000):
        rule.save_button.click()
    with shop.db.read() as s:
        saved = s.scalars(select(ReorderRule)).one()
        assert (saved.min_qty, saved.unit_cost, saved.lead_time_days) == (6, 235, 7)
        assert s.get(Supplier, saved.supplier_id).code == "OLEO"  # type: ignore[union-attr]


def test_a_purchase_order_keyed_in_by_hand_is_created_as_a_draft(
        qtbot: QtBot, planning: tuple[PlanningView, Shop]) -> None:
    from omsdesk.services.goods_in.purchasing import purchase_order_view

    view, shop = planning
    dialog = view.new_purchase_order()
    qtbot.waitUntil(dialog.create_button.isEnabled, timeout=10_000)
    for code in ("MUG-01", "MUG-01", "NOPE-1"):
        dialog.code.setText(code)
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "NOPE-1" in dialog.error.text() and len(dialog.rows) == 1 and dialog.isVisible()
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData("BCN"))
    assert dialog.rows[0][1].value() == 2
    dialog.rows[0][1].setValue(12)
    dialog.rows[0][2].setValue(1.99)
    with qtbot.waitSignal(dialog.created, timeout=10_000) as created:
        dialog.create_button.click()
    with shop.db.read() as s:
        po = purchase_order_view(s, created.args[0])
    assert (po.status, po.supplier_code, po.warehouse) == ("draft", "ACME", "BCN")
    assert [(ln.sku, ln.qty, ln.unit_cost) for ln in po.lines] == [("MUG-01", 12, 199)]
