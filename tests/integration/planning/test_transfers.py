"""Transfers: out of the origin at dispatch, in transit, into the destination at receipt."""

from __future__ import annotations

import pytest

from omsdesk.models import IllegalTransition, InsufficientStock, ValidationError
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.goods_in.purchasing import on_order
from omsdesk.services.goods_in.receiving import receive_stock
from omsdesk.services.goods_in.transfers import cancel_transfer, dispatch_transfer, receive_transfer
from tests.fixtures.database import ACTOR, Shop, ledger_problems


def test_transfer_is_in_transit_then_received_with_ledger_moves_and_audit(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 10, "MAD")
    t = dispatch_transfer(shop.db, sku, 4, "MAD", "BCN", actor=ACTOR, reason="rebalance")
    assert (t.status, t.from_warehouse, t.to_warehouse, t.qty) == ("in_transit", "MAD", "BCN", 4)
    assert t.reference.startswith("TR-")
    # In transit: gone from Madrid, not yet in Barcelona, but counted as coming.
    assert (shop.level(sku, "MAD"), shop.level(sku, "BCN")) == ((6, 0), (0, 0))
    with shop.db.read() as s:
        assert sum(on_order(s).values()) == 4

    done = receive_transfer(shop.db, t.reference, actor=ACTOR)
    assert done.status == "received" and done.received_at is not None
    assert shop.level(sku, "BCN") == (4, 0)
    assert shop.moves(sku)[-2:] == [("MAD", "transfer_out", -4), ("BCN", "transfer_in", 4)]
    trail = [(a.action, a.from_status, a.to_status) for a in shop.audit(t.reference)]
    assert trail == [("dispatch", None, "in_transit"), ("receive", "in_transit", "received")]
    assert ledger_problems(shop.db) == []


def test_transfer_cannot_take_reserved_stock(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 3, "MAD")
    shop.order_at("allocated", {sku: 2})
    with pytest.raises(InsufficientStock):
        dispatch_transfer(shop.db, sku, 2, "MAD", "BCN", actor=ACTOR)
    assert shop.level(sku, "MAD") == (3, 2)


def test_transfer_to_the_same_warehouse_is_refused(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 3, "MAD")
    with pytest.raises(ValidationError):
        dispatch_transfer(shop.db, sku, 1, "MAD", "MAD", actor=ACTOR)


def test_received_transfer_cannot_be_received_twice(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 3, "MAD")
    t = dispatch_transfer(shop.db, sku, 1, "MAD", "SEV", actor=ACTOR)
    receive_transfer(shop.db, t.reference, actor=ACTOR)
    with pytest.raises(IllegalTransition):
        receive_transfer(shop.db, t.reference, actor=ACTOR)
    assert shop.level(sku, "SEV") == (1, 0)


def test_cancelled_transfer_puts_the_goods_back(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 5, "MAD")
    t = dispatch_transfer(shop.db, sku, 2, "MAD", "BCN", actor=ACTOR)
    assert cancel_transfer(shop.db, t.reference, actor=ACTOR).status == "cancelled"
    assert (shop.level(sku, "MAD"), shop.level(sku, "BCN")) == ((5, 0), (0, 0))
    assert ledger_problems(shop.db) == []


def test_transfer_receipt_serves_a_backorder_at_the_destination(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 2, "MAD")
    ref = shop.order_at("paid", {sku: 2})
    shop.order_at("allocated", {sku: 2})          # takes Madrid's stock: ours waits
    assert allocate_order(shop.db, ref, actor=ACTOR).status == "backorder"
    receive_stock(shop.db, sku, 2, "SEV", actor=ACTOR, serve_backorders=False)
    assert shop.status(ref) == "backorder"
    t = dispatch_transfer(shop.db, sku, 2, "SEV", "BCN", actor=ACTOR)
    assert shop.status(ref) == "backorder"
    receive_transfer(shop.db, t.reference, actor=ACTOR)
    assert shop.status(ref) == "allocated"
    assert shop.level(sku, "BCN") == (2, 2)
