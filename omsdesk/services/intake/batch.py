"""Set-based intake of many orders in one transaction: imports, CSV files and bulk entry.

Each order gets exactly what `place_order` would give it (reference, lines, payment, allocation
or backorder, audit rows), but the work is done with a handful of statements per batch instead
of a couple of dozen per order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session, selectinload

from omsdesk.db import Database
from omsdesk.models import (
    AuditEntry,
    Base,
    Customer,
    Order,
    OrderLine,
    OrderStatus,
    ParcelStatus,
    Payment,
    Product,
    Reservation,
    Shipment,
    StockLevel,
    ValidationError,
)
from omsdesk.models.base import utcnow
from omsdesk.models.money import check_currency
from omsdesk.models.order import stock_need
from omsdesk.models.search_keys import reference_number, search_name
from omsdesk.planning.ship_by import ShipByPolicy
from omsdesk.services import buyer_mail, outbox, webhooks
from omsdesk.services.channels.channels import ship_by_policy, ship_by_under
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.allocation import short_skus, spread_over_lines
from omsdesk.services.fulfilment.routing import (
    Candidate,
    WarehouseOptions,
    plan_allocation,
    rank_candidates,
    warehouse_options,
)
from omsdesk.services.intake.buyers import CustomerRow, RefusedBuyer, resolve_customers
from omsdesk.services.intake.order_entry import (
    Buyer,
    CreatedOrder,
    OrderInput,
    channel_by_code,
    line_values,
    products_for,
    resolve_customer,
    ship_to_values,
)
from omsdesk.services.refs import take_values
from omsdesk.services.rows import insert_many, insert_rows


@dataclass
class _Planned:
    row: dict[str, object]
    lines: list[dict[str, Any]]
    status: str
    warehouse_id: int | None = None
    note: str = ""
    # (index into lines, warehouse id, qty): the routing plan spread over the lines.
    reserve: list[tuple[int, int, int]] = field(default_factory=list)


class _StockRace(Exception):
    """Another workstation reserved the same stock between our read and our update."""


def place_orders(db: Database, batch: Sequence[OrderInput], *, actor: Actor, pay_method: str | None = None,
                 allocate: bool = False,
                 then: Callable[[Session, list[CreatedOrder]], None] | None = None) -> list[CreatedOrder]:
    """Create (and optionally pay and allocate) a batch of orders in one transaction.

    All or nothing: one invalid order refuses the whole batch with a message naming it, so a
    caller that wants the rest to go on (an import) validates or quarantines first. `then`
    runs in that same transaction with the orders created (an import links them to the shop
    there); it is not called when contention makes the batch fall back to one order per
    transaction, so a caller that passes it must check.
    """
    for _attempt in range(3):
        try:
            with db.write() as s:
                created = _place(s, batch, actor, pay_method, allocate)
                if then is not None:
                    then(s, created)
                return created
        except _StockRace:
            continue
    # Persistent contention: fall back to one order per transaction, which cannot race.
    from omsdesk.services.intake.order_entry import place_order

    return [place_order(db, o, actor=actor, pay_method=pay_method, allocate=allocate) for o in batch]


def _place(s: Session, batch: Sequence[OrderInput], actor: Actor, pay_method: str | None,
           allocate: bool) -> list[CreatedOrder]:
    if not batch:
        return []
    now = utcnow()
    planned: list[_Planned] = []
    by_year: dict[int, list[int]] = defaultdict(list)
    all_lines = tuple(li for data in batch for li in data.lines)
    products = products_for(s, all_lines) if all_lines else {}
    # Each channel's id and ship-by policy, read once for the batch.
    channels: dict[str, tuple[int, ShipByPolicy]] = {}
    # Buyers given by their details are found or created for the whole batch at once, in this
    # transaction: a batch that fails leaves no customer behind it.
    given = [i for i, d in enumerate(batch) if d.customer_id is None and d.customer is not None]
    try:
        resolved = resolve_customers(s, [batch[i].customer for i in given])
    except RefusedBuyer as exc:
        raise ValidationError(f"order {given[exc.index] + 1} of the batch: {exc}") from exc
    buyer_ids: list[int | None] = [d.customer_id for d in batch]
    # An order that brings its own ship-to takes only id, name and email from its customer: plain
    # rows, far cheaper than mapped objects (an import's orders all do).
    loaded: dict[int, Buyer] = {}
    for i, row in zip(given, resolved, strict=True):
        if row is not None:
            buyer_ids[i] = row.id
            loaded[row.id] = row
    listed = {cid for cid, d in zip(buyer_ids, batch, strict=True)
              if cid is not None and cid not in loaded and _own_address(d)}
    if listed:
        for cid, name, email in s.execute(select(Customer.id, Customer.name, Customer.email)
                                          .where(Customer.id.in_(listed))):
            loaded[cid] = CustomerRow(cid, name, email)
    # The others may ship to the customer's first address: load customers and addresses once and
    # hold them (the identity map only keeps weak references, so without this list
    # resolve_customer would query again for every order).
    # (That includes a customer found above whose other order here has no ship-to.)
    keep_loaded: list[Customer] = []
    full = {cid for cid, d in zip(buyer_ids, batch, strict=True) if cid is not None and not _own_address(d)}
    if full:
        keep_loaded = list(s.scalars(select(Customer).where(Customer.id.in_(full))
                       .options(selectinload(Customer.addresses))))
    loaded.update((c.id, c) for c in keep_loaded)
    for i, data in enumerate(batch):
        try:
            if data.channel not in channels:
                channel = channel_by_code(s, data.channel)
                channels[data.channel] = (channel.id, ship_by_policy(channel))
            buyer_id = buyer_ids[i]
            planned.append(_plan(s, data, now, products, *channels[data.channel],
                                 loaded.get(buyer_id) if buyer_id is not None else None))
        except ValidationError as exc:
            raise ValidationError(f"order {i + 1} of the batch: {exc}") from exc
        by_year[(data.placed_at or now).year].append(i)
    for year, idxs in by_year.items():
        # One counter bump for the whole year's share of the batch, then hand out the range.
        last = _bump(s, f"order:{year}", len(idxs))
        for k, i in enumerate(idxs):
            reference = f"SO-{year}-{last - len(idxs) + k + 1:06d}"
            planned[i].row["reference"] = reference
            planned[i].row["ref_number"] = reference_number(reference)
    if pay_method is not None:
        for p in planned:
            p.row["paid_amount"] = p.row["total"]
            p.status = OrderStatus.PAID.value
    if allocate and pay_method is not None:
        _allocate(s, planned, products)
    for p in planned:
        p.row["status"] = p.status
        p.row["warehouse_id"] = p.warehouse_id
    # Core inserts on the tables: the ORM bulk path costs more than the SQL itself here.
    conn = s.connection()
    orders_t, lines_t = _table(Order), _table(OrderLine)
    ids = insert_rows(conn, orders_t, [p.row for p in planned])
    line_rows = []
    for oid, p in zip(ids, planned, strict=True):
        for ln in p.lines:
            ln["order_id"] = oid
            line_rows.append(ln)
    line_ids = insert_rows(conn, lines_t, line_rows)
    audits: list[dict[str, Any]] = []
    payments: list[dict[str, Any]] = []
    reservations: list[dict[str, Any]] = []
    parcels: list[dict[str, Any]] = []
    first_line = 0
    skus: set[str] = set()
    for oid, p in zip(ids, planned, strict=True):
        ref = str(p.row["reference"])
        base = {"user": actor.user, "workstation": actor.workstation, "entity": "order", "entity_id": oid,
                "reference": ref, "at": now}
        audits.append(base | {"action": "create", "from_status": None, "to_status": "new", "reason": ""})
        if pay_method is not None:
            payments.append({"order_id": oid, "amount": p.row["total"], "currency": p.row["currency"],
                             "method": pay_method, "reference": "", "paid_at": now})
            audits.append(base | {"action": "pay", "from_status": "new", "to_status": "paid",
                                  "reason": f"{pay_method} {p.row['total']} {p.row['currency']}"})
        if p.status != OrderStatus.PAID.value and pay_method is not None:
            audits.append(base | {"action": "allocate", "from_status": "paid", "to_status": p.status,
                                  "reason": p.note})
        for i, wid, qty in p.reserve:
            ln = p.lines[i]
            reservations.append({"order_line_id": line_ids[first_line + i], "product_id": ln["product_id"],
                                 "warehouse_id": wid, "qty": qty, "created_at": now})
            skus.add(ln["sku"])
        # One open parcel per warehouse the order is reserved in (as parcels.sync_parcels makes).
        parcels.extend({"order_id": oid, "warehouse_id": wid, "status": ParcelStatus.OPEN.value,
                        "carrier": "", "tracking": ""} for wid in sorted({w for _i, w, _q in p.reserve}))
        first_line += len(p.lines)
    for model, rows in ((Payment, payments), (Reservation, reservations), (Shipment, parcels),
                        (AuditEntry, audits)):
        if rows:
            insert_many(conn, _table(model), rows)
    if skus:
        outbox.stock_changed(s, skus)
    if pay_method is not None:
        # Paid orders are sales for the ERP, queued in this same transaction (as pay_in does).
        from omsdesk.services.channels.erp import queue_paid_order_ids

        queue_paid_order_ids(s, ids)
        # and taken on: the buyers of channels that do not mail them themselves are told.
        buyer_mail.confirmed_order_ids(s, ids)
    # Core inserts pass no set_status: the webhooks hear of these orders here.
    webhooks.orders_stored(s, ids, paid=pay_method is not None)
    del keep_loaded
    return [CreatedOrder(oid, str(p.row["reference"]), p.status, int(p.row["total"]), str(p.row["currency"]))  # type: ignore[call-overload]
            for oid, p in zip(ids, planned, strict=True)]


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)



def _own_address(data: OrderInput) -> bool:
    return data.ship_to is not None or (data.customer is not None and data.customer.address is not None)


def _plan(s: Session, data: OrderInput, now: datetime, products: dict[str, Product], channel_id: int,
          policy: ShipByPolicy, known: Buyer | None) -> _Planned:
    check_currency(data.currency)
    if not data.lines:
        raise ValidationError("an order needs at least one line")
    # Not loaded: the customer id given is unknown (resolve_customer says so) or there is none.
    customer: Buyer | None = known if known is not None else resolve_customer(s, data)
    lines = [line_values(no, li, products[li.sku], data) for no, li in enumerate(data.lines, start=1)]
    placed = data.placed_at or now
    row: dict[str, object] = {
        "channel_id": channel_id, "external_id": data.external_id,
        "customer_id": customer.id if customer else None,
        "customer_name": customer.name if customer else "",
        "customer_email": (customer.email or "") if customer else "",
        # Core inserts skip the model's validators: the same search key, written here.
        "search_name": search_name(customer.name, customer.email) if customer else "",
        "held_from": None, "currency": data.currency, "prices_include_tax": data.prices_include_tax,
        "subtotal": sum(ln["net"] for ln in lines), "tax_total": sum(ln["tax"] for ln in lines),
        "total": sum(ln["total"] for ln in lines), "paid_amount": 0,
        **ship_to_values(data, customer),
        "notes": data.notes, "placed_at": placed,
        # The marketplace's date wins; else the channel's handling time and cut-off give one.
        "ship_by": data.ship_by or ship_by_under(policy, placed),
        "external_updated_at": data.external_updated_at,
        "created_at": now, "updated_at": now,
    }
    return _Planned(row=row, lines=lines, status=OrderStatus.NEW.value)


def _bump(s: Session, name: str, n: int) -> int:
    """The last of `n` order numbers taken at once for the batch (see refs.take_values)."""
    return take_values(s, name, n)


def _allocate(s: Session, planned: list[_Planned], products: dict[str, Product]) -> None:
    """Route every order in batch order against one locked snapshot, then reserve per-level totals.

    The need and the routing decision are the ones `allocation.allocate_in` uses (the model's
    `stock_need` and the pure `plan_allocation`), so an order routes the same whether it came
    alone or in a batch; only the bookkeeping is set-based.
    """
    tracked = {p.id: p.stock_tracked for p in products.values()}
    skus = {p.id: p.sku for p in products.values()}
    pids = {pid for pid, t in tracked.items() if t}
    levels_q = select(StockLevel.product_id, StockLevel.warehouse_id, StockLevel.on_hand,
                      StockLevel.reserved, StockLevel.safety_buffer).where(StockLevel.product_id.in_(pids))
    if s.get_bind().dialect.name == "postgresql":
        levels_q = levels_q.with_for_update()
    avail = {(r[0], r[1]): r[2] - r[3] - r[4] for r in s.execute(levels_q)}
    ranking: dict[tuple[object, ...], list[Candidate]] = {}
    options: dict[int, WarehouseOptions] = {}
    taken: dict[tuple[int, int], int] = defaultdict(int)
    for p in planned:
        need = stock_need((ln["product_id"], tracked[ln["product_id"]], ln["qty"], 0) for ln in p.lines)
        if not need:
            p.status, p.note = OrderStatus.ALLOCATED.value, "no stock needed"
            continue
        # Routing looks only at the province (a Spanish postcode's first two digits), the country
        # and the channel's rules, so orders sharing those share one ranking.
        key = (str(p.row["ship_postcode"])[:2], p.row["ship_country"], p.row["ship_province"], p.row["channel_id"])
        if key not in ranking:
            channel_id = cast(int, p.row["channel_id"])
            if channel_id not in options:
                options[channel_id] = warehouse_options(s, channel_id)
            ranking[key] = rank_candidates(options[channel_id], cast(str, p.row["ship_postcode"]),
                                           cast(str, p.row["ship_country"]),
                                           cast(str, p.row["ship_province"]))
        plan = plan_allocation(ranking[key], need, avail, skus)
        if plan is None:
            short = ", ".join(short_skus(need, avail, skus, ranking[key]))
            p.status, p.note = OrderStatus.BACKORDER.value, f"not enough stock in all warehouses together for {short}"
            continue
        for wid, by_product in plan.picks.items():
            for pid, q in by_product.items():
                avail[(pid, wid)] = avail.get((pid, wid), 0) - q
                taken[(pid, wid)] += q
        p.reserve = spread_over_lines(
            ((i, ln["product_id"], ln["qty"]) for i, ln in enumerate(p.lines) if tracked[ln["product_id"]]),
            plan)
        p.status, p.warehouse_id, p.note = OrderStatus.ALLOCATED.value, plan.primary_warehouse_id, plan.reason
    if not taken:
        return
    t = _table(StockLevel).c
    guarded = (
        update(_table(StockLevel))
        .where(t.product_id == bindparam("pid"), t.warehouse_id == bindparam("wid"),
               t.on_hand - t.reserved - t.safety_buffer >= bindparam("q"))
        .values(reserved=t.reserved + bindparam("q"))
    )
    params = [{"pid": pid, "wid": wid, "q": q} for (pid, wid), q in sorted(taken.items())]
    # executemany reports the rows changed in total: any guard that failed shows as a shortfall.
    if s.connection().execute(guarded, params).rowcount != len(params):
        raise _StockRace
