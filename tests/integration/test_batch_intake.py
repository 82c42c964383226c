"""The set-based batch intake gives every order what one-at-a-time intake would, and never oversells."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from omsdesk.models import AuditEntry, Customer, Order, Payment, Reservation, ValidationError
from omsdesk.services.customers import AddressInput
from omsdesk.services.intake.batch import place_orders
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, place_order
from tests.fixtures.database import ACTOR, Shop, ledger_problems


def _orders(skus: list[str], n: int, qty: int = 1) -> list[OrderInput]:
    return [OrderInput(lines=tuple(LineInput(sku=s, qty=qty) for s in skus), channel="manual")
            for _ in range(n)]


def test_batch_allocates_until_stock_runs_out_then_backorders(shop: Shop) -> None:
    a, b = shop.product(), shop.product()
    shop.stock(a, 5)
    shop.stock(b, 100)
    created = place_orders(shop.db, _orders([a, b], 8), actor=ACTOR, pay_method="card", allocate=True)
    assert [c.status for c in created] == ["allocated"] * 5 + ["backorder"] * 3
    assert shop.level(a) == (5, 5)
    assert shop.level(b) == (100, 5)
    assert ledger_problems(shop.db) == []


def test_batch_orders_get_consecutive_references_payments_and_audit(shop: Shop) -> None:
    a = shop.product()
    shop.stock(a, 50)
    created = place_orders(shop.db, _orders([a], 4, qty=2), actor=ACTOR, pay_method="cash", allocate=True)
    numbers = [int(c.reference.rsplit("-", 1)[1]) for c in created]
    assert numbers == list(range(numbers[0], numbers[0] + 4))
    with shop.db.read() as s:
        ids = [c.id for c in created]
        assert s.scalar(select(func.count()).select_from(Payment).where(Payment.order_id.in_(ids))) == 4
        assert s.scalar(select(func.sum(Reservation.qty))) == 8
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == ids[0],
                                                            AuditEntry.entity == "order")).all()
        assert sorted(actions) == ["allocate", "create", "pay"]
        assert all(o.paid_amount == o.total for o in s.scalars(select(Order).where(Order.id.in_(ids))))


def test_one_bad_order_refuses_the_whole_batch(shop: Shop) -> None:
    a = shop.product()
    shop.stock(a, 10)
    batch = _orders([a], 2) + [OrderInput(lines=(LineInput(sku="NOPE", qty=1),), channel="manual")]
    with pytest.raises(Exception, match="NOPE"):
        place_orders(shop.db, batch, actor=ACTOR, pay_method="card", allocate=True)
    with shop.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 0
    assert shop.level(a) == (10, 0)


def test_zero_quantity_in_a_batch_is_refused_with_its_position(shop: Shop) -> None:
    a = shop.product()
    with pytest.raises(ValidationError, match="order 2 of the batch"):
        place_orders(shop.db, _orders([a], 1) + _orders([a], 1, qty=0), actor=ACTOR)


def _buyer(name: str, email: str | None = None, tax_id: str | None = None,
           address: bool = True) -> CustomerInput:
    return CustomerInput(name=name, email=email, tax_id=tax_id, address=AddressInput(
        name=name, line1="Calle Mayor 1", city="Madrid", postcode="28013", country="ES")
        if address else None)


def _with_buyer(sku: str, buyer: CustomerInput) -> OrderInput:
    return OrderInput(lines=(LineInput(sku=sku, qty=1),), channel="manual", customer=buyer)


def test_batch_buyers_are_matched_as_one_order_intake_matches_them(shop: Shop) -> None:
    a = shop.product()
    # One order alone creates the customer; the batch must find it again (e-mail matched in
    # lower case, as resolve_customer does) and make one customer of a buyer seen twice.
    first = place_order(shop.db, _with_buyer(a, _buyer("Ana Ruiz", "ana@example.es")), actor=ACTOR)
    created = place_orders(shop.db, [
        _with_buyer(a, _buyer("Ana R.", " ANA@example.es ")),
        _with_buyer(a, _buyer("Luis Gil", "luis@example.es")),
        _with_buyer(a, _buyer("Luis Gil", "luis@example.es")),
        _with_buyer(a, _buyer("Sin Correo", address=False)),
    ], actor=ACTOR)
    with shop.db.read() as s:
        customers = {o.reference: (o.customer_id, o.customer_name, o.ship_city)
                     for o in s.scalars(select(Order))}
        assert s.scalar(select(func.count()).select_from(Customer)) == 3
    ana = customers[first.reference][0]
    assert customers[created[0].reference][:2] == (ana, "Ana Ruiz")  # the stored name, not the new one
    assert customers[created[1].reference][0] == customers[created[2].reference][0] != ana
    assert customers[created[3].reference][1:] == ("Sin Correo", "")


def test_a_buyer_matching_a_stored_and_a_new_customer_gets_the_oldest_as_one_by_one(
        shop: Shop) -> None:
    """One order at a time, the oldest match wins (order_entry.resolve_customer). Buyer 2 shares
    its phone with buyer 1, new in this batch, and its e-mail with a stored customer; buyer 4
    shares its phone with buyer 3, both new."""
    a = shop.product()
    stored = place_order(shop.db, _with_buyer(a, _buyer("Ana Ruiz", "ana@example.es")), actor=ACTOR)

    def buyer(name: str, email: str, phone: str) -> CustomerInput:
        return CustomerInput(name=name, email=email, phone=phone)

    batch = [_with_buyer(a, buyer("Luis Gil", "luis@example.es", "600111222")),
             _with_buyer(a, buyer("Ana R.", "ana@example.es", "600111222")),
             _with_buyer(a, buyer("Eva Sanz", "eva@example.es", "600333444")),
             _with_buyer(a, buyer("Eva S.", "eva.sanz@example.es", "600333444"))]
    created = place_orders(shop.db, batch, actor=ACTOR)
    with shop.db.read() as s:
        owner = {o.reference: o.customer_id for o in s.scalars(select(Order))}
    got = [owner[o.reference] for o in created]
    assert got[1] == owner[stored.reference]  # the stored customer, not Luis made a moment before
    assert got[3] == got[2] != got[0]  # the first of the two made by the batch
    with shop.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 3


def test_a_refused_batch_leaves_no_customer_behind(shop: Shop) -> None:
    a = shop.product()
    batch = [_with_buyer(a, _buyer("Eva Sanz", "eva@example.es")),
             _with_buyer(a, _buyer("Pedro Mas", "pedro@example.es", tax_id="12345678A"))]
    with pytest.raises(ValidationError, match="order 2 of the batch: .*12345678A"):
        place_orders(shop.db, batch, actor=ACTOR)
    with pytest.raises(ValidationError, match="order 1 of the batch: customer name is empty"):
        place_orders(shop.db, [_with_buyer(a, _buyer("  "))], actor=ACTOR)
    bad_sku = OrderInput(lines=(LineInput(sku="NOPE", qty=1),), channel="manual",
                         customer=_buyer("Eva Sanz", "eva@example.es"))
    with pytest.raises(Exception, match="NOPE"):
        place_orders(shop.db, [batch[0], bad_sku], actor=ACTOR)
    with shop.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 0
