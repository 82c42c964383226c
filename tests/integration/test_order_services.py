"""Order and stock services on SQLite and PostgreSQL: the whole life, refusals, audit and outbox."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from omsdesk.db import Database
from omsdesk.models import (
    Channel,
    ConflictError,
    IllegalTransition,
    InsufficientStock,
    NotFound,
    OmsError,
    Order,
    Reservation,
    Shipment,
    ValidationError,
)
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment import returns, shipping
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.goods_in.receiving import receive_stock
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, create_order
from omsdesk.services.ledger.stock import adjust_stock
from tests.fixtures.database import ACTOR, Shop, ledger_problems


def _pay(db: Database, ref: str, **kw: Any) -> Any:
    return svc.pay_order(db, ref, actor=ACTOR, **kw)


def _total(shop: Shop, ref: str) -> int:
    with shop.db.read() as s:
        return s.execute(select(Order.total).where(Order.reference == ref)).scalar_one()


# -- the happy path ------------------------------------------------------------


def test_whole_life_new_to_delivered(shop: Shop) -> None:
    sku = shop.product(price=1210)
    shop.stock(sku, 10)
    ref = shop.order({sku: 2})
    db = shop.db
    assert shop.status(ref) == "new"

    assert _pay(db, ref).status == "paid"
    state = allocate_order(db, ref, actor=ACTOR)
    assert (state.status, state.message) == ("allocated", "reserved in MAD")
    assert shop.level(sku) == (10, 2)
    assert svc.pick_order(db, ref, actor=ACTOR).status == "picking"
    assert svc.pack_order(db, ref, actor=ACTOR).status == "packed"
    state = shipping.ship_order(db, ref, actor=ACTOR, carrier="SEUR", tracking="SEUR123")
    assert state.status == "shipped"
    assert shop.level(sku) == (8, 0)
    assert svc.deliver_order(db, ref, actor=ACTOR).status == "delivered"

    trail = [(a.action, a.from_status, a.to_status) for a in shop.audit(ref)]
    assert trail == [
        ("create", None, "new"), ("pay", "new", "paid"), ("allocate", "paid", "allocated"),
        ("pick", "allocated", "picking"), ("pack", "picking", "packed"), ("ship", "packed", "shipped"),
        ("deliver", "shipped", "delivered"),
    ]
    with db.read() as s:
        shipment = s.scalars(select(Shipment)).one()
        assert (shipment.carrier, shipment.tracking) == ("SEUR", "SEUR123")
        assert shipment.delivered_at is not None
        assert s.scalars(select(Reservation)).all() == []
    assert shop.moves(sku) == [("MAD", "receipt", 10), ("MAD", "sale", -2)]
    assert ledger_problems(db) == []


def test_order_totals_split_tax_included_prices(shop: Shop) -> None:
    sku = shop.product(price=1210, tax_rate_bp=2100)
    ref = shop.order({sku: 3})
    with shop.db.read() as s:
        order = s.scalars(select(Order).where(Order.reference == ref)).one()
        assert (order.subtotal, order.tax_total, order.total) == (3000, 630, 3630)
        assert order.reference.startswith("SO-") and order.reference.endswith("-000001")


def test_order_references_count_up(shop: Shop) -> None:
    sku = shop.product()
    refs = [shop.order({sku: 1}) for _ in range(3)]
    assert [r[-6:] for r in refs] == ["000001", "000002", "000003"]
    assert len({r[:8] for r in refs}) == 1  # same SO-YYYY- prefix


# -- payments ------------------------------------------------------------------


def test_partial_payment_keeps_new_then_full_payment_makes_paid(shop: Shop) -> None:
    sku = shop.product(price=1000)
    ref = shop.order({sku: 3})
    total = _total(shop, ref)

    state = _pay(shop.db, ref, amount=1000, method="cash")
    assert state.status == "new"
    assert f"{total - 1000} still due" in state.message
    assert _pay(shop.db, ref).status == "paid"  # the balance by default

    with shop.db.read() as s:
        order = s.scalars(select(Order).where(Order.reference == ref)).one()
        assert order.paid_amount == total
        assert [(p.amount, p.method) for p in order.payments] == [(1000, "cash"), (total - 1000, "card")]
    pays = [(a.from_status, a.to_status) for a in shop.audit(ref) if a.action == "pay"]
    assert pays == [("new", "new"), ("new", "paid")]


@pytest.mark.parametrize(("amount", "problem"), [
    (0, "positive whole number"), (-5, "positive whole number"), (10**9, "exceeds the balance due"),
])
def test_bad_payment_amount_is_refused_and_changes_nothing(shop: Shop, amount: int, problem: str) -> None:
    ref = shop.order({shop.product(): 1})
    before = shop.snapshot()
    with pytest.raises(ValidationError, match=problem):
        _pay(shop.db, ref, amount=amount)
    assert shop.snapshot() == before


def test_paying_a_fully_paid_order_is_refused(shop: Shop) -> None:
    ref = shop.order({shop.product(): 1})
    _pay(shop.db, ref)
    before = shop.snapshot()
    with pytest.raises(ValidationError, match="already paid in full"):
        _pay(shop.db, ref)
    assert shop.snapshot() == before


def test_order_paid_in_full_while_on_hold_is_released_as_paid(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 1)
    ref = shop.order_at("on_hold", {sku: 1})  # held while still new
    assert _pay(shop.db, ref).status == "on_hold"
    assert svc.release_order(shop.db, ref, actor=ACTOR).status == "paid"
    assert allocate_order(shop.db, ref, actor=ACTOR).status == "allocated"


def test_free_order_is_confirmed_by_pay_without_a_payment(shop: Shop) -> None:
    sku = shop.product(price=0)  # a warranty replacement costs the customer nothing
    ref = shop.order({sku: 1})
    state = _pay(shop.db, ref)
    assert (state.status, state.message) == ("paid", "nothing to pay")
    with shop.db.read() as s:
        assert s.scalars(select(Order).where(Order.reference == ref)).one().payments == []
    assert [(a.action, a.from_status, a.to_status) for a in shop.audit(ref)][-1] == ("pay", "new", "paid")
    with pytest.raises(ValidationError, match="already paid in full"):
        _pay(shop.db, ref)


# -- allocation ----------------------------------------------------------------


def test_allocation_without_stock_goes_to_backorder_then_allocates_after_a_receipt(shop: Shop) -> None:
    sku = shop.product()
    ref = shop.order_at("paid", {sku: 4})
    state = allocate_order(shop.db, ref, actor=ACTOR)
    assert state.status == "backorder"
    assert sku in state.message
    assert shop.level(sku) == (0, 0)

    shop.stock(sku, 4, "BCN")  # the receipt serves the waiting order by itself
    assert shop.status(ref) == "allocated"
    assert shop.level(sku, "BCN") == (4, 4)
    assert ledger_problems(shop.db) == []


def test_allocation_reserves_every_line_in_one_warehouse(shop: Shop) -> None:
    a, b = shop.product(), shop.product()
    shop.stock(a, 5, "MAD")       # MAD has only a
    shop.stock(a, 5, "SEV")
    shop.stock(b, 5, "SEV")       # only SEV has both
    ref = shop.order_at("paid", {a: 2, b: 1})
    assert allocate_order(shop.db, ref, actor=ACTOR).message == "reserved in SEV"
    assert (shop.level(a, "MAD"), shop.level(a, "SEV"), shop.level(b, "SEV")) == ((5, 0), (5, 2), (5, 1))


def test_allocation_never_uses_stock_reserved_for_another_order(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 3)
    first = shop.order_at("allocated", {sku: 2})
    second = shop.order_at("paid", {sku: 2})
    assert allocate_order(shop.db, second, actor=ACTOR).status == "backorder"
    assert shop.status(first) == "allocated"
    assert shop.level(sku) == (3, 2)


# -- shipping ------------------------------------------------------------------


def test_partial_shipment_keeps_the_rest_reserved_and_the_rest_ships_later(shop: Shop) -> None:
    a, b = shop.product(), shop.product()
    shop.stock(a, 5)
    shop.stock(b, 5)
    ref = shop.order_at("packed", {a: 3, b: 2})

    state = shipping.ship_order(shop.db, ref, actor=ACTOR, carrier="MRW", tracking="M1", quantities={a: 1})
    assert state.status == "partial"
    # One unit left; what stayed behind is still reserved for this order, not given away.
    assert shop.level(a) == (4, 2)
    assert shop.level(b) == (5, 2)
    assert "4 unit(s) still reserved, 0 on backorder" in shop.audit(ref)[-1].reason

    assert shipping.ship_order(shop.db, ref, actor=ACTOR, tracking="M2").status == "shipped"
    assert (shop.level(a), shop.level(b)) == ((2, 0), (3, 0))
    with shop.db.read() as s:
        assert [sh.tracking for sh in s.scalars(select(Shipment).order_by(Shipment.id))] == ["M1", "M2"]
    assert ledger_problems(shop.db) == []


def test_shipping_more_than_reserved_is_refused_and_changes_nothing(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 5)
    ref = shop.order_at("packed", {sku: 2})
    before = shop.snapshot()
    with pytest.raises(ValidationError, match=f"cannot ship 3 x {sku} on {ref}: only 2 reserved"):
        shipping.ship_order(shop.db, ref, actor=ACTOR, quantities={sku: 3})
    with pytest.raises(ValidationError, match="is not on order"):
        shipping.ship_order(shop.db, ref, actor=ACTOR, quantities={"NOPE": 1})
    assert shop.snapshot() == before


# -- hold, release, cancel -----------------------------------------------------


@pytest.mark.parametrize("status", ["new", "paid", "allocated", "picking", "packed"])
def test_hold_then_release_returns_to_the_status_held_from(shop: Shop, status: str) -> None:
    sku = shop.product()
    shop.stock(sku, 2)
    ref = shop.order_at(status, {sku: 1})
    level = shop.level(sku)
    assert svc.hold_order(shop.db, ref, actor=ACTOR, reason="customer called").status == "on_hold"
    assert shop.level(sku) == level  # a hold keeps the reservation
    with pytest.raises(IllegalTransition, match="already on hold"):
        svc.hold_order(shop.db, ref, actor=ACTOR)
    assert svc.release_order(shop.db, ref, actor=ACTOR).status == status
    hold, release = shop.audit(ref)[-2:]
    assert (hold.from_status, hold.to_status, hold.reason) == (status, "on_hold", "customer called")
    assert (release.from_status, release.to_status) == ("on_hold", status)


def test_cancel_releases_reservations(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 5)
    ref = shop.order_at("picking", {sku: 4})
    assert shop.level(sku) == (5, 4)
    outbox_before = len(shop.outbox("stock.changed"))

    assert svc.cancel_order(shop.db, ref, actor=ACTOR, reason="duplicate").status == "cancelled"
    assert shop.level(sku) == (5, 0)
    with shop.db.read() as s:
        assert s.scalars(select(Reservation)).all() == []
    assert [m.payload for m in shop.outbox("stock.changed")[outbox_before:]] == [{"sku": sku}]
    last = shop.audit(ref)[-1]
    assert (last.action, last.from_status, last.to_status, last.reason) == ("cancel", "picking", "cancelled", "duplicate")
    assert ledger_problems(shop.db) == []


def test_cancel_on_hold_clears_the_hold(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 1)
    ref = shop.order_at("allocated", {sku: 1})
    svc.hold_order(shop.db, ref, actor=ACTOR)
    svc.cancel_order(shop.db, ref, actor=ACTOR)
    assert shop.level(sku) == (1, 0)
    with shop.db.read() as s:
        assert s.execute(select(Order.held_from).where(Order.reference == ref)).scalar_one() is None


@pytest.mark.parametrize("status", ["shipped", "delivered"])
def test_cancel_after_shipping_is_refused(shop: Shop, status: str) -> None:
    sku = shop.product()
    shop.stock(sku, 1)
    ref = shop.order_at(status, {sku: 1})
    before = shop.snapshot()
    with pytest.raises(IllegalTransition, match=f"cannot cancel order {ref}: status is {status}; "
                                                "it has already shipped"):
        svc.cancel_order(shop.db, ref, actor=ACTOR)
    assert shop.snapshot() == before


# -- returns -------------------------------------------------------------------


def test_return_restocks_the_warehouse_it_left_from(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 3, "BCN")
    ref = shop.order_at("delivered", {sku: 2})
    assert shop.level(sku, "BCN") == (1, 0)

    state = returns.return_order(shop.db, ref, actor=ACTOR, reason="damaged box")
    assert state.status == "returned"
    assert shop.level(sku, "BCN") == (3, 0)
    assert shop.moves(sku)[-1] == ("BCN", "return", 2)
    last = shop.audit(ref)[-1]
    assert (last.action, last.from_status, last.to_status, last.reason) == ("return", "delivered", "returned", "damaged box")
    assert ledger_problems(shop.db) == []


def test_partial_return_takes_back_only_what_is_named(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 3)
    ref = shop.order_at("shipped", {sku: 3})
    with pytest.raises(ValidationError, match="more than was shipped"):
        returns.return_order(shop.db, ref, actor=ACTOR, quantities={sku: 4})
    returns.return_order(shop.db, ref, actor=ACTOR, quantities={sku: 1})
    assert shop.level(sku) == (1, 0)


# -- refusals change nothing ---------------------------------------------------

Action = Callable[[Database, str], Any]
ACTIONS: dict[str, Action] = {
    "pay": lambda db, ref: svc.pay_order(db, ref, actor=ACTOR),
    "allocate": lambda db, ref: allocate_order(db, ref, actor=ACTOR),
    "pick": lambda db, ref: svc.pick_order(db, ref, actor=ACTOR),
    "pack": lambda db, ref: svc.pack_order(db, ref, actor=ACTOR),
    "ship": lambda db, ref: shipping.ship_order(db, ref, actor=ACTOR, tracking="T"),
    "deliver": lambda db, ref: svc.deliver_order(db, ref, actor=ACTOR),
    "hold": lambda db, ref: svc.hold_order(db, ref, actor=ACTOR),
    "release": lambda db, ref: svc.release_order(db, ref, actor=ACTOR),
    "cancel": lambda db, ref: svc.cancel_order(db, ref, actor=ACTOR),
    "return": lambda db, ref: returns.return_order(db, ref, actor=ACTOR),
}

REFUSALS = [
    ("new", "allocate", "must be paid first"), ("new", "pick", "must be allocated first"),
    ("new", "ship", "must be packed first"), ("new", "release", "not on hold"),
    ("new", "return", "status is new"), ("paid", "deliver", "has not shipped"),
    ("allocated", "allocate", "already allocated"), ("allocated", "pack", "must be picked first"),
    ("packed", "pick", "must be allocated first"), ("shipped", "cancel", "already shipped"),
    ("shipped", "ship", "must be packed first"), ("delivered", "hold", "status is delivered"),
    ("cancelled", "pay", "status is cancelled"), ("cancelled", "cancel", "already cancelled"),
    ("cancelled", "allocate", "must be paid first"), ("on_hold", "hold", "already on hold"),
    ("on_hold", "ship", "must be packed first"), ("returned", "return", "status is returned"),
]


@pytest.mark.parametrize(("status", "action", "hint"), REFUSALS,
                         ids=[f"{a}-from-{s}" for s, a, _ in REFUSALS])
def test_refused_action_raises_a_clear_error_and_changes_nothing(
        shop: Shop, status: str, action: str, hint: str) -> None:
    sku = shop.product()
    shop.stock(sku, 2)
    ref = shop.order_at(status, {sku: 1})
    before = shop.snapshot()
    with pytest.raises(IllegalTransition) as err:
        ACTIONS[action](shop.db, ref)
    assert f"cannot {action} order {ref}" in str(err.value)
    assert hint in str(err.value)
    assert shop.snapshot() == before
    assert ledger_problems(shop.db) == []


def test_every_action_on_an_unknown_reference_says_so(shop: Shop) -> None:
    before = shop.snapshot()
    for action in ACTIONS.values():
        with pytest.raises(NotFound, match="unknown order 'SO-1999-999999'"):
            action(shop.db, "SO-1999-999999")
    assert shop.snapshot() == before


# -- order intake refusals -----------------------------------------------------


def _create(shop: Shop, lines: tuple[LineInput, ...], **kw: Any) -> Any:
    return create_order(shop.db, OrderInput(lines=lines, **kw), actor=ACTOR)


@pytest.mark.parametrize(("kwargs", "error", "problem"), [
    ({"lines": (LineInput("NOPE", 1),)}, NotFound, "unknown SKU 'NOPE'"),
    ({"lines": (LineInput("{sku}", 0),)}, ValidationError, "must be greater than zero, got 0"),
    ({"lines": (LineInput("{sku}", -2),)}, ValidationError, "must be greater than zero, got -2"),
    ({"lines": (LineInput("{sku}", 1),), "currency": "EURO"}, ValidationError, "unknown currency 'EURO'"),
    ({"lines": ()}, ValidationError, "at least one line"),
    ({"lines": (LineInput("{sku}", 1),), "channel": "ebay-fr"}, NotFound, "unknown channel 'ebay-fr'"),
    ({"lines": (LineInput("{sku}", 1),), "customer": CustomerInput(name="Pepe", tax_id="12345678A")},
     ValidationError, "invalid tax id '12345678A'"),
    ({"lines": (LineInput("{sku}", 2, unit_price=100, discount=300),)}, ValidationError,
     "discount of .* is larger"),
])
def test_bad_order_input_is_refused_and_writes_nothing(
        shop: Shop, kwargs: dict[str, Any], error: type[OmsError], problem: str) -> None:
    sku = shop.product()
    kwargs = dict(kwargs)
    kwargs["lines"] = tuple(LineInput(li.sku.format(sku=sku), li.qty, li.unit_price, li.discount)
                            for li in kwargs["lines"])
    before = shop.snapshot()
    with pytest.raises(error, match=problem):
        _create(shop, **kwargs)
    assert shop.snapshot() == before


def test_same_channel_and_external_id_is_refused(shop: Shop) -> None:
    sku = shop.product()
    channel = shop.marketplace()
    first = shop.order({sku: 1}, channel=channel, external_id="#1001")
    before = shop.snapshot()
    with pytest.raises(ConflictError, match=f"order #1001 of channel {channel} exists as {first}"):
        shop.order({sku: 1}, channel=channel, external_id="#1001")
    assert shop.snapshot() == before
    # The same id from another channel is a different order.
    other = shop.order({sku: 1}, channel=shop.marketplace("woo-es", "woocommerce"), external_id="#1001")
    assert other != first


def test_channel_and_external_id_are_unique_in_the_schema_itself(shop: Shop) -> None:
    sku = shop.product()
    channel = shop.marketplace()
    shop.order({sku: 1}, channel=channel, external_id="#7")
    # Two workstations importing at once can both pass the service's check; the constraint holds.
    with pytest.raises(IntegrityError), shop.db.write() as s:
        original = s.scalars(select(Order).where(Order.external_id == "#7")).one()
        s.add(Order(reference="SO-2026-999999", channel_id=original.channel_id, external_id="#7"))


# -- stock receipts and adjustments --------------------------------------------


def test_receipt_and_adjustment_write_moves_audit_and_outbox(shop: Shop) -> None:
    sku = shop.product()
    result = receive_stock(shop.db, sku, 7, "SEV", actor=ACTOR, reason="PO-42")
    assert (result.on_hand, result.reserved, result.available) == (7, 0, 7)
    result = adjust_stock(shop.db, sku, -2, "SEV", reason="broken in count", actor=ACTOR)
    assert result.on_hand == 5
    assert shop.moves(sku) == [("SEV", "receipt", 7), ("SEV", "adjustment", -2)]
    entries = shop.audit(f"{sku}@SEV")
    assert [(e.action, e.reason, e.user, e.workstation) for e in entries] == [
        ("receive", "+7 PO-42", "tester", "ws-test-1"),
        ("adjust", "-2 broken in count", "tester", "ws-test-1"),
    ]
    pushes = [m for m in shop.outbox("stock.changed") if m.payload == {"sku": sku}]
    assert len(pushes) == 2
    assert {m.key for m in pushes} == {f"stock:{sku}"}
    assert len({m.idempotency_key for m in pushes}) == 2


def test_adjustment_cannot_take_reserved_stock(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 3)
    shop.order_at("allocated", {sku: 2})
    before = shop.snapshot()
    with pytest.raises(InsufficientStock, match=f"cannot remove 2 x {sku} from MAD"):
        adjust_stock(shop.db, sku, -2, "MAD", reason="lost", actor=ACTOR)
    assert shop.snapshot() == before
    adjust_stock(shop.db, sku, -1, "MAD", reason="lost", actor=ACTOR)
    assert shop.level(sku) == (2, 2)


@pytest.mark.parametrize(("call", "error", "problem"), [
    (lambda db, sku: receive_stock(db, sku, 0, "MAD", actor=ACTOR), ValidationError, "greater than zero"),
    (lambda db, sku: receive_stock(db, sku, -4, "MAD", actor=ACTOR), ValidationError, "greater than zero"),
    (lambda db, sku: receive_stock(db, "NOPE", 1, "MAD", actor=ACTOR), NotFound, "unknown SKU 'NOPE'"),
    (lambda db, sku: receive_stock(db, sku, 1, "VLC", actor=ACTOR), NotFound,
     r"unknown warehouse 'VLC' \(known: BCN, MAD, SEV\)"),
    (lambda db, sku: adjust_stock(db, sku, 0, "MAD", reason="x", actor=ACTOR), ValidationError, "non-zero"),
    (lambda db, sku: adjust_stock(db, sku, 1, "MAD", reason="  ", actor=ACTOR), ValidationError, "needs a reason"),
    (lambda db, sku: adjust_stock(db, sku, -1, "MAD", reason="x", actor=ACTOR), InsufficientStock, "not enough"),
])
def test_bad_stock_input_is_refused_and_changes_nothing(
        shop: Shop, call: Callable[[Database, str], Any], error: type[OmsError], problem: str) -> None:
    sku = shop.product()
    before = shop.snapshot()
    with pytest.raises(error, match=problem):
        call(shop.db, sku)
    assert shop.snapshot() == before


# -- audit and outbox ----------------------------------------------------------


def test_every_change_writes_an_audit_row_with_who_where_and_from_to(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 1)
    ref = shop.order_at("returned", {sku: 1})
    entries = shop.audit(ref)
    assert [e.action for e in entries] == ["create", "pay", "allocate", "pick", "pack", "ship", "return"]
    for e in entries:
        assert (e.user, e.workstation, e.entity) == ("tester", "ws-test-1", "order")
        assert e.at is not None and e.at.tzinfo is not None
    # Each row starts where the previous one ended: the trail has no gaps.
    for prev, cur in zip(entries, entries[1:], strict=False):
        assert cur.from_status == prev.to_status


def test_stock_changes_are_queued_for_the_channels(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 5)
    ref = shop.order({sku: 2})
    counts = []
    for step in (svc.pay_order, allocate_order, svc.pick_order, svc.pack_order, shipping.ship_order):
        before = len(shop.outbox("stock.changed"))
        step(shop.db, ref, actor=ACTOR)
        counts.append(len(shop.outbox("stock.changed")) - before)
    # Payment, picking and packing do not change availability; allocation and shipping do.
    assert counts == [0, 1, 0, 0, 1]


def test_marketplace_shipment_queues_a_fulfilment_with_tracking(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 3)
    channel = shop.marketplace()
    ref = shop.order_at("packed", {sku: 3}, channel=channel, external_id="450789")
    shipping.ship_order(shop.db, ref, actor=ACTOR, carrier="Correos", tracking="PQ123", quantities={sku: 2})
    (msg,) = shop.outbox("fulfillment.push")
    assert msg.payload == {"order": ref, "external_id": "450789", "shipment_id": msg.payload["shipment_id"],
                           "carrier": "Correos", "tracking": "PQ123", "lines": [{"sku": sku, "qty": 2}]}
    assert msg.idempotency_key == f"fulfillment:{ref}:{msg.payload['shipment_id']}"
    assert msg.status == "pending"
    with shop.db.read() as s:
        assert msg.channel_id == s.scalars(select(Channel.id).where(Channel.code == channel)).one()


def test_marketplace_cancellation_is_queued_but_a_manual_order_queues_no_fulfilment(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 2)
    channel = shop.marketplace()
    market = shop.order({sku: 1}, channel=channel, external_id="A-1")
    svc.cancel_order(shop.db, market, actor=ACTOR)
    assert [m.payload for m in shop.outbox("order.cancelled")] == [{"order": market, "external_id": "A-1"}]
    shop.order_at("shipped", {sku: 1})
    assert shop.outbox("fulfillment.push") == []
