"""The Payables page and the automatic invoicing run in the GUI (offscreen), in English and Spanish."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QSpinBox
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.services.goods_in.purchasing import (
    add_supplier,
    create_purchase_order,
    receive_purchase_order,
    send_purchase_order,
)
from omsdesk.services.intake.order_entry import CustomerInput
from omsdesk.services.invoicing.policy import set_policy
from omsdesk.services.payables.invoices import approve_supplier_invoice
from omsdesk.ui.context import AppContext
from omsdesk.ui.i18n import install_translator
from omsdesk.ui.invoices_view import InvoicesView
from omsdesk.ui.payables_view import PayablesView
from tests.fixtures.database import ACTOR, Shop
from tests.integration.test_invoicing import CUSTOMER_NIF, setup_company

CLERK = Actor("clerk", "office-1")
# Set OMSDESK_GUI_PNG_DIR to keep the rendered pages for a look.
PNG_DIR = os.environ.get("OMSDESK_GUI_PNG_DIR")


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    installed = install_translator(qapp, request.param)
    assert installed or request.param == "en"  # English is the source text
    yield request.param
    install_translator(qapp, "en")


def _save(widget: object, name: str) -> None:
    if PNG_DIR:
        widget.grab().save(str(Path(PNG_DIR) / f"{name}.png"))  # type: ignore[attr-defined]


@pytest.fixture
def shop(sqlite_db: Database) -> Shop:
    setup_company(sqlite_db)
    s = Shop(sqlite_db)
    s.warehouses(("MAD",))
    return s


def test_record_a_supplier_invoice_against_a_po_with_the_match_line_by_line(
        qtbot: QtBot, shop: Shop, language: str) -> None:
    a, b = shop.product(), shop.product(tax_rate_bp=1000)
    add_supplier(shop.db, "ACME", "Acme Suministros SL", actor=ACTOR)
    ref = create_purchase_order(shop.db, "ACME", "MAD", [(a, 10, 500), (b, 4, 250)], actor=ACTOR).reference
    send_purchase_order(shop.db, ref, actor=ACTOR)
    receive_purchase_order(shop.db, ref, {a: 8, b: 4}, actor=ACTOR)
    view = PayablesView(AppContext(shop.db, CLERK))
    qtbot.addWidget(view)
    view.resize(1000, 560)
    view.show()
    qtbot.waitUntil(lambda: view.aged.text() != "", timeout=5000)
    dialog = view.record_invoice()
    qtbot.addWidget(dialog)
    dialog.po_ref.setText(ref)
    dialog.load_po()
    qtbot.waitUntil(lambda: dialog.lines.item(0, 8) is not None, timeout=5000)
    # The supplier bills all 10 A (8 arrived) and B at 2.75 instead of 2.50.
    qty = dialog.lines.cellWidget(0, 1)
    assert isinstance(qty, QSpinBox) and qty.value() == 8  # preset to what was received
    qty.setValue(10)
    dialog.rows[1][2].setValue(2.75)
    dialog.number.setText("FAC-77")
    dialog.check()
    qtbot.waitUntil(lambda: "2" in dialog.error.text(), timeout=5000)
    expected = {"en": ("more than received", "price differs"), "es": ("más de lo recibido", "el precio difiere")}
    assert expected[language][0] in dialog.lines.item(0, 8).text()
    assert expected[language][1] in dialog.lines.item(1, 8).text()
    dialog.resize(1000, 420)
    _save(dialog, f"payables_record_{language}")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        dialog.record()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=5000)
    held = {"en": "On hold (differences)", "es": "Retenida (diferencias)"}[language]
    assert view.table.item(0, 7).text() == held
    assert not view.pay_button.isEnabled() and view.approve_button.isEnabled()
    assert view.match.rowCount() == 2
    _save(view, f"payables_page_{language}")
    # Approved, then paid in part from the page.
    approve_supplier_invoice(shop.db, view.rows[0].id, reason="new price agreed", actor=ACTOR)
    view.refresh()
    qtbot.waitUntil(lambda: view.pay_button.isEnabled(), timeout=5000)
    view.pay_selected(1000, "transfer", "TR-1")
    partly = {"en": "Partly paid", "es": "Pagada en parte"}[language]
    qtbot.waitUntil(lambda: view.table.item(0, 7).text() == partly, timeout=5000)


def test_automatic_invoicing_runs_with_progress_and_shows_the_report(
        qtbot: QtBot, shop: Shop, language: str) -> None:
    sku = shop.product()
    shop.stock(sku, 20)
    b2b = CustomerInput(name="Ferretería Norte SL", email="compras@norte.example.es", tax_id=CUSTOMER_NIF)
    issued = [shop.order_at("shipped", {sku: 1}, customer=b2b) for _ in range(3)]
    waiting = shop.order_at("paid", {sku: 1}, customer=b2b)
    set_policy(shop.db, actor=ACTOR, channel="manual", when="shipped")
    ctx = AppContext(shop.db, CLERK)
    view = InvoicesView(ctx)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    never = {"en": "has not run yet", "es": "aún no se ha ejecutado"}[language]
    qtbot.waitUntil(lambda: never in view.auto_summary.text(), timeout=5000)
    view.open_auto_invoicing()
    dialog = view.auto_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: never in dialog.summary.text(), timeout=5000)
    progress: list[tuple[int, int]] = []
    dialog.start()
    assert dialog.worker is not None and dialog.cancel_button.isEnabled()
    dialog.worker.signals.progress.connect(lambda d, t, _l: progress.append((d, t)))
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)
    assert progress[-1] == (3, 3) and dialog.progress.value() == dialog.progress.maximum()
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())}
    words = {"en": ("Issued", "Skipped"), "es": ("Emitida", "Omitido")}[language]
    assert rows == {**dict.fromkeys(issued, words[0]), waiting: words[1]}
    dialog.resize(1000, 360)
    _save(dialog, f"auto_invoicing_{language}")
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)
    dialog.close()
    done = {"en": "3 issued, 1 skipped", "es": "facturas emitidas: 3; pedidos omitidos: 1"}[language]
    qtbot.waitUntil(lambda: done in view.auto_summary.text(), timeout=5000)
    _save(view, f"invoices_view_{language}")


def test_the_customer_editor_sets_the_customers_invoicing_policy(qtbot: QtBot, shop: Shop, language: str) -> None:
    from sqlalchemy import select

    from omsdesk.models import Customer
    from omsdesk.services.invoicing.policy import policy_of
    from omsdesk.ui.customer_editor import CustomerEditor

    sku = shop.product()
    shop.order({sku: 1}, customer=CustomerInput(name="Ferretería Norte SL", tax_id=CUSTOMER_NIF))
    with shop.db.read() as s:
        customer_id = s.scalar(select(Customer.id))
    assert customer_id is not None
    editor = CustomerEditor(AppContext(shop.db, CLERK), customer_id)
    qtbot.addWidget(editor)
    dialog = editor.edit_invoicing()
    assert dialog is not None
    dialog.when.setCurrentIndex(dialog.when.findData("monthly"))
    _save(dialog, f"policy_dialog_{language}")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.accept()
    with shop.db.read() as s:
        stored = policy_of(s, customer_id=customer_id)
    assert stored is not None and stored.when == "monthly"


def test_the_supplier_dialog_stores_when_its_invoices_fall_due(qtbot: QtBot, shop: Shop) -> None:
    from sqlalchemy import select

    from omsdesk.models.planning import Supplier
    from omsdesk.ui.supplier_dialog import SupplierDialog

    dialog = SupplierDialog(AppContext(shop.db, CLERK))
    qtbot.addWidget(dialog)
    dialog.code.setText("OLEO")
    dialog.name.setText("Aceites del Sur SL")
    dialog.terms_days.setValue(45)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.submit()
    with shop.db.read() as s:
        assert s.scalar(select(Supplier.payment_terms).where(Supplier.code == "OLEO")) == "net45"


def test_channel_policies_list_every_channel_and_change_one(qtbot: QtBot, shop: Shop, language: str) -> None:
    from omsdesk.ui.auto_invoicing import AutoInvoicingDialog
    from omsdesk.ui.invoicing_policy_dialog import ChannelPoliciesDialog

    shop.order({shop.product(): 1})  # the manual channel is made with its first order
    shop.marketplace()
    auto = AutoInvoicingDialog(AppContext(shop.db, CLERK))
    qtbot.addWidget(auto)
    dialog = auto.edit_policies()
    assert isinstance(dialog, ChannelPoliciesDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=5000)
    codes = [v.code for v in dialog.rows]
    assert "manual" in codes
    dialog.table.selectRow(codes.index("manual"))
    editor = dialog.change()
    assert editor is not None
    editor.when.setCurrentIndex(editor.when.findData("shipped"))
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.accept()
    shipped = {"en": "When shipped", "es": "Al enviar"}[language]
    qtbot.waitUntil(lambda: dialog.table.item(codes.index("manual"), 1).text() == shipped, timeout=5000)
    _save(dialog, f"channel_policies_{language}")
