"""The one allocation door: reserve what an order still needs by the routing plan, or backorder it.

Every caller that reserves stock for an order comes here: the order screen and `orders
allocate`, the counter (limited to the shop's own warehouse), single and batch intake, and
backorders served when goods arrive. What is needed comes from `Order.stock_needed()`; where
it goes comes from the pure `routing.plan_allocation`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    Order,
    OrderStatus,
    Product,
    Reservation,
    StockLevel,
    ValidationError,
    check_transition,
)
from omsdesk.services import outbox
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.credit import credit_refusal, terms_of
from omsdesk.services.fulfilment.parcels import sync_parcels
from omsdesk.services.fulfilment.routing import (
    AllocationPlan,
    Candidate,
    candidates,
    plan_allocation,
)
from omsdesk.services.fulfilment.status import OrderState, load_order, set_status
from omsdesk.services.ledger.stock import force_reserve, try_reserve, unreserve

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


def sku_names(session: Session, product_ids: Iterable[int]) -> dict[int, str]:
    """Product id -> SKU, for routing explanations and messages."""
    ids = list(product_ids)
    return {pid: sku for pid, sku in session.execute(select(Product.id, Product.sku).where(Product.id.in_(ids)))}


def allocate_order(db: Database, reference: str, *, actor: Actor) -> OrderState:
    """Reserve the open quantities (one warehouse, else a split), or put the order on backorder."""
    with db.write() as s:
        return allocate_in(s, load_order(s, reference), actor=actor)


def allocate_in(session: Session, order: Order, *, actor: Actor,
                only_warehouse: int | None = None, force: bool = False) -> OrderState:
    """Reserve what `order` still needs, in this transaction; the order must be locked by the caller.

    `only_warehouse` limits routing to one warehouse (the counter sells from its own shelf).
    All or nothing: when the stock cannot cover every line the order goes on backorder
    (a part-shipped order stays partial) and nothing is reserved.

    `force` (with `only_warehouse`) is only for a replayed offline counter sale, whose goods
    already left that shop: everything is reserved there even beyond what it has, so the
    hand-over takes the level below zero instead of refusing a sale that happened.
    """
    if force and only_warehouse is None:
        raise ValueError("a forced allocation names its one warehouse")
    held = _unpaid_allowed_or_held(session, order, actor)
    if held is not None:
        return held
    need = order.stock_needed()
    if not need:
        if order.has_open_lines and order.status == OrderStatus.PARTIAL.value:
            # The rest of a part-shipped order is reserved already: its parcel goes on as it is.
            return OrderState(order.reference, order.status, "the rest is already reserved")
        if order.has_open_lines:
            # Services only, or the rest is already reserved: nothing to take, ready to pick.
            why = "no stock needed" if not any(ln.reservations for ln in order.lines) \
                else "the rest is already reserved"
            set_status(session, order, OrderStatus.ALLOCATED, "allocate", actor, why)
            return OrderState(order.reference, order.status, why)
        raise ValidationError(f"order {order.reference} has nothing left to allocate")
    ranked = candidates(session, order)
    if only_warehouse is not None:
        ranked = [c for c in ranked if c.id == only_warehouse]
    skus = sku_names(session, need)
    done = reserve_for_order(session, order, need, ranked, skus, force=force)
    if done.plan is not None:
        order.warehouse_id = done.plan.primary_warehouse_id
        set_status(session, order, OrderStatus.ALLOCATED, "allocate", actor, done.plan.reason)
        outbox.stock_changed(session, {ln.sku for ln in order.lines})
        return OrderState(order.reference, order.status, done.plan.message)
    short = ", ".join(short_skus(need, done.available, skus, ranked))
    if only_warehouse is not None:
        message = f"not enough {short} in {ranked[0].code if ranked else 'that warehouse'}"
    else:
        message = f"not enough stock in all warehouses together for {short}"
    if order.status not in (OrderStatus.BACKORDER.value, OrderStatus.PARTIAL.value):
        set_status(session, order, OrderStatus.BACKORDER, "allocate", actor, message)
    return OrderState(order.reference, order.status, message)


def _unpaid_allowed_or_held(session: Session, order: Order, actor: Actor) -> OrderState | None:
    """Check the order may be allocated; an unpaid order on terms over its credit limit is held.

    An unpaid order may only be allocated on terms (net N days, cash on delivery); then it
    must fit the customer's credit limit, else it goes on hold with that reason.
    """
    if order.status != OrderStatus.NEW.value or not terms_of(session, order).ships_unpaid:
        check_transition("allocate", order.status, order.reference)
        return None
    refusal = credit_refusal(session, order)
    if refusal is None:
        return None
    order.held_from = order.status
    set_status(session, order, OrderStatus.ON_HOLD, "hold", actor, refusal)
    return OrderState(order.reference, order.status, refusal)


def short_skus(need: Mapping[int, int], available: Mapping[tuple[int, int], int], skus: Mapping[int, str],
               ranked: Sequence[Candidate]) -> list[str]:
    """The SKUs the candidate warehouses together cannot cover (all of them when none is short)."""
    allowed = {c.id for c in ranked}
    best: dict[int, int] = defaultdict(int)
    for (pid, wid), avail in available.items():
        if wid in allowed:
            best[pid] += max(0, avail)
    short = [pid for pid, qty in need.items() if best[pid] < qty] or list(need)
    return sorted(skus.get(pid, str(pid)) for pid in short)


def reserve_for_order(session: Session, order: Order, need: Mapping[int, int], ranked: Sequence[Candidate],
                      skus: Mapping[int, str], *, force: bool = False) -> Reserved:
    """Reserve `need` (product id -> qty) for the order's open lines, all or nothing."""
    available = available_for(session, need.keys())
    if force and len(ranked) == 1:
        # Plan as if the one warehouse had it all, and reserve without the availability guard.
        shelf = {(pid, ranked[0].id): qty for pid, qty in need.items()}
        plan = plan_allocation(ranked, need, shelf, skus)
        if plan is not None:
            for pid, wid, qty in sorted((p, w, q) for w, by_p in plan.picks.items() for p, q in by_p.items()):
                force_reserve(session, pid, wid, qty)
            add_reservations(order, plan)
            sync_parcels(order)
            session.flush()
            return Reserved(plan, available)
    for _ in range(ATTEMPTS):
        plan = plan_allocation(ranked, need, available, skus)
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
        add_reservations(order, plan)
        sync_parcels(order)
        session.flush()
        return Reserved(plan, available)
    return Reserved(None, available)


