"""Receipts into several warehouses at once, racing cancels and holds, never double-reserve a backorder.

Issue 19: on PostgreSQL two `stock receive` runs at the same time reserved each of 120 waiting
orders twice, and a cancel racing a receipt could come back allocated. Here real processes
(each with its own engine, like separate workstations) receive into three warehouses while
two more cancel and hold waiting orders; afterwards every invariant is checked and every
allocated order is shipped.
"""

from __future__ import annotations

import multiprocessing
import time
from multiprocessing.synchronize import Barrier
from typing import TYPE_CHECKING

from omsdesk.db import Database
from omsdesk.models import OmsError
from omsdesk.services.context import Actor

# Worker processes import this module: keep its top level light.
if TYPE_CHECKING:
    from tests.fixtures.database import Shop

START_TIMEOUT_S = 60.0
ORDERS = 40
ROUNDS = 3


def _worker(url: str, job: tuple[str, str, object], barrier: Barrier, results: multiprocessing.Queue) -> None:
    """One workstation: a receipt (sku, warehouse, qty), or cancels / holds of a list of orders."""
    kind, who, arg = job
    db = Database(url)
    try:
        db.check()
        barrier.wait(timeout=START_TIMEOUT_S)
        actor = Actor(user=who, workstation=f"ws-{who}")
        outcome: list[tuple[str, str]] = []
        if kind == "receive":
            from omsdesk.services.goods_in.receiving import receive_stock

            sku, wh, qty = arg  # type: ignore[misc]
            try:
                receive_stock(db, sku, qty, wh, actor=actor)
                outcome.append((wh, "received"))
            except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the test
                outcome.append((wh, f"crashed {type(exc).__name__}: {exc}"))
        else:
            from omsdesk.services.fulfilment.orders import cancel_order, hold_order

            act = cancel_order if kind == "cancel" else hold_order
            for ref in arg:  # type: ignore[attr-defined]
                try:
                    outcome.append((ref, act(db, ref, actor=actor, reason="race").status))
                except OmsError as exc:
                    outcome.append((ref, f"refused {exc}"))
                except Exception as exc:  # noqa: BLE001
                    outcome.append((ref, f"crashed {type(exc).__name__}: {exc}"))
        results.put((kind, outcome))
    finally:
        db.dispose()


def _race(shop: Shop, round_no: int) -> None:
    from sqlalchemy import func, select

    from omsdesk.models import Order, OrderLine, Reservation
    from omsdesk.services.fulfilment import orders as order_svc
    from omsdesk.services.fulfilment import shipping
    from tests.fixtures.database import ledger_problems

    sku = shop.product()
    refs = [shop.order_at("paid", {sku: 1}) for _ in range(ORDERS)]
    from omsdesk.services.fulfilment.allocation import allocate_order

    for ref in refs:
        assert allocate_order(shop.db, ref, actor=shop.actor).status == "backorder"
    # The newest orders are cancelled and held while the receipts run: those are the ones a
    # receipt reaches last, so the race is real.
    to_cancel = refs[-6:]
    to_hold = refs[-12:-6]
    jobs: list[tuple[str, str, object]] = [
        ("receive", "recv-mad", (sku, "MAD", ORDERS)),
        ("receive", "recv-bcn", (sku, "BCN", ORDERS)),
        ("receive", "recv-sev", (sku, "SEV", ORDERS // 2)),
        ("cancel", "clerk-1", list(reversed(to_cancel))),
        ("hold", "clerk-2", list(reversed(to_hold))),
    ]
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["omsdesk.services.goods_in.receiving", "omsdesk.services.fulfilment.orders"])
    barrier = ctx.Barrier(len(jobs))
    results = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(shop.db.url, job, barrier, results)) for job in jobs]
    shop.db.dispose()
    for p in procs:
        p.start()
    outcomes: dict[str, list[tuple[str, str]]] = {}
    deadline = time.monotonic() + START_TIMEOUT_S + 60
    for _ in procs:
        kind, outcome = results.get(timeout=max(1.0, deadline - time.monotonic()))
        outcomes.setdefault(kind, []).extend(outcome)
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    assert all(o[1] == "received" for o in outcomes["receive"]), outcomes["receive"]
    cancelled = {ref for ref, st in outcomes["cancel"] if st == "cancelled"}
    held = {ref for ref, st in outcomes["hold"] if st == "on_hold"}
    # A waiting order may be cancelled or held whether or not a receipt got to it first.
    assert cancelled == set(to_cancel), outcomes["cancel"]
    assert held == set(to_hold), outcomes["hold"]

    with shop.db.read() as s:
        status = dict(s.execute(select(Order.reference, Order.status).where(Order.reference.in_(refs))).all())
        per_line = dict(s.execute(
            select(Order.reference, func.coalesce(func.sum(Reservation.qty), 0))
            .join(OrderLine, OrderLine.order_id == Order.id)
            .outerjoin(Reservation, Reservation.order_line_id == OrderLine.id)
            .where(Order.reference.in_(refs)).group_by(Order.reference)).all())
        total_reserved = s.scalar(select(func.coalesce(func.sum(Reservation.qty), 0))
                                  .join(OrderLine, OrderLine.id == Reservation.order_line_id)
                                  .join(Order, Order.id == OrderLine.order_id)
                                  .where(Order.reference.in_(refs)))
    assert max(per_line.values()) <= 1, f"round {round_no}: an order reserved twice: {per_line}"
    assert all(status[ref] == "cancelled" and per_line[ref] == 0 for ref in cancelled), status
    assert all(status[ref] == "on_hold" for ref in held), status
    live = [ref for ref in refs if ref not in cancelled and ref not in held]
    # 100 units arrived for 40 orders: every live order is reserved exactly once.
    assert all(status[ref] == "allocated" and per_line[ref] == 1 for ref in live), (status, per_line)
    assert total_reserved == sum(per_line.values())
    assert ledger_problems(shop.db) == []
    for ref in live:
        order_svc.pick_order(shop.db, ref, actor=shop.actor)
        order_svc.pack_order(shop.db, ref, actor=shop.actor)
        assert shipping.ship_order(shop.db, ref, actor=shop.actor).status == "shipped"
    assert ledger_problems(shop.db) == []


def test_concurrent_receipts_cancels_and_holds_never_double_reserve_a_backorder(shop: Shop) -> None:
    for round_no in range(ROUNDS):
        _race(shop, round_no)
