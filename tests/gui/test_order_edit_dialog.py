"""The order detail's "Edit address and notes…": preset to the order, sends only what changed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.queries.order_detail import order_detail
from omsdesk.ui.context import AppContext
from omsdesk.ui.order_detail import OrderDetailView
from omsdesk.ui.order_edit_dialog import OrderEditDialog
from tests.fixtures.database import Shop
from tests.fixtures.gui_data import GUI_ACTOR


def _shown(qtbot: QtBot, db: Database, ref: str) -> OrderDetailView:
    view = OrderDetailView(AppContext(db, GUI_ACTOR))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_order(ref)
    return view


def test_edit_address_and_notes_from_the_detail(qtbot: QtBot, sqlite_db: Database,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    sku = shop.product()
    ref = shop.order({sku: 1})
    view = _shown(qtbot, sqlite_db, ref)
    assert view.edit_button.isEnabled()

    def fill(dialog: OrderEditDialog) -> int:
        assert dialog.address.company.isHidden() and dialog.address.isEnabled()
        dialog.address.line1.setText("Calle Mayor 5")
        dialog.address.postcode.setText("50001")
        dialog.address.city.setText("Zaragoza")
        dialog.notes.setPlainText("Llamar antes")
        dialog.reason.setText("phoned")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OrderEditDialog, "exec", fill)
    with qtbot.waitSignal(view.action_done, timeout=10_000) as done:
        view.edit_button.click()
    assert done.args == [ref, "edit"]
    qtbot.waitUntil(lambda: "Calle Mayor 5" in view.address.text(), timeout=10_000)
    assert view.notes.text() == "Llamar antes"
    with sqlite_db.read() as s:
        d = order_detail(s, ref)
    assert (d.ship_to["city"], d.ship_to["postcode"]) == ("Zaragoza", "50001")

    # A refusal from the service (bad postcode) is shown, and the order keeps its address.
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))

    def bad(dialog: OrderEditDialog) -> int:
        dialog.address.postcode.setText("999")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OrderEditDialog, "exec", bad)
    view.edit_button.click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert "999" in warnings[0]
    with sqlite_db.read() as s:
        assert order_detail(s, ref).ship_to["postcode"] == "50001"


def test_a_shipped_order_offers_only_its_notes(qtbot: QtBot, sqlite_db: Database) -> None:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    sku = shop.product()
    shop.stock(sku, 1)
    ref = shop.order_at("shipped", {sku: 1})
    with sqlite_db.read() as s:
        d = order_detail(s, ref)
    dialog = OrderEditDialog(d)
    qtbot.addWidget(dialog)
    assert not dialog.address.isEnabled() and not dialog.locked_note.isHidden()
    assert dialog.change() is None
    dialog.notes.setPlainText("dejado en portería")
    change = dialog.change()
    assert change is not None and change.ship_to is None and change.notes == "dejado en portería"
