"""Reserves an order's open quantities by the routing plan: one warehouse, or the fewest split."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.models import Order, Reservation, StockLevel
from omsdesk.services.routing import AllocationPlan, plan_allocation
from omsdesk.services.stock import try_reserve

# Another workstation may take the stock between our read and our reservation; re-plan a few times.
ATTEMPTS = 3


@dataclass(frozen=True)
class Reserved:
    """The plan carried out (None when nothing could be reserved) and the stock it was planned on."""

    plan: AllocationPlan | None
    available: dict[tuple[int, int], int]


class _Taken(Exception):
    """Internal: a reservation failed, so the savepoint is undone and the plan recomputed."""


def available_for(session: Session, product_ids: Iterable[int]) -> dict[tuple[int, int], int]:
    """Available (on hand - reserved - buffer) per (product id, warehouse id)."""
    return {
        (pid, wid): on_hand - reserved - buffer
        for pid, wid, on_hand, reserved, buffer in session.execute(
            select(StockLevel.product_id, StockLevel.warehouse_id, StockLevel.on_hand,
                   StockLevel.reserved, StockLevel.safety_buffer)
            .where(StockLevel.product_id.in_(list(product_ids)))
            .execution_options(populate_existing=True)
        )
    }


def reserve_for_order(session: Session, order: Order, need: dict[int, int]) -> Reserved:
    """Reserve `need` (product id -> qty) for the order's open lines, all or nothing."""
    available = available_for(session, need.keys())
    for _ in range(ATTEMPTS):
        plan = plan_allocation(session, order, need, available)
        if plan is None:
            return Reserved(None, available)
        try:
            with session.begin_nested():
                # Fixed (product, warehouse) order: two workstations never lock rows in opposite orders.
                for pid, wid, qty in sorted((p, w, q) for w, by_p in plan.picks.items()
                                            for p, q in by_p.items()):
                    if not try_reserve(session, pid, wid, qty):
                        raise _Taken
        except _Taken:
            available = available_for(session, need.keys())
            continue
        _add_reservations(session, order, plan)
        return Reserved(plan, available)
    return Reserved(None, available)


def _add_reservations(session: Session, order: Order, plan: AllocationPlan) -> None:
    """Spread each product's per-warehouse quantities over the order lines that need it."""
    left: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for wid in plan.order:
        for pid, qty in plan.picks[wid].items():
            left[pid].append((wid, qty))
    for line in order.lines:
        want = line.qty_open
        queue = left[line.product_id]
        while want > 0 and queue:
            wid, qty = queue[0]
            take = min(want, qty)
            session.add(Reservation(order_line_id=line.id, product_id=line.product_id,
                                    warehouse_id=wid, qty=take))
            want -= take
            if take == qty:
                queue.pop(0)
            else:
                queue[0] = (wid, qty - take)