def spread_over_lines(lines: Iterable[tuple[int, int, int]],
                      plan: AllocationPlan) -> list[tuple[int, int, int]]:
    """(line key, warehouse id, qty) reservations that spread the plan over lines.

    `lines` gives (line key, product id, units the line still needs). Pure, so batch intake
    (rows not yet in the session) and `add_reservations` (mapped lines) share it.
    """
    left: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for wid in plan.order:
        for pid, qty in plan.picks[wid].items():
            left[pid].append((wid, qty))
    out: list[tuple[int, int, int]] = []
    for key, pid, want in lines:
        queue = left[pid]
        while want > 0 and queue:
            wid, qty = queue[0]
            take = min(want, qty)
            out.append((key, wid, take))
            want -= take
            if take == qty:
                queue.pop(0)
            else:
                queue[0] = (wid, qty - take)
    return out


def add_reservations(order: Order, plan: AllocationPlan) -> None:
    """Record the plan's units as reservations on the lines that still need them."""
    by_key = {i: ln for i, ln in enumerate(order.lines)}
    wanted = ((i, ln.product_id, ln.qty_open - ln.qty_reserved) for i, ln in by_key.items()
              if ln.product.stock_tracked)
    for key, wid, qty in spread_over_lines(wanted, plan):
        line = by_key[key]
        line.reservations.append(Reservation(product_id=line.product_id, warehouse_id=wid, qty=qty))


def release_reservations(session: Session, order: Order, *, line_ids: set[int] | None = None) -> set[str]:
    """Give back the order's reservations (of `line_ids` only, if given); returns the SKUs freed."""
    totals: dict[tuple[int, int], int] = defaultdict(int)
    skus: set[str] = set()
    for line in order.lines:
        if line_ids is not None and line.id not in line_ids:
            continue
        for r in list(line.reservations):
            totals[(r.product_id, r.warehouse_id)] += r.qty
            skus.add(line.sku)
            line.reservations.remove(r)
    sync_parcels(order)
    session.flush()
    for (pid, wid), qty in sorted(totals.items()):
        unreserve(session, pid, wid, qty)
    return skus
