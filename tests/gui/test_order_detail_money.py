"""The order detail view: a split order's open parcel, closing the unshipped rest and refunding it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.queries.order_detail import order_detail
from omsdesk.queries.stock import stock_for_sku
from omsdesk.services.fulfilment import shipping
from omsdesk.ui.context import AppContext
from omsdesk.ui.order_detail import OrderDetailView
from omsdesk.ui.refund_dialog import RefundDialog
from tests.fixtures.database import Shop
from tests.fixtures.gui_data import GUI_ACTOR


def _shown(qtbot: QtBot, db: Database, ref: str) -> OrderDetailView:
    view = OrderDetailView(AppContext(db, GUI_ACTOR))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_order(ref)
    return view


def test_close_the_rest_then_refund_it_from_the_detail_view(qtbot: QtBot, sqlite_db: Database,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    shop = Shop(sqlite_db)
    shop.warehouses()
    sku = shop.product(price=1000)
    shop.stock(sku, 2, "MAD")
    shop.stock(sku, 1, "BCN")
    ref = shop.order_at("packed", {sku: 3})
    shipping.ship_order(sqlite_db, ref, actor=GUI_ACTOR, warehouse="MAD", tracking="S-1")

    view = _shown(qtbot, sqlite_db, ref)
    assert "from BCN, packed: " in view.shipments.text()
    assert not view.buttons["cancel"].isEnabled()
    assert view.buttons["cancel-rest"].isEnabled() and view.buttons["ship"].isEnabled()

    with qtbot.waitSignal(view.action_done, timeout=10_000):
        view.run_action("cancel-rest", reason="customer cancelled the rest")
    qtbot.waitUntil(lambda: "refund due" in view.summary.text(), timeout=10_000)
    assert not view.buttons["cancel-rest"].isEnabled()

    def accept(dialog: RefundDialog) -> int:
        assert abs(dialog.amount.value() - 10.00) < 1e-9  # preset to the refund due
        dialog.ref.setText("RF-77")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RefundDialog, "exec", accept)
    with qtbot.waitSignal(view.action_done, timeout=10_000) as done:
        view.buttons["refund"].click()
    assert done.args == [ref, "refund"]
    with sqlite_db.read() as s:
        detail = order_detail(s, ref)
    assert (detail.refund_due, [(r.amount, r.reference) for r in detail.refunds]) == (0, [(1000, "RF-77")])
    assert shop.level(sku, "BCN") == (1, 0)


def test_a_return_from_one_parcel_with_a_disposition_from_the_detail_view(
        qtbot: QtBot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from omsdesk.ui.return_dialog import ReturnDialog

    shop = Shop(sqlite_db)
    shop.warehouses()
    sku = shop.product(price=1000)
    shop.stock(sku, 1, "MAD")
    shop.stock(sku, 1, "BCN")
    ref = shop.order_at("packed", {sku: 2})
    shipping.ship_order(sqlite_db, ref, actor=GUI_ACTOR, warehouse="MAD", tracking="S-MAD")
    shipping.ship_order(sqlite_db, ref, actor=GUI_ACTOR, warehouse="BCN", tracking="S-BCN")
    view = _shown(qtbot, sqlite_db, ref)
    assert view.buttons["return"].isEnabled()

    def fill(dialog: ReturnDialog) -> int:
        dialog.parcel.setCurrentIndex(dialog.parcel.findText("BCN", Qt.MatchFlag.MatchContains))
        _sku, qty, disposition = dialog.rows[0]
        assert qty.maximum() == 2
        qty.setValue(1)
        disposition.setCurrentIndex(disposition.findData("damaged"))
        dialog.reason.setText("caja aplastada")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReturnDialog, "exec", fill)
    with qtbot.waitSignal(view.action_done, timeout=10_000) as done:
        view.buttons["return"].click()
    assert done.args == [ref, "return"]
    # Back to the parcel's warehouse, kept apart as damaged: BCN's on hand does not change.
    assert shop.level(sku, "BCN") == (0, 0) and shop.level(sku, "MAD") == (0, 0)
    with sqlite_db.read() as s:
        rows = {r.warehouse: r.damaged for r in stock_for_sku(s, sku)}
    assert rows == {"MAD": 0, "BCN": 1}


def test_ship_asks_which_parcel_carrier_and_tracking_and_ships_only_that_parcel(
        qtbot: QtBot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from omsdesk.services.fulfilment import orders as svc
    from omsdesk.ui.ship_dialog import ShipDialog

    shop = Shop(sqlite_db)
    shop.warehouses()
    mug, tee = shop.product(price=1000), shop.product(price=500)
    shop.stock(mug, 1, "MAD")
    shop.stock(tee, 1, "BCN")
    ref = shop.order_at("picking", {mug: 1, tee: 1})
    svc.pack_order(sqlite_db, ref, actor=GUI_ACTOR, warehouse="BCN")
    view = _shown(qtbot, sqlite_db, ref)
    assert view.buttons["ship"].isEnabled() and view.buttons["pack"].isEnabled()
    seen: list[tuple[list[str], bool]] = []

    def accept(dialog: ShipDialog) -> int:
        # Only BCN is packed: it is the one parcel offered, and the scanner types into tracking.
        seen.append(([dialog.parcel.itemText(i) for i in range(dialog.parcel.count())],
                     dialog.tracking.isEnabled()))
        dialog.carrier.setCurrentText("GLS")
        dialog.tracking.setText("GLS-123")
        dialog.packages.setValue(2)
        dialog.weight.setValue(1.25)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ShipDialog, "exec", accept)
    with qtbot.waitSignal(view.action_done, timeout=10_000):
        view.buttons["ship"].click()
    [(items, tracking_enabled)] = seen
    assert len(items) == 1 and "from BCN" in items[0] and tracking_enabled
    with sqlite_db.read() as s:
        d = order_detail(s, ref)
    assert d.status == "partial"
    assert [(sh.warehouse, sh.carrier, sh.tracking, sh.packages, sh.weight_g) for sh in d.shipments] == [
        ("BCN", "GLS", "GLS-123", 2, 1250)]
    assert [(p.warehouse, p.status) for p in d.open_parcels] == [("MAD", "picking")]
    qtbot.waitUntil(lambda: "GLS-123" in view.shipments.text(), timeout=10_000)


def test_the_ship_dialog_takes_no_tracking_for_several_parcels_at_once(qtbot: QtBot, sqlite_db: Database) -> None:
    from omsdesk.ui.ship_dialog import ShipDialog

    shop = Shop(sqlite_db)
    shop.warehouses()
    mug, tee = shop.product(price=1000), shop.product(price=500)
    shop.stock(mug, 1, "MAD")
    shop.stock(tee, 1, "BCN")
    ref = shop.order_at("packed", {mug: 1, tee: 1})
    with sqlite_db.read() as s:
        dialog = ShipDialog(order_detail(s, ref))
    qtbot.addWidget(dialog)
    assert dialog.parcel.count() == 3 and dialog.shipment_id() is not None
    assert dialog.tracking.isEnabled()
    dialog.parcel.setCurrentIndex(0)  # every packed parcel
    assert dialog.shipment_id() is None and not dialog.tracking.isEnabled() and not dialog.packages.isEnabled()
    assert "one parcel" in dialog.hint.text()


def test_record_payment_asks_amount_method_reference_and_day(
        qtbot: QtBot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date, timedelta

    from PySide6.QtCore import QDate

    from omsdesk.ui.payment_dialog import PaymentDialog

    shop = Shop(sqlite_db)
    shop.warehouses()
    sku = shop.product(price=5000)
    ref = shop.order({sku: 1})
    view = _shown(qtbot, sqlite_db, ref)
    three_days_ago = date.today() - timedelta(days=3)

    def accept(dialog: PaymentDialog) -> int:
        assert abs(dialog.amount.value() - 50.00) < 1e-9  # preset to the balance due
        assert "cod" not in [dialog.method.itemData(i) for i in range(dialog.method.count())]
        dialog.amount.setValue(20.00)
        dialog.method.setCurrentIndex(dialog.method.findData("transfer"))
        dialog.ref.setText("BBVA 0042")
        dialog.day.setDate(QDate(three_days_ago.year, three_days_ago.month, three_days_ago.day))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PaymentDialog, "exec", accept)
    with qtbot.waitSignal(view.action_done, timeout=10_000):
        view.buttons["pay"].click()
    with sqlite_db.read() as s:
        d = order_detail(s, ref)
    [p] = d.payments
    assert (p.amount, p.method, p.reference) == (2000, "transfer", "BBVA 0042")
    assert p.paid_at.astimezone().date() == three_days_ago
    assert (d.status, d.balance_due) == ("new", 3000)


def test_after_shipping_with_tracking_the_label_and_slip_print_from_the_order(
        qtbot: QtBot, sqlite_db: Database, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 point 1: the ship dialog's tracking is the label's barcode, the shipping warehouse its sender."""
    from pypdf import PdfReader

    from omsdesk.ui.print_dialogs import Delivery

    shop = Shop(sqlite_db)
    shop.warehouses()
    tee = shop.product(price=500)
    shop.stock(tee, 1, "BCN")
    ref = shop.order_at("packed", {tee: 1})
    shipping.ship_order(sqlite_db, ref, actor=GUI_ACTOR, carrier="GLS", tracking="GLS-777")
    view = _shown(qtbot, sqlite_db, ref)
    view.ctx.settings.update({"output_dir": str(tmp_path / "out"), "language": "en"})
    assert view.label_button.isEnabled() and view.slip_button.isEnabled()
    with qtbot.waitSignal(view.printed, timeout=10_000) as printed:
        view.label_button.click()
    delivery = printed.args[0]
    assert isinstance(delivery, Delivery) and not delivery.failed and delivery.path.endswith(".pdf")
    text = PdfReader(delivery.path).pages[0].extract_text()
    assert "GLS-777" in text and "Barcelona" in text
    with qtbot.waitSignal(view.printed, timeout=10_000) as printed:
        view.slip_button.click()
    slip = PdfReader(printed.args[0].path).pages[0].extract_text()
    assert ref in slip and tee in slip
