"""Returns: only a complete return closes an order as returned; part returns keep it open."""

from __future__ import annotations

from omsdesk.services.fulfilment import returns, shipping
from omsdesk.services.fulfilment.allocation import allocate_order
from tests.fixtures.database import ACTOR, Shop, ledger_problems


def test_part_return_keeps_the_status_and_the_rest_can_come_back_later(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 3)
    ref = shop.order_at("delivered", {sku: 3})
    returns.return_order(shop.db, ref, actor=ACTOR, quantities={sku: 1}, reason="damaged")
    assert shop.status(ref) == "delivered"
    assert shop.level(sku) == (1, 0)
    returns.return_order(shop.db, ref, actor=ACTOR)
    assert shop.status(ref) == "returned"
    assert shop.level(sku) == (3, 0)
    assert [a.action for a in shop.audit(ref)][-2:] == ["return", "return"]
    assert ledger_problems(shop.db) == []


def test_return_on_a_partly_shipped_order_leaves_its_backorder_open(shop: Shop) -> None:
    a, b = shop.product(), shop.product()
    shop.stock(a, 1)
    shop.stock(b, 1)
    ref = shop.order_at("packed", {a: 1, b: 1})
    shipping.ship_order(shop.db, ref, actor=ACTOR, quantities={a: 1})
    assert shop.status(ref) == "partial"
    returns.return_order(shop.db, ref, actor=ACTOR)
    assert shop.status(ref) == "partial"
    # The rest is reserved already (its parcel is packed): the order stays partial, as it is.
    state = allocate_order(shop.db, ref, actor=ACTOR)
    assert (state.status, state.message) == ("partial", "the rest is already reserved")
    assert ledger_problems(shop.db) == []
