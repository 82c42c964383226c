"""Property: whatever receipts, transfers, sales and returns happen, the levels equal the ledger."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from omsdesk.db import Database
from omsdesk.models import InsufficientStock, OmsError, Warehouse
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment import returns, shipping
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.goods_in.receiving import receive_stock
from omsdesk.services.goods_in.transfers import cancel_transfer, dispatch_transfer, receive_transfer
from tests.fixtures.database import ACTOR, Shop, ledger_problems

_SERIAL = itertools.count(1)
WH = st.sampled_from(("MAD", "BCN", "SEV"))
QTY = st.integers(min_value=1, max_value=6)
STEP = st.one_of(
    st.tuples(st.just("receive"), WH, QTY),
    st.tuples(st.just("transfer"), WH, WH, QTY, st.sampled_from(("receive", "cancel", "leave"))),
    st.tuples(st.just("sell"), QTY),
    st.tuples(st.just("return"), st.booleans()),
)


def _run(shop: Shop, sku: str, step: tuple[Any, ...], shipped: list[str]) -> int:
    """Apply one step; returns the units now in transit because of it."""
    db = shop.db
    if step[0] == "receive":
        receive_stock(db, sku, step[2], step[1], actor=ACTOR, serve_backorders=True)
    elif step[0] == "transfer":
        _, src, dst, qty, fate = step
        if src == dst:
            return 0
        try:
            t = dispatch_transfer(db, sku, qty, src, dst, actor=ACTOR)
        except InsufficientStock:
            return 0
        if fate == "receive":
            receive_transfer(db, t.reference, actor=ACTOR)
        elif fate == "cancel":
            cancel_transfer(db, t.reference, actor=ACTOR)
        else:
            return qty
    elif step[0] == "sell":
        ref = shop.order_at("paid", {sku: step[1]})
        if allocate_order(db, ref, actor=ACTOR).status == "allocated":
            svc.pick_order(db, ref, actor=ACTOR)
            svc.pack_order(db, ref, actor=ACTOR)
            shipping.ship_order(db, ref, actor=ACTOR)
            shipped.append(ref)
    elif step[0] == "return" and shipped:
        ref = shipped.pop(0 if step[1] else -1)
        try:
            returns.return_order(db, ref, actor=ACTOR, reason="test")
        except OmsError:
            shipped.append(ref)
    return 0


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=1, max_size=10))
def test_levels_always_equal_the_ledger(sqlite_db: Database, steps: list[tuple[Any, ...]]) -> None:
    shop = Shop(sqlite_db)
    # Hypothesis reuses the database across examples: warehouses once, a new SKU per example.
    with sqlite_db.read() as s:
        if not s.scalar(select(func.count()).select_from(Warehouse)):
            shop.warehouses()
    sku = shop.product(f"HYP-{next(_SERIAL):05d}")
    in_transit = 0
    shipped: list[str] = []
    for step in steps:
        in_transit += _run(shop, sku, step, shipped)
        assert ledger_problems(sqlite_db) == []
    moves = shop.moves(sku)
    on_hand = sum(shop.level(sku, wh)[0] for wh in ("MAD", "BCN", "SEV"))
    received = sum(q for _w, kind, q in moves if kind == "receipt")
    sold = -sum(q for _w, kind, q in moves if kind == "sale")
    returned = sum(q for _w, kind, q in moves if kind == "return")
    # Nothing is created or lost: what came in is on a shelf, on a truck, or with a customer.
    assert received + returned == on_hand + in_transit + sold
