"""Payment terms: B2B orders on net N days and cash-on-delivery orders ship unpaid, within a credit limit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from omsdesk.models import IllegalTransition, NotFound, Order, ValidationError
from omsdesk.queries.order_detail import order_detail
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment import shipping
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.fulfilment.credit import set_terms
from omsdesk.services.intake.order_entry import CustomerInput
from tests.fixtures.database import ACTOR, Shop, ledger_problems

B2B = CustomerInput(name="Ferretería Gil, S.L.", email="compras@ferreteriagil.es", tax_id="B12345674")
CONSUMER = CustomerInput(name="Lucía Fernández", email="lucia@example.es")


def _customer_of(shop: Shop, ref: str) -> int:
    with shop.db.read() as s:
        cid = s.scalar(select(Order.customer_id).where(Order.reference == ref))
    assert cid is not None
    return int(cid)


def _walk_to_shipped(shop: Shop, ref: str) -> None:
    svc.pick_order(shop.db, ref, actor=ACTOR)
    svc.pack_order(shop.db, ref, actor=ACTOR)
    shipping.ship_order(shop.db, ref, actor=ACTOR, carrier="SEUR", tracking="S1")


def test_a_net30_order_is_allocated_and_shipped_unpaid(shop: Shop) -> None:
    sku = shop.product(price=12100)
    shop.stock(sku, 5)
    first = shop.order({sku: 1}, customer=B2B)
    set_terms(shop.db, _customer_of(shop, first), actor=ACTOR, terms="net30")

    assert allocate_order(shop.db, first, actor=ACTOR).status == "allocated"
    _walk_to_shipped(shop, first)
    with shop.db.read() as s:
        detail = order_detail(s, first)
    assert (detail.status, detail.paid_amount, detail.balance_due) == ("shipped", 0, 12100)
    assert ledger_problems(shop.db) == []


def test_cash_on_delivery_is_collected_when_the_order_is_delivered(shop: Shop) -> None:
    sku = shop.product(price=2495)
    shop.stock(sku, 2)
    ref = shop.order({sku: 1}, customer=CONSUMER)
    set_terms(shop.db, _customer_of(shop, ref), actor=ACTOR, terms="cod")
    assert allocate_order(shop.db, ref, actor=ACTOR).status == "allocated"
    _walk_to_shipped(shop, ref)

    svc.deliver_order(shop.db, ref, actor=ACTOR, reason="SEUR reembolso 0042")

    with shop.db.read() as s:
        detail = order_detail(s, ref)
    assert (detail.status, detail.paid_amount, detail.balance_due) == ("delivered", 2495, 0)
    assert [(p.amount, p.method) for p in detail.payments] == [(2495, "cod")]


def test_an_order_over_the_credit_limit_goes_on_hold_with_the_reason(shop: Shop) -> None:
    sku = shop.product(price=60000)
    shop.stock(sku, 5)
    first = shop.order({sku: 1}, customer=B2B)
    customer = _customer_of(shop, first)
    set_terms(shop.db, customer, actor=ACTOR, terms="net60", credit_limit=100000)
    assert allocate_order(shop.db, first, actor=ACTOR).status == "allocated"

    second = shop.order({sku: 1}, customer=B2B)
    state = allocate_order(shop.db, second, actor=ACTOR)

    assert state.status == "on_hold"
    assert "credit limit exceeded" in state.message and "owes 60000" in state.message
    assert shop.level(sku) == (5, 1)
    # Paying the first order frees the credit; released, the second one fits.
    svc.pay_order(shop.db, first, actor=ACTOR)
    svc.release_order(shop.db, second, actor=ACTOR)
    assert allocate_order(shop.db, second, actor=ACTOR).status == "allocated"


def test_marketplace_orders_keep_paying_first_whatever_the_customer_terms(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 2)
    channel = shop.marketplace()
    manual = shop.order({sku: 1}, customer=B2B)
    set_terms(shop.db, _customer_of(shop, manual), actor=ACTOR, terms="net30")
    web = shop.order({sku: 1}, customer=B2B, channel=channel, external_id="1001")
    with pytest.raises(IllegalTransition, match="must be paid first"):
        allocate_order(shop.db, web, actor=ACTOR)


def test_bad_terms_are_refused_and_change_nothing(shop: Shop) -> None:
    sku = shop.product()
    ref = shop.order({sku: 1}, customer=CONSUMER)
    consumer = _customer_of(shop, ref)
    before = shop.snapshot()
    with pytest.raises(NotFound, match="not a walk-in sale"):
        set_terms(shop.db, 999999, actor=ACTOR, terms="net30")
    with pytest.raises(ValidationError, match="has no tax id"):
        set_terms(shop.db, consumer, actor=ACTOR, terms="net30")
    with pytest.raises(ValidationError, match="immediate, cod or netN"):
        set_terms(shop.db, consumer, actor=ACTOR, terms="net0")
    with pytest.raises(ValidationError, match="credit limit"):
        set_terms(shop.db, consumer, actor=ACTOR, terms="cod", credit_limit=-1)
    assert shop.snapshot() == before
