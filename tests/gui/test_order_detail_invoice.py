"""Issuing an invoice from the order detail view."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models.invoice import Invoice
from omsdesk.services.invoicing.company import set_company
from omsdesk.ui.context import AppContext
from omsdesk.ui.order_detail import OrderDetailView
from tests.fixtures.database import Shop
from tests.fixtures.gui_data import GUI_ACTOR


def test_issue_invoice_button_invoices_the_shown_order(qtbot: QtBot, sqlite_db: Database,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from omsdesk.ui import confirm

    asked: list[str] = []
    monkeypatch.setattr(confirm, "confirm", lambda _p, _t, text: asked.append(text) or len(asked) > 1)
    shop = Shop(sqlite_db)
    shop.warehouses()
    set_company(sqlite_db, actor=GUI_ACTOR, name="Comercial Ñandú S.L.", tax_id="B58378431",
                address="Calle Mayor 12", postcode="28013", city="Madrid")
    sku = shop.product()
    shop.stock(sku, 5)
    ref = shop.order_at("paid", {sku: 2})
    view = OrderDetailView(AppContext(sqlite_db, GUI_ACTOR))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_order(ref)
    assert view.invoice_button.isEnabled()
    view.invoice_button.click()  # answered No: nothing is issued
    with sqlite_db.read() as s:
        assert list(s.scalars(select(Invoice.number))) == []
    with qtbot.waitSignal(view.action_done, timeout=10_000) as done:
        view.invoice_button.click()
    assert len(asked) == 2 and "credit note" in asked[0]
    assert done.args == [ref, "invoice"]
    with sqlite_db.read() as s:
        numbers = list(s.scalars(select(Invoice.number)))
    assert len(numbers) == 1 and numbers[0].startswith("F")
    qtbot.waitUntil(lambda: numbers[0] in view.invoice_list.text(), timeout=10_000)


def test_a_new_unpaid_order_cannot_be_invoiced_from_the_view(qtbot: QtBot, sqlite_db: Database) -> None:
    shop = Shop(sqlite_db)
    shop.warehouses()
    ref = shop.order_at("new", {shop.product(): 1})
    view = OrderDetailView(AppContext(sqlite_db, GUI_ACTOR))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_order(ref)
    assert not view.invoice_button.isEnabled()
