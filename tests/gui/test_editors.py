"""The editors driven as a clerk does: New order, the customer editor and the product editor (issue 13.10)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from omsdesk.db import Database
from omsdesk.models import AuditEntry, Customer, Order, Product
from omsdesk.queries.products import product_detail
from omsdesk.services.catalog import ProductChanges, update_product
from omsdesk.services.intake.order_entry import CustomerInput
from omsdesk.ui.context import AppContext
from omsdesk.ui.customer_editor import CustomerEditor
from omsdesk.ui.customers_view import CustomersView
from omsdesk.ui.main_window import MainWindow
from omsdesk.ui.order_editor import NewOrderDialog
from omsdesk.ui.orders_view import OrdersView
from omsdesk.ui.product_editor import ProductEditor
from omsdesk.ui.terms_dialog import TermsDialog
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool

EAN_ACEITE = "8412345678905"


@pytest.fixture
def store(sqlite_db: Database) -> Iterator[Database]:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD", "BCN"))
    shop.product("ACE-1L", price=1210)
    shop.product("ACE-5L", price=4500)
    update_product(sqlite_db, "ACE-1L", ProductChanges(name="Aceite de oliva 1 l", ean=EAN_ACEITE), actor=ACTOR)
    update_product(sqlite_db, "ACE-5L", ProductChanges(name="Aceite de oliva 5 l"), actor=ACTOR)
    shop.stock("ACE-1L", 10)
    shop.order({"ACE-1L": 1}, customer=CustomerInput(name="Ferretería Gil, S.L.", email="gil@example.es",
                                                     tax_id="B12345674"))
    yield sqlite_db
    wait_for_pool()


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


# -- new order ---------------------------------------------------------------------------


def _order_dialog(qtbot: QtBot, db: Database) -> NewOrderDialog:
    dialog = NewOrderDialog(AppContext(db, GUI_ACTOR))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _scan(qtbot: QtBot, dialog: NewOrderDialog, code: str, lines: int) -> None:
    dialog.code.setText(code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert len(dialog.lines.rows) == lines


def test_a_phone_order_for_an_existing_customer_by_scan_and_name_search(qtbot: QtBot, store: Database) -> None:
    dialog = _order_dialog(qtbot, store)
    dialog.customer.search.setText("gil")
    qtbot.waitUntil(lambda: dialog.customer.chosen_id() is not None, timeout=10_000)
    _scan(qtbot, dialog, EAN_ACEITE, 1)
    _scan(qtbot, dialog, EAN_ACEITE, 1)  # the same code again: one more on the same line
    assert dialog.lines.rows[0].qty.value() == 2
    dialog.code.setText("oliva")  # two names match: the clerk picks from the list
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.matches.count() == 2, timeout=10_000)
    dialog._on_match_chosen(dialog.matches.item(1))
    assert [r.hit.sku for r in dialog.lines.rows] == ["ACE-1L", "ACE-5L"]
    assert dialog.totals.text() == "Lines: 2 · Units: 3 · Total €69.20"
    assert dialog.isVisible() and dialog.created is None  # no Enter of the scanner pressed Create
    with qtbot.waitSignal(dialog.order_created, timeout=10_000) as created:
        dialog.create_button.click()
    with store.read() as s:
        order = s.scalar(select(Order).where(Order.reference == created.args[0]))
        assert order is not None
        assert (order.customer_name, order.total, order.status) == ("Ferretería Gil, S.L.", 6920, "new")


def test_a_price_override_without_a_reason_is_refused_and_nothing_is_written(qtbot: QtBot,
                                                                            store: Database) -> None:
    dialog = _order_dialog(qtbot, store)
    dialog.customer.search.setText("gil")
    qtbot.waitUntil(lambda: dialog.customer.chosen_id() is not None, timeout=10_000)
    _scan(qtbot, dialog, "ACE-1L", 1)
    row = dialog.lines.rows[0]
    assert not row.reason.isEnabled()
    row.price.setValue(10.00)
    assert row.reason.isEnabled()
    assert dialog.totals.text().endswith("Total €10.00")
    orders = _count(store, Order)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: "give a reason" in dialog.error.text(), timeout=10_000)
    assert dialog.isVisible() and dialog.create_button.isEnabled()
    assert _count(store, Order) == orders
    row.reason.setText("price match")
    with qtbot.waitSignal(dialog.order_created, timeout=10_000) as created:
        dialog.create_button.click()
    with store.read() as s:
        reasons = list(s.scalars(select(AuditEntry.reason).where(AuditEntry.reference == created.args[0],
                                                                 AuditEntry.action == "price_override")))
    assert reasons == ["line 1 ACE-1L 12.10 EUR -> 10.00 EUR: price match"]


def test_a_new_customer_with_an_invalid_nif_is_refused_with_the_reason(qtbot: QtBot, store: Database) -> None:
    dialog = _order_dialog(qtbot, store)
    dialog.customer.setCurrentIndex(1)
    dialog.customer.name.setText("Ana Muñoz")
    dialog.customer.tax_id.setText("12345678A")
    _scan(qtbot, dialog, "ACE-1L", 1)
    customers, orders = _count(store, Customer), _count(store, Order)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: "invalid tax id '12345678A'" in dialog.error.text(), timeout=10_000)
    assert (_count(store, Customer), _count(store, Order)) == (customers, orders)
    dialog.customer.tax_id.setText("12345678Z")
    dialog.customer.address.line1.setText("Calle Mayor 1")
    dialog.customer.address.postcode.setText("28013")
    dialog.customer.address.city.setText("Madrid")
    with qtbot.waitSignal(dialog.order_created, timeout=10_000):
        dialog.create_button.click()
    with store.read() as s:
        order = s.scalars(select(Order).order_by(Order.id.desc())).first()
        assert order is not None
        assert (order.customer_name, order.ship_city) == ("Ana Muñoz", "Madrid")


def test_codes_scanned_faster_than_the_lookups_are_all_added_in_order(qtbot: QtBot, store: Database) -> None:
    dialog = _order_dialog(qtbot, store)
    for code in ("ACE-5L", EAN_ACEITE, "ACE-5L"):
        dialog.code.setText(code)
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert [(r.hit.sku, r.qty.value()) for r in dialog.lines.rows] == [("ACE-5L", 2), ("ACE-1L", 1)]


def test_an_unknown_code_is_said_and_adds_nothing(qtbot: QtBot, store: Database) -> None:
    dialog = _order_dialog(qtbot, store)
    dialog.code.setText("NOPE-99")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "NOPE-99" in dialog.error.text(), timeout=10_000)
    assert dialog.lines.rows == [] and dialog.isVisible()


# -- customers ---------------------------------------------------------------------------


def test_new_customer_from_the_customers_view_with_addresses_and_terms(qtbot: QtBot, store: Database,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    view = CustomersView(AppContext(store, GUI_ACTOR))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.list.rowCount() == 1, timeout=10_000)
    editor = view.new_customer()
    editor.name.setText("Bodegas Ruiz, S.A.")
    editor.email.setText("pedidos@ruiz.es")
    editor.tax_id.setText("A58818501")
    editor.billing.line1.setText("Avenida de la Constitución 3")
    editor.billing.postcode.setText("41004")
    editor.billing.city.setText("Sevilla")

    def accept(dialog: TermsDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData("net"))
        dialog.days.setValue(30)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TermsDialog, "exec", accept)
    editor.terms_button.click()
    assert editor.terms_label.text().startswith("30 days")
    with qtbot.waitSignal(view.customer_saved, timeout=10_000):
        editor.save_button.click()
    with store.read() as s:
        c = s.scalars(select(Customer).where(Customer.tax_id == "A58818501")).one()
        assert (c.name, c.payment_terms, [(a.kind, a.city) for a in c.addresses]) == (
            "Bodegas Ruiz, S.A.", "net30", [("billing", "Sevilla")])
    qtbot.waitUntil(lambda: view.list.rowCount() == 2, timeout=10_000)


def test_editing_a_customer_with_an_invalid_nif_shows_why_and_writes_nothing(qtbot: QtBot,
                                                                           store: Database) -> None:
    with store.read() as s:
        gil = s.scalars(select(Customer).where(Customer.tax_id == "B12345674")).one().id
    editor = CustomerEditor(AppContext(store, GUI_ACTOR), gil)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.name.text() == "Ferretería Gil, S.L.", timeout=10_000)
    editor.tax_id.setText("B12345670")
    editor.phone.setText("600000001")
    audits = _count(store, AuditEntry)
    editor.save_button.click()
    qtbot.waitUntil(lambda: "invalid tax id 'B12345670'" in editor.error.text(), timeout=10_000)
    assert _count(store, AuditEntry) == audits
    with store.read() as s:
        c = s.get(Customer, gil)
        assert c is not None and (c.tax_id, c.phone) == ("B12345674", None)


def test_a_foreign_buyer_gets_a_document_type_and_country(qtbot: QtBot, store: Database) -> None:
    """A buyer without NIF or EU VAT number: the id type of AEAT list L7 and the issuing country."""
    with store.read() as s:
        gil = s.scalars(select(Customer).where(Customer.tax_id == "B12345674")).one().id
    editor = CustomerEditor(AppContext(store, GUI_ACTOR), gil)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.name.text() == "Ferretería Gil, S.L.", timeout=10_000)
    assert not editor.tax_id_country.isEnabled()  # a NIF needs no country
    editor.tax_id.setText("X 998877")
    editor.tax_id_type.setCurrentIndex(editor.tax_id_type.findData("03"))
    assert editor.tax_id_country.isEnabled()
    editor.tax_id_country.setText("us")
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.saved_customer is not None, timeout=10_000)
    with store.read() as s:
        c = s.get(Customer, gil)
        assert c is not None and (c.tax_id, c.tax_id_type, c.tax_id_country) == ("X998877", "03", "US")
    reopened = CustomerEditor(AppContext(store, GUI_ACTOR), gil)
    qtbot.addWidget(reopened)
    qtbot.waitUntil(lambda: reopened.tax_id.text() == "X998877", timeout=10_000)
    assert (reopened.tax_id_type.currentData(), reopened.tax_id_country.text()) == ("03", "US")


# -- products ----------------------------------------------------------------------------


def _product_editor(qtbot: QtBot, db: Database, sku: str | None) -> ProductEditor:
    editor = ProductEditor(AppContext(db, GUI_ACTOR), sku)
    qtbot.addWidget(editor)
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=10_000)
    return editor


def test_a_new_product_with_price_in_euros_vat_and_a_bin(qtbot: QtBot, store: Database) -> None:
    editor = _product_editor(qtbot, store, None)
    editor.sku.setText("VIN-75")
    editor.name.setText("Vino tinto 75 cl")
    editor.ean.setText("8410000000016")
    editor.price.setValue(8.95)
    editor.tax.setCurrentIndex(editor.tax.findData(1000))
    editor.weight.setValue(1300)
    editor.bins["MAD"].setText("b-02-1")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save_button.click()
    with store.read() as s:
        detail = product_detail(s, "VIN-75")
    assert detail is not None
    assert (detail.price, detail.tax_rate_bp, detail.weight_g, detail.ean, detail.bins, detail.stock_tracked) == (
        895, 1000, 1300, "8410000000016", {"MAD": "B-02-1"}, True)


def test_a_bad_ean_check_digit_is_shown_and_nothing_changes(qtbot: QtBot, store: Database) -> None:
    editor = _product_editor(qtbot, store, "ACE-5L")
    assert editor.name.text() == "Aceite de oliva 5 l" and editor.price.value() == 45.0
    editor.ean.setText("8412345678901")
    editor.price.setValue(39.99)
    editor.save_button.click()
    qtbot.waitUntil(lambda: "invalid EAN/GTIN '8412345678901'" in editor.error.text(), timeout=10_000)
    with store.read() as s:
        assert s.scalar(select(Product.price).where(Product.sku == "ACE-5L")) == 4500
    editor.ean.setText("")
    editor.service.setChecked(True)
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save_button.click()
    with store.read() as s:
        p = s.scalars(select(Product).where(Product.sku == "ACE-5L")).one()
        assert (p.price, p.stock_tracked) == (3999, False)


def test_ctrl_n_opens_new_order_and_the_created_order_opens_in_the_orders_view(
        qtbot: QtBot, store: Database, qsettings_tmp: Path) -> None:
    window = MainWindow(AppContext(store, GUI_ACTOR))
    qtbot.addWidget(window)
    window.show()
    assert window.new_order_action.shortcut().toString() == "Ctrl+N"
    window.new_order_action.trigger()
    dialog = window.order_dialog
    assert isinstance(dialog, NewOrderDialog)
    dialog.customer.search.setText("gil")
    qtbot.waitUntil(lambda: dialog.customer.chosen_id() is not None, timeout=10_000)
    _scan(qtbot, dialog, "ACE-1L", 1)
    with qtbot.waitSignal(dialog.order_created, timeout=10_000) as created:
        dialog.create_button.click()
    orders = window.views["orders"]
    assert isinstance(orders, OrdersView) and window.current_key() == "orders"
    assert orders.search.text() == created.args[0]
    orders.model.pool.waitForDone(20_000)
