"""Inventory view on the demo data: low stock highlighted, movements, receive and adjust dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Product, StockLevel, Warehouse
from omsdesk.ui.context import AppContext
from omsdesk.ui.inventory_view import LOW_BG, InventoryView
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool


@pytest.fixture
def inventory(qtbot: QtBot, demo_200k_copy: Database, qsettings_tmp: Path) -> Iterator[InventoryView]:
    view = InventoryView(AppContext(demo_200k_copy, GUI_ACTOR))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and bool(view._warehouses), timeout=15_000)
    yield view
    wait_for_pool()


def _on_hand(db: Database, sku: str, warehouse: str) -> int:
    with db.read() as s:
        return int(s.scalar(select(StockLevel.on_hand).join(Product, Product.id == StockLevel.product_id)
                            .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
                            .where(Product.sku == sku, Warehouse.code == warehouse)) or 0)


def _select_first(qtbot: QtBot, view: InventoryView, unreserved: int = 0) -> tuple[str, str]:
    """Select the first level with at least `unreserved` units that are not promised to orders."""
    index = next(i for i in range(view.model.rowCount())
                 if view.model.row_at(i).on_hand - view.model.row_at(i).reserved >= unreserved)
    view.table.selectRow(index)
    row = view.current_row()
    assert row is not None
    qtbot.waitUntil(lambda: view.moves.rowCount() > 0, timeout=15_000)
    return row.sku, row.warehouse


def test_receive_dialog_raises_on_hand(qtbot: QtBot, inventory: InventoryView, demo_200k_copy: Database) -> None:
    sku, warehouse = _select_first(qtbot, inventory)
    before = _on_hand(demo_200k_copy, sku, warehouse)
    dialog = inventory.open_dialog("receive")
    assert dialog.sku.text() == sku and dialog.warehouse.currentData() == warehouse
    dialog.qty.setValue(7)
    dialog.reason.setText("albarán 4411")
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert _on_hand(demo_200k_copy, sku, warehouse) == before + 7
    # The view listens to stock_changed: the new receipt is at the top of the movements.
    qtbot.waitUntil(lambda: inventory.moves.item(0, 2) is not None and inventory.moves.item(0, 2).text() == "+7"
                    and inventory.moves.item(0, 4).text() == "albarán 4411", timeout=15_000)


def test_adjust_without_reason_is_refused(qtbot: QtBot, inventory: InventoryView, demo_200k_copy: Database) -> None:
    # Taking 2 away needs 2 unreserved units; demo levels may be sold out or fully promised.
    sku, warehouse = _select_first(qtbot, inventory, unreserved=2)
    before = _on_hand(demo_200k_copy, sku, warehouse)
    dialog = inventory.open_dialog("adjust")
    dialog.qty.setValue(-2)
    dialog.submit()
    assert "reason" in dialog.error.text()
    assert dialog.isVisible()
    dialog.reason.setText("broken in the aisle")
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.submit()
    assert _on_hand(demo_200k_copy, sku, warehouse) == before - 2


def test_low_stock_rows_are_highlighted(qtbot: QtBot, inventory: InventoryView) -> None:
    inventory.low_only.setChecked(True)
    qtbot.waitUntil(lambda: inventory.model.low_only and inventory.model.rowCount() > 0
                    and all(inventory.model.row_at(r).low for r in range(inventory.model.rowCount())),
                    timeout=15_000)
    brush = inventory.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == LOW_BG


def test_planning_tab_is_built_when_first_opened(qtbot: QtBot, sqlite_db: Database) -> None:
    from omsdesk.ui.planning_view import PlanningView

    view = InventoryView(AppContext(sqlite_db, GUI_ACTOR))
    qtbot.addWidget(view)
    assert view.planning is None
    view.tabs.setCurrentIndex(1)
    assert isinstance(view.planning, PlanningView)
    assert view.tabs.currentWidget() is view.planning
