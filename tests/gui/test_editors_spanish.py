"""The editors in Spanish: no English text of the catalogue on any of their dialogs (issue 13 points 4, 10)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.ui.context import AppContext
from omsdesk.ui.customer_editor import CustomerEditor
from omsdesk.ui.i18n import install_translator
from omsdesk.ui.order_editor import NewOrderDialog
from omsdesk.ui.product_editor import ProductEditor
from omsdesk.ui.purchase_order_dialog import PurchaseOrderDialog
from omsdesk.ui.reorder_rule_dialog import ReorderRuleDialog
from omsdesk.ui.supplier_dialog import SupplierDialog
from tests.fixtures.database import Shop
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool
from tests.gui.test_spanish_everywhere import _english_sources, _texts


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "es")
    try:
        yield
    finally:
        install_translator(qapp, "en")


@pytest.fixture
def shop_db(sqlite_db: Database) -> Iterator[Database]:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    shop.product("ACE-1L")
    yield sqlite_db
    wait_for_pool()


def test_the_editors_speak_spanish(qtbot: QtBot, shop_db: Database, spanish: None) -> None:
    ctx = AppContext(shop_db, GUI_ACTOR)
    order = NewOrderDialog(ctx)
    dialogs: list[QDialog] = [order, CustomerEditor(ctx), ProductEditor(ctx, "ACE-1L"), SupplierDialog(ctx),
                              ReorderRuleDialog(ctx, "ACE-1L", "MAD"), PurchaseOrderDialog(ctx)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    order.code.setText("ACE-1L")
    order.look_up()
    qtbot.waitUntil(lambda: len(order.lines.rows) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: bool(dialogs[2].bins), timeout=10_000)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialogs[4].warehouse.count() == 1, timeout=10_000)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialogs[5].warehouse.count() == 1, timeout=10_000)  # type: ignore[attr-defined]
    english = _english_sources()
    found = [f"{type(d).__name__}: {kind} {text!r}" for d in dialogs for kind, text in _texts(d)
             if text.strip() in english]
    found += [f"{type(d).__name__}: title {d.windowTitle()!r}" for d in dialogs if d.windowTitle() in english]
    assert found == []
    assert order.windowTitle() == "Nuevo pedido"
    assert order.totals.text() == "Líneas: 1 · Unidades: 1 · Total 12,10\u00a0€"
