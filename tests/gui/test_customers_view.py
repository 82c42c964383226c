"""The customers view: payment terms and credit limit agreed from the GUI through the service."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Customer
from omsdesk.services.intake.order_entry import CustomerInput
from omsdesk.ui.context import AppContext
from omsdesk.ui.customers_view import CustomersView
from omsdesk.ui.terms_dialog import TermsDialog
from tests.fixtures.database import Shop
from tests.fixtures.gui_data import GUI_ACTOR


def _view(qtbot: QtBot, db: Database) -> CustomersView:
    view = CustomersView(AppContext(db, GUI_ACTOR))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.list.rowCount() == 2, timeout=10_000)
    return view


def _row(view: CustomersView, name: str) -> int:
    return next(i for i, c in enumerate(view.customers) if c.name == name)


@pytest.fixture
def customers(sqlite_db: Database) -> Database:
    shop = Shop(sqlite_db)
    shop.warehouses()
    sku = shop.product(price=1000)
    shop.stock(sku, 5)
    shop.order({sku: 1}, customer=CustomerInput(name="Ferretería Gil, S.L.", email="gil@example.es",
                                                tax_id="B12345674"))
    shop.order({sku: 1}, customer=CustomerInput(name="Lucía Fernández", email="lucia@example.es"))
    return sqlite_db


def test_net_days_and_a_credit_limit_are_saved_and_shown(qtbot: QtBot, customers: Database,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    view = _view(qtbot, customers)
    view.list.setCurrentCell(_row(view, "Ferretería Gil, S.L."), 0)
    qtbot.waitUntil(lambda: "owes" in view.orders_title.text(), timeout=10_000)
    assert view.terms_button.isEnabled()

    def accept(dialog: TermsDialog) -> int:
        assert not dialog.days.isEnabled()  # immediate: no days to choose
        dialog.kind.setCurrentIndex(dialog.kind.findData("net"))
        assert dialog.days.isEnabled()
        dialog.days.setValue(60)
        dialog.limited.setChecked(True)
        dialog.limit.setValue(1500.50)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TermsDialog, "exec", accept)
    with qtbot.waitSignal(view.terms_saved, timeout=10_000):
        view.terms_button.click()
    with customers.read() as s:
        gil = s.scalars(select(Customer).where(Customer.tax_id == "B12345674")).one()
        assert (gil.payment_terms, gil.credit_limit) == ("net60", 150050)
    qtbot.waitUntil(lambda: view.list.item(_row(view, "Ferretería Gil, S.L."), 4).text() == "60 days",
                    timeout=10_000)
    assert view.list.item(_row(view, "Ferretería Gil, S.L."), 5).text() == "€1,500.50"


def test_net_days_for_a_customer_without_a_tax_id_are_refused_with_the_reason(
        qtbot: QtBot, customers: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    view = _view(qtbot, customers)
    view.list.setCurrentCell(_row(view, "Lucía Fernández"), 0)

    def accept(dialog: TermsDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData("net"))
        return QDialog.DialogCode.Accepted

    warnings: list[str] = []
    monkeypatch.setattr(TermsDialog, "exec", accept)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    view.terms_button.click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert "has no tax id" in warnings[0]
    with customers.read() as s:
        assert s.scalar(select(Customer.payment_terms).where(Customer.name == "Lucía Fernández")) == "immediate"
