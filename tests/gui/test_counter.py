"""Counter sale driven by the keyboard: scans to a delivered order and a printed (saved) receipt."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.ui.context import AppContext
from omsdesk.ui.counter import CounterView, parse_money
from tests.fixtures.database import Shop, ledger_problems


@pytest.fixture
def till(qtbot: QtBot, sqlite_db: Database, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> tuple[CounterView, Shop, Path]:
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD", "BCN"))
    shop.product("MUG-01", price=1250)
    shop.product("TEE-02", price=1990)
    shop.stock("MUG-01", 5, "MAD")
    shop.stock("TEE-02", 3, "MAD")
    ctx = AppContext(sqlite_db, Actor("clerk", "till-1"))
    out = tmp_path / "printed"
    ctx.settings.update({"counter_warehouse": "MAD", "output_dir": str(out), "language": "en"})
    view = CounterView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view, shop, out


def _scan(qtbot: QtBot, view: CounterView, code: str) -> None:
    qtbot.keyClicks(view.scan, code)
    qtbot.keyClick(view.scan, Qt.Key.Key_Return)


def _ean(shop: Shop, sku: str) -> str:
    from sqlalchemy import select

    from omsdesk.models import Product
    with shop.db.read() as s:
        return s.execute(select(Product.ean).where(Product.sku == sku)).scalar_one()


def test_cash_sale_from_scans_delivers_and_prints_the_receipt(qtbot: QtBot, till) -> None:  # type: ignore[no-untyped-def]
    view, shop, out = till
    _scan(qtbot, view, _ean(shop, "MUG-01"))
    _scan(qtbot, view, "MUG-01")          # same product by SKU: one line, qty 2
    _scan(qtbot, view, "TEE-02")
    assert [(ln.product.sku, ln.qty) for ln in view.lines] == [("MUG-01", 2), ("TEE-02", 1)]
    assert view.total == 2 * 1250 + 1990
    qtbot.keyClicks(view.tendered, "50")
    assert "5.10" in view.change_label.text()
    with qtbot.waitSignal(view.sale_completed, timeout=15000) as done:
        qtbot.keyClick(view.scan, Qt.Key.Key_F2)
    result = done.args[0]
    assert (result.method, result.total, result.change) == ("cash", 4490, 510)
    assert shop.status(result.reference) == "delivered"
    assert shop.level("MUG-01", "MAD") == (3, 0)
    assert shop.level("TEE-02", "MAD") == (2, 0)
    assert ledger_problems(shop.db) == []
    receipt = out / f"receipt-{result.reference}.pdf"
    text = PdfReader(io.BytesIO(receipt.read_bytes())).pages[0].extract_text()
    assert "Product MUG-01" in text and "44.90" in text
    assert view.lines == [] and "CHANGE" in view.banner.text()
    # The change stays in big figures until the next sale begins.
    assert "5.10" in view.change_label.text()
    _scan(qtbot, view, "TEE-02")
    assert "5.10" not in view.change_label.text()


def test_unknown_code_is_refused_and_basket_keeps_its_lines(qtbot: QtBot, till) -> None:  # type: ignore[no-untyped-def]
    view, _shop, _out = till
    _scan(qtbot, view, "MUG-01")
    _scan(qtbot, view, "NOPE-404")
    assert view.banner.level == "error" and "NOPE-404" in view.banner.text()
    assert [(ln.product.sku, ln.qty) for ln in view.lines] == [("MUG-01", 1)]


def test_keys_change_quantity_remove_line_and_card_pays_exactly(qtbot: QtBot, till) -> None:  # type: ignore[no-untyped-def]
    view, shop, _out = till
    _scan(qtbot, view, "3*MUG-01")
    _scan(qtbot, view, "TEE-02")
    qtbot.keyClick(view.scan, Qt.Key.Key_Minus)       # empty scan field: acts on the selected line
    assert len(view.lines) == 1                        # TEE-02 went from 1 to 0: removed
    qtbot.keyClick(view.scan, Qt.Key.Key_Plus)
    view.set_discount(0, "10%")
    assert view.lines[0].qty == 4 and view.lines[0].discount == 500
    _scan(qtbot, view, "TEE-02")
    view.apply_sale_discount("50")                     # whole sale: every line, percent
    assert [ln.discount for ln in view.lines] == [2500, 995]
    qtbot.keyClick(view.scan, Qt.Key.Key_Delete)       # removes the selected (last) line
    assert [ln.product.sku for ln in view.lines] == ["MUG-01"]
    view.set_discount(0, "10%")
    with qtbot.waitSignal(view.sale_completed, timeout=15000) as done:
        qtbot.keyClick(view.scan, Qt.Key.Key_F3)
    result = done.args[0]
    assert (result.method, result.total, result.change) == ("card", 4500, 0)
    assert shop.level("MUG-01", "MAD") == (1, 0)


def test_short_shelf_refuses_the_whole_sale(qtbot: QtBot, till) -> None:  # type: ignore[no-untyped-def]
    view, shop, _out = till
    before = shop.snapshot()
    _scan(qtbot, view, "9*TEE-02")
    with qtbot.waitSignal(view.sale_failed, timeout=15000) as failed:
        qtbot.keyClick(view.scan, Qt.Key.Key_F3)
    assert "not enough TEE-02" in failed.args[0]
    assert shop.snapshot() == before
    assert len(view.lines) == 1 and view.banner.level == "error"


def test_parse_money_reads_comma_or_point_and_refuses_fractions_of_a_cent() -> None:
    assert parse_money("12,50") == 1250 and parse_money("3") == 300
    with pytest.raises(ValueError):
        parse_money("1.005")


def test_with_company_data_the_sale_issues_a_simplified_invoice_on_the_receipt(  # type: ignore[no-untyped-def]
        qtbot: QtBot, till) -> None:
    from omsdesk.services.invoicing.company import set_company

    view, shop, out = till
    set_company(shop.db, actor=shop.actor, name="Tienda Demo SL", tax_id="B12345674",
                address="Calle Mayor 1", postcode="28013", city="Madrid")
    _scan(qtbot, view, "TEE-02")
    with qtbot.waitSignal(view.sale_completed, timeout=15000) as done:
        qtbot.keyClick(view.scan, Qt.Key.Key_F3)
    result = done.args[0]
    assert result.invoice_number and result.invoice_number.startswith("T")
    text = PdfReader(io.BytesIO((out / f"receipt-{result.reference}.pdf").read_bytes())).pages[0].extract_text()
    assert result.invoice_number in text and "B12345674" in text and "19,90" in text


def test_chosen_customer_is_found_by_email_and_put_on_the_order(qtbot: QtBot, till) -> None:  # type: ignore[no-untyped-def]
    from omsdesk.services.intake.order_entry import CustomerInput
    from omsdesk.ui.counter import CustomerDialog

    view, shop, _out = till
    shop.order({"MUG-01": 1}, customer=CustomerInput(name="Marta Ruiz", email="marta@example.es"))
    dialog = CustomerDialog(view.ctx, view)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "MARTA@")
    assert dialog.results.count() == 1
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)      # stays on the only result
    assert dialog.results.currentRow() == 0
    dialog.accept()
    assert dialog.chosen is not None
    view.set_customer(dialog.chosen)
    assert "Marta Ruiz" in view.customer_label.text()
    _scan(qtbot, view, "TEE-02")
    with qtbot.waitSignal(view.sale_completed, timeout=15000) as done:
        qtbot.keyClick(view.scan, Qt.Key.Key_F3)
    from sqlalchemy import select

    from omsdesk.models import Order
    with shop.db.read() as s:
        name = s.execute(select(Order.customer_name).where(Order.reference == done.args[0].reference)).scalar_one()
    assert name == "Marta Ruiz"
    assert view.customer is None  # the next sale starts as walk-in again


def test_a_printer_fault_keeps_the_sale_and_says_the_receipt_did_not_print(qtbot: QtBot, till) -> None:  # type: ignore[no-untyped-def]
    view, shop, out = till
    view.ctx.settings["printers"] = {"receipt": {"queue": "No-Such-Receipt-Printer"}}
    _scan(qtbot, view, "MUG-01")
    with qtbot.waitSignal(view.sale_completed, timeout=30000) as done:
        qtbot.keyClick(view.scan, Qt.Key.Key_F3)
    assert shop.status(done.args[0].reference) == "delivered"
    assert view.banner.level == "error" and "NOT printed" in view.banner.text()
    assert not out.exists()  # nothing silently saved instead


def test_a_company_customer_gets_a_full_invoice_and_a_ticket_can_become_one(  # type: ignore[no-untyped-def]
        qtbot: QtBot, till, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13 point 2: a full invoice chosen before paying, and F3 for a ticket afterwards."""
    from sqlalchemy import select

    from omsdesk.models.invoice import Invoice
    from omsdesk.services.counter import CustomerChoice
    from omsdesk.services.intake.order_entry import CustomerInput
    from omsdesk.services.invoicing.company import set_company
    from omsdesk.ui.counter import FullInvoiceDialog

    view, shop, _out = till
    set_company(shop.db, actor=shop.actor, name="Tienda Demo SL", tax_id="B12345674",
                address="Calle Mayor 1", postcode="28013", city="Madrid")
    shop.order({"MUG-01": 1}, customer=CustomerInput(name="Ferretería Gil, S.L.", email="gil@example.es",
                                                     tax_id="B58378431"))
    with shop.db.read() as s:
        from omsdesk.models import Customer

        gil = s.scalars(select(Customer).where(Customer.tax_id == "B58378431")).one()
        choice = CustomerChoice(gil.id, gil.name, gil.email or "", gil.tax_id or "")
    view.set_customer(choice)
    assert view.full_invoice.isEnabled() and view.full_invoice.isChecked()
    _scan(qtbot, view, "TEE-02")
    with qtbot.waitSignal(view.sale_completed, timeout=15000) as done:
        qtbot.keyClick(view.scan, Qt.Key.Key_F3)
    with shop.db.read() as s:
        inv = s.scalars(select(Invoice).where(Invoice.number == done.args[0].invoice_number)).one()
        assert (inv.invoice_type, inv.customer_tax_id) == ("F1", "B58378431")
    assert not view.full_invoice.isEnabled()  # back to a walk-in for the next sale

    _scan(qtbot, view, "MUG-01")
    with qtbot.waitSignal(view.sale_completed, timeout=15000) as done:
        qtbot.keyClick(view.scan, Qt.Key.Key_F2)
    ticket = done.args[0].invoice_number
    assert ticket and ticket.startswith("T")

    def fill(dialog: FullInvoiceDialog) -> int:
        assert dialog.number.text() == ticket  # the last ticket, ready to convert
        dialog.tax_id.setText("B58378431")
        dialog.name.setText("Ferretería Gil, S.L.")
        return 1

    monkeypatch.setattr(FullInvoiceDialog, "exec", fill)
    qtbot.keyClick(view.scan, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: "Full invoice" in view.banner.text(), timeout=15_000)
    with shop.db.read() as s:
        f3 = s.scalars(select(Invoice).where(Invoice.invoice_type == "F3")).one()
        assert f3.customer_tax_id == "B58378431" and f3.total == 1250


def test_a_new_customer_is_registered_at_the_till_and_chosen(qtbot: QtBot, till,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from omsdesk.ui.counter import CustomerDialog
    from omsdesk.ui.customer_editor import CustomerEditor

    view, shop, _out = till
    dialog = CustomerDialog(view.ctx, view)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "Talleres Pons")

    def fill_and_save(editor: CustomerEditor) -> int:
        assert editor.name.text() == "Talleres Pons"  # what the clerk searched for
        editor.tax_id.setText("B12345674")
        with qtbot.waitSignal(editor.saved, timeout=10_000):
            editor.save_button.click()
        return editor.result()

    monkeypatch.setattr(CustomerEditor, "exec", fill_and_save)
    dialog.new_button.click()
    assert dialog.chosen is not None and (dialog.chosen.name, dialog.chosen.tax_id) == ("Talleres Pons",
                                                                                     "B12345674")
