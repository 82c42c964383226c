"""The exceptions inbox (issue 16 point 5): every kind of problem, with its reason, age and action."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from omsdesk.models import Channel, Order, OutboxMessage
from omsdesk.models.base import utcnow
from omsdesk.models.sync_state import ChannelSyncState, QuarantinedOrder
from omsdesk.queries.exceptions import exception_counts, exceptions
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment.allocation import allocate_order
from tests.fixtures.database import ACTOR, Shop


def test_each_kind_of_problem_is_listed_with_its_action(shop: Shop) -> None:
    sku, short = shop.product(), shop.product()
    shop.stock(sku, 5)
    late = shop.order_at("paid", {sku: 1})
    with shop.db.write() as s:
        s.execute(update(Order).where(Order.reference == late).values(ship_by=utcnow() - timedelta(days=2)))
    waiting = shop.order_at("paid", {short: 3})
    allocate_order(shop.db, waiting, actor=ACTOR)
    cancelled = shop.order_at("allocated", {sku: 1})
    svc.cancel_order(shop.db, cancelled, actor=ACTOR, reason="customer changed mind")
    code = shop.marketplace()
    with shop.db.write() as s:
        channel_id = s.scalar(select(Channel.id).where(Channel.code == code))
        s.add(QuarantinedOrder(channel_id=channel_id, external_id="gid://shopify/Order/9", external_number="#1009",
                               kind="order", reason="unknown SKU ZZZ-1", raw={}))
        s.add(OutboxMessage(topic="stock.push", key="stock:ZZZ", idempotency_key="x-1", payload={},
                            status="failed", last_error="HTTP 422 no such product"))
        state = s.get(ChannelSyncState, channel_id) or ChannelSyncState(channel_id=channel_id)
        state.consecutive_failures, state.credentials_invalid = 3, True
        state.last_error = "HTTP 401 invalid token"
        s.add(state)
    with shop.db.read() as s:
        items = {(i.kind, i.key): i for i in exceptions(s)}
    assert items[("late", late)].action == "open"
    assert "3 unit(s) wait for stock" in items[("backorder", waiting)].reason
    assert items[("backorder", waiting)].action == "allocate"
    assert items[("refund_due", cancelled)].action == "refund" and "1210 EUR" in items[("refund_due", cancelled)].reason
    [quarantined] = [i for i in items.values() if i.kind == "quarantine"]
    assert quarantined.channel == code and "unknown SKU ZZZ-1" in quarantined.reason
    [parked] = [i for i in items.values() if i.kind == "parked"]
    assert "HTTP 422 no such product" in parked.reason and parked.action == "retry"
    assert "refuses its credentials" in items[("channel", code)].reason
    with shop.db.read() as s:
        counts = exception_counts(s)
    assert counts == {"late": 1, "backorder": 1, "quarantine": 1, "parked": 1, "refund_due": 1,
                      "unpaid_shipped": 0, "channel": 1, "booking_failed": 0, "delivery_failed": 0,
                      "below_zero": 0}


def test_what_is_fixed_leaves_the_inbox(shop: Shop) -> None:
    sku = shop.product()
    waiting = shop.order_at("paid", {sku: 2})
    allocate_order(shop.db, waiting, actor=ACTOR)
    with shop.db.read() as s:
        assert [i.key for i in exceptions(s, kinds=("backorder",))] == [waiting]
    shop.stock(sku, 2)  # the receipt serves the backorder
    with shop.db.read() as s:
        assert exceptions(s, kinds=("backorder",)) == []
