"""Purchase orders: suggestion, draft, PDF, send to the ERP, receive in parts, backorders served."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from omsdesk.models import IllegalTransition, ValidationError
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.goods_in.purchasing import (
    add_supplier,
    cancel_purchase_order,
    create_from_suggestions,
    create_purchase_order,
    purchase_order_pdf,
    receive_purchase_order,
    send_purchase_order,
    set_reorder_rule,
    suggest_purchases,
)
from tests.fixtures.database import ACTOR, Shop, ledger_problems


def test_purchase_order_lifecycle_with_partial_receipts(shop: Shop) -> None:
    a, b = shop.product(), shop.product()
    add_supplier(shop.db, "ACME", "Acme Suministros S.L.", actor=ACTOR, email="pedidos@acme.es")
    po = create_purchase_order(shop.db, "ACME", "BCN", [(a, 10, 250), (b, 4, 1000)], actor=ACTOR)
    assert (po.status, po.total, po.open_qty) == ("draft", 6500, 14)
    with pytest.raises(IllegalTransition):
        receive_purchase_order(shop.db, po.reference, actor=ACTOR)   # not sent yet

    sent = send_purchase_order(shop.db, po.reference, actor=ACTOR)
    assert sent.status == "sent"
    # The PDF goes to the supplier's e-mail; no ERP is configured, so nothing is queued for one.
    [msg] = shop.outbox("purchase_order.email")
    assert msg.idempotency_key == f"purchase_order.email:{po.reference}"
    assert msg.payload["to"] == "pedidos@acme.es"
    assert shop.outbox("erp.purchase_order") == []

    part = receive_purchase_order(shop.db, po.reference, {a: 6}, actor=ACTOR)
    assert (part.status, part.open_qty) == ("partial", 8)
    assert shop.level(a, "BCN") == (6, 0)
    with pytest.raises(ValidationError):
        receive_purchase_order(shop.db, po.reference, {a: 5}, actor=ACTOR)   # only 4 still open
    assert shop.level(a, "BCN") == (6, 0)

    done = receive_purchase_order(shop.db, po.reference, actor=ACTOR)
    assert (done.status, done.open_qty) == ("received", 0)
    assert (shop.level(a, "BCN"), shop.level(b, "BCN")) == ((10, 0), (4, 0))
    trail = [(x.action, x.from_status, x.to_status) for x in shop.audit(po.reference)]
    assert trail == [("create", None, "draft"), ("send", "draft", "sent"),
                     ("receive", "sent", "partial"), ("receive", "partial", "received")]
    with pytest.raises(IllegalTransition):
        cancel_purchase_order(shop.db, po.reference, actor=ACTOR)
    assert ledger_problems(shop.db) == []


def test_purchase_receipt_serves_backorders(shop: Shop) -> None:
    sku = shop.product()
    ref = shop.order_at("paid", {sku: 3})
    assert allocate_order(shop.db, ref, actor=ACTOR).status == "backorder"
    add_supplier(shop.db, "ACME", "Acme", actor=ACTOR)
    po = create_purchase_order(shop.db, "ACME", "SEV", [(sku, 5, 100)], actor=ACTOR)
    send_purchase_order(shop.db, po.reference, actor=ACTOR)
    receive_purchase_order(shop.db, po.reference, {sku: 2}, actor=ACTOR)
    assert shop.status(ref) == "backorder"
    receive_purchase_order(shop.db, po.reference, {sku: 3}, actor=ACTOR)
    assert shop.status(ref) == "allocated"
    assert shop.level(sku, "SEV") == (5, 3)


def test_suggestion_is_safety_stock_minus_available_and_on_order(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 3, "MAD")
    add_supplier(shop.db, "ACME", "Acme", actor=ACTOR, lead_time_days=5)
    set_reorder_rule(shop.db, sku, "MAD", actor=ACTOR, min_qty=10, max_qty=20, supplier="ACME",
                     unit_cost=150)
    with shop.db.read() as s:
        [sg] = [x for x in suggest_purchases(s) if x.sku == sku]
    # No sales history: the forecast is zero, so 10 safety - 3 available - 0 on order.
    assert (sg.qty, sg.supplier, sg.lead_time_days, sg.available, sg.on_order) == (7, "ACME", 5, 3, 0)

    [po] = create_from_suggestions(shop.db, actor=ACTOR)
    assert [(ln.sku, ln.qty, ln.unit_cost) for ln in po.lines] == [(sku, 7, 150)]
    with shop.db.read() as s:
        # On order now covers it: nothing more to suggest.
        assert [x for x in suggest_purchases(s) if x.sku == sku] == []


def test_maximum_caps_the_suggestion(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 2, "MAD")
    set_reorder_rule(shop.db, sku, "MAD", actor=ACTOR, min_qty=10, max_qty=10)
    with shop.db.read() as s:
        [sg] = [x for x in suggest_purchases(s) if x.sku == sku]
    assert sg.qty == 8


def test_purchase_order_pdf_lists_lines_and_total(shop: Shop) -> None:
    sku = shop.product()
    add_supplier(shop.db, "ACME", "Acme Suministros S.L.", actor=ACTOR)
    po = create_purchase_order(shop.db, "ACME", "MAD", [(sku, 12, 1250)], actor=ACTOR, notes="Muelle 3")
    pdf = purchase_order_pdf(shop.db, po.reference, language="es")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    content = page.extract_text()
    assert po.reference in content
    assert "Acme Suministros S.L." in content
    assert sku in content
    assert "150,00" in content          # 12 x 12,50 €
    assert round(float(page.mediabox.width)) == 595


def test_rule_for_a_warehouse_that_never_held_the_product_asks_for_first_stock(shop: Shop) -> None:
    sku = shop.product()
    set_reorder_rule(shop.db, sku, "BCN", actor=ACTOR, min_qty=4)
    with shop.db.read() as s:
        assert [(x.warehouse, x.qty) for x in suggest_purchases(s) if x.sku == sku] == [("BCN", 4)]
