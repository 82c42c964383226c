"""Import orders or products from CSV… driven as a clerk does: the file picker, the preview, the import (issue 13.10)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Channel, Order, Product
from omsdesk.ui.context import AppContext
from omsdesk.ui.csv_import_dialog import CsvImportDialog
from omsdesk.ui.display import money
from omsdesk.ui.i18n import install_translator
from omsdesk.ui.main_window import MainWindow
from tests.fixtures.database import Shop
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool

# As Spanish Excel saves it: semicolons, decimal commas, a byte order mark.
ORDERS = """order;customer_name;customer_email;ship_line1;ship_postcode;ship_city;sku;qty;unit_price
W-1;Ana Muñoz;ana@example.es;Calle Mayor 1;28013;Madrid;MUG-01;2;12,10
W-1;;;;;;TEE-02;1;
W-2;Luis Gil;luis@example.es;Gran Vía 2;28001;Madrid;NOPE-9;1;
W-3;Eva Ruiz;eva@example.es;Calle Sol 3;99999;Madrid;MUG-01;1;
"""


@pytest.fixture
def store(sqlite_db: Database) -> Iterator[Database]:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    shop.product("MUG-01", price=1210)
    shop.product("TEE-02", price=1995)
    yield sqlite_db
    wait_for_pool()


def _cells(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _csv_orders(db: Database) -> list[tuple[str, int]]:
    with db.read() as s:
        return [(str(r[0]), int(r[1])) for r in s.execute(
            select(Order.external_id, Order.total).join(Channel, Channel.id == Order.channel_id)
            .where(Channel.code == "csv").order_by(Order.external_id))]


def _dialog(qtbot: QtBot, ctx: AppContext, kind: str, path: Path) -> CsvImportDialog:
    dialog = CsvImportDialog(ctx, kind, path)
    qtbot.addWidget(dialog)
    dialog.show()
    # The file is read in the pool: the dialog is on screen, busy, before any of it is known.
    assert dialog.preview is None and dialog.progress.isVisible() and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    return dialog


def test_the_preview_shows_what_is_created_and_why_rows_are_refused_then_imports(
        qtbot: QtBot, store: Database, tmp_path: Path) -> None:
    path = tmp_path / "pedidos.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ORDERS.encode())
    ctx = AppContext(store, GUI_ACTOR)
    dialog = _dialog(qtbot, ctx, "orders", path)
    assert _cells(dialog.create_table) == [["W-1", "2–3", "Ana Muñoz", "3", money(2 * 1210 + 1995, "EUR")]]
    assert [row[:3] for row in _cells(dialog.refused_table)] == [["4", "W-2", "Unknown SKU"],
                                                                 ["5", "W-3", "Bad address or postcode"]]
    assert "99999" in dialog.refused_table.item(1, 3).text()
    assert dialog.import_button.text() == "Import 1 orders" and dialog.import_button.isEnabled()
    assert "2 orders refused (2 rows)" in dialog.summary.text()
    with qtbot.waitSignal(ctx.signals.orders_changed, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert _csv_orders(store) == [("W-1", 4415)]
    assert dialog.summary.text().startswith("1 orders created. References SO-")
    assert dialog.cancel_button.text() == "Close" and not dialog.import_button.isEnabled()

    again = _dialog(qtbot, ctx, "orders", path)  # the same file a second time creates nothing
    assert not again.import_button.isEnabled() and again.create_table.rowCount() == 0
    assert again.refused_table.item(0, 2).text() == "Duplicate"
    assert again.tabs.currentIndex() == 1  # nothing to import: the refusals are what matters


def test_products_preview_tells_create_and_update_and_imports_the_valid_rows(
        qtbot: QtBot, store: Database, tmp_path: Path) -> None:
    path = tmp_path / "productos.csv"
    path.write_text("sku,name,price_eur,ean\nNEW-1,Taza azul,\"9,95\",\nMUG-01,Taza grande,13.50,\n"
                    "BAD-1,Rota,1.00,123\n", encoding="utf-8")
    ctx = AppContext(store, GUI_ACTOR)
    dialog = _dialog(qtbot, ctx, "products", path)
    assert [row[:3] for row in _cells(dialog.create_table)] == [["2", "NEW-1", "Create"], ["3", "MUG-01", "Update"]]
    assert _cells(dialog.refused_table)[0][:3] == ["4", "BAD-1", "Bad EAN"]
    assert dialog.import_button.text() == "Import 2 products"
    with qtbot.waitSignal(ctx.signals.stock_changed, timeout=10_000):
        dialog.import_button.click()
    with store.read() as s:
        assert {str(sku): int(price) for sku, price in s.execute(select(Product.sku, Product.price))} == {
            "NEW-1": 995, "MUG-01": 1350, "TEE-02": 1995}


def test_the_preview_speaks_spanish(qtbot: QtBot, qapp: QApplication, store: Database, tmp_path: Path) -> None:
    path = tmp_path / "pedidos.csv"
    path.write_text(ORDERS, encoding="utf-8")
    assert install_translator(qapp, "es")
    try:
        dialog = _dialog(qtbot, AppContext(store, GUI_ACTOR), "orders", path)
        assert dialog.windowTitle() == "Importar pedidos desde CSV"
        assert dialog.import_button.text() == "Importar 1 pedidos"
        assert [dialog.tabs.tabText(i) for i in range(2)] == ["Para importar (1)", "Rechazadas (2)"]
        assert dialog.summary.text().startswith("Se crearán 1 pedidos (2 filas, 44,15")
        assert [dialog.refused_table.item(r, 2).text() for r in range(2)] == [
            "SKU desconocido", "Dirección o código postal no válidos"]
        assert dialog.create_table.horizontalHeaderItem(2).text() == "Cliente"
    finally:
        install_translator(qapp, "en")


def test_the_file_menu_opens_the_picker_in_the_documents_folder(
        qtbot: QtBot, store: Database, tmp_path: Path, qsettings_tmp: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pedidos.csv"
    path.write_text(ORDERS, encoding="utf-8")
    asked: list[str] = []

    def pick(_parent: object, _title: str, folder: str, _filter: str) -> tuple[str, str]:
        asked.append(folder)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    window = MainWindow(AppContext(store, GUI_ACTOR))
    qtbot.addWidget(window)
    assert window.import_orders_action.shortcut().toString() == "Ctrl+Shift+O"
    window.import_orders_action.trigger()
    assert asked == [QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)]
    dialog = window.csv_dialog
    assert isinstance(dialog, CsvImportDialog) and dialog.kind == "orders" and dialog.isModal()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    dialog.reject()
    window.import_products_action.trigger()  # the next picker opens where the last file was
    assert asked[1] == str(tmp_path)
    assert isinstance(window.csv_dialog, CsvImportDialog) and window.csv_dialog.kind == "products"
    wait_for_pool()
