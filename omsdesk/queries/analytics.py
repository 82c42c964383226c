"""Inventory analytics: stock value, turnover, stock-outs in the last 30 days, top sellers by warehouse."""

from __future__ import annotations

import csv
import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omsdesk.models import MoveKind, Product, StockLevel, StockMove, Warehouse
from omsdesk.models.base import utcnow
from omsdesk.models.planning import ReorderRule


@dataclass(frozen=True)
class StockValueRow:
    warehouse: str
    skus: int
    units: int
    value: int          # minor units
    currency: str


def stock_value(session: Session) -> list[StockValueRow]:
    """On-hand units and their value per warehouse.

    A unit is valued at its purchase cost from the reorder rule when one is set, otherwise at
    the catalogue price (tax included): an upper bound, said so rather than hidden.
    """
    unit = func.coalesce(func.nullif(ReorderRule.unit_cost, 0), Product.price)
    rows = session.execute(
        select(Warehouse.code, func.count(), func.sum(StockLevel.on_hand),
               func.sum(StockLevel.on_hand * unit), func.min(Product.currency))
        .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
        .join(Product, Product.id == StockLevel.product_id)
        .outerjoin(ReorderRule, (ReorderRule.product_id == StockLevel.product_id)
                   & (ReorderRule.warehouse_id == StockLevel.warehouse_id))
        .where(StockLevel.on_hand > 0)
        .group_by(Warehouse.code).order_by(Warehouse.code)
    )
    return [StockValueRow(code, int(n), int(units or 0), int(value or 0), cur or "EUR")
            for code, n, units, value, cur in rows]


@dataclass(frozen=True)
class TurnoverRow:
    sku: str
    name: str
    sold: int
    on_hand: int
    average_on_hand: float
    turnover: float             # units sold / average on hand, over the period
    days_of_inventory: float | None


def _moves_since(session: Session, since: datetime) -> Any:
    return (select(StockMove.product_id, StockMove.warehouse_id, StockMove.qty, StockMove.kind,
                   StockMove.created_at)
            .where(StockMove.created_at >= since).order_by(StockMove.created_at, StockMove.id))


def turnover(session: Session, *, days: int = 90, limit: int | None = None) -> list[TurnoverRow]:
    """Per product over `days`: units sold, average on hand (start and end), turnover, days held."""
    since = utcnow() - timedelta(days=days)
    on_hand: dict[int, int] = defaultdict(int)
    for pid, qty in session.execute(select(StockLevel.product_id, func.sum(StockLevel.on_hand))
                                    .group_by(StockLevel.product_id)):
        on_hand[pid] = int(qty)
    net: dict[int, int] = defaultdict(int)
    sold: dict[int, int] = defaultdict(int)
    for pid, kind, qty in session.execute(
        select(StockMove.product_id, StockMove.kind, func.sum(StockMove.qty))
        .where(StockMove.created_at >= since).group_by(StockMove.product_id, StockMove.kind)
    ):
        net[pid] += int(qty)
        if kind == MoveKind.SALE.value:
            sold[pid] -= int(qty)
    names = {pid: (sku, name) for pid, sku, name in session.execute(select(Product.id, Product.sku, Product.name))}
    rows = []
    for pid in set(on_hand) | set(sold):
        start = on_hand[pid] - net[pid]
        avg = (start + on_hand[pid]) / 2
        turns = sold[pid] / avg if avg > 0 else 0.0
        held = days / turns if turns > 0 else None
        sku, name = names.get(pid, (str(pid), ""))
        rows.append(TurnoverRow(sku, name, sold[pid], on_hand[pid], round(avg, 1), round(turns, 3),
                                round(held, 1) if held is not None else None))
    rows.sort(key=lambda r: (-r.turnover, r.sku))
    return rows[:limit] if limit is not None else rows


@dataclass(frozen=True)
class StockoutRow:
    sku: str
    warehouse: str
    events: int                 # times the level dropped to zero
    days_out: float             # time spent at zero within the window
    out_now: bool


def stockouts(session: Session, *, days: int = 30) -> list[StockoutRow]:
    """Levels that were at zero on hand at some point in the last `days`, replayed from the ledger."""
    now = utcnow()
    since = now - timedelta(days=days)
    current = {(p, w): oh for p, w, oh in session.execute(
        select(StockLevel.product_id, StockLevel.warehouse_id, StockLevel.on_hand))}
    moves: dict[tuple[int, int], list[tuple[datetime, int]]] = defaultdict(list)
    for pid, wid, qty, _kind, at in session.execute(_moves_since(session, since)):
        moves[(pid, wid)].append((at, qty))
    # A level first stocked inside the window was not out of stock before it existed.
    older = {(p, w) for p, w in session.execute(
        select(StockMove.product_id, StockMove.warehouse_id).where(StockMove.created_at < since).distinct())}
    skus = {pid: sku for pid, sku in session.execute(select(Product.id, Product.sku))}
    codes = {wid: code for wid, code in session.execute(select(Warehouse.id, Warehouse.code))}
    out = []
    for key, on_hand in current.items():
        history = moves.get(key, [])
        balance = on_hand - sum(q for _at, q in history)
        events = 0
        zero_since: datetime | None = since if balance <= 0 and key in older else None
        seconds_out = 0.0
        for at, qty in history:
            before = balance
            balance += qty
            if before > 0 >= balance:
                events += 1
                zero_since = at
            elif before <= 0 < balance and zero_since is not None:
                seconds_out += (at - zero_since).total_seconds()
                zero_since = None
        if zero_since is not None:
            seconds_out += (now - zero_since).total_seconds()
        if events or seconds_out > 0:
            out.append(StockoutRow(skus.get(key[0], str(key[0])), codes.get(key[1], str(key[1])),
                                   events, round(seconds_out / 86400, 2), balance <= 0))
    out.sort(key=lambda r: (-r.days_out, r.sku, r.warehouse))
    return out


@dataclass(frozen=True)
class TopSellerRow:
    warehouse: str
    rank: int
    sku: str
    name: str
    units: int


def top_sellers(session: Session, *, days: int = 30, limit: int = 10) -> list[TopSellerRow]:
    """The `limit` products shipping most units from each warehouse over `days`."""
    since = utcnow() - timedelta(days=days)
    rows = session.execute(
        select(Warehouse.code, Product.sku, Product.name, -func.sum(StockMove.qty))
        .join(Warehouse, Warehouse.id == StockMove.warehouse_id)
        .join(Product, Product.id == StockMove.product_id)
        .where(StockMove.kind == MoveKind.SALE.value, StockMove.created_at >= since)
        .group_by(Warehouse.code, Product.sku, Product.name)
    ).all()
    by_wh: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for code, sku, name, units in rows:
        by_wh[code].append((int(units), sku, name))
    out: list[TopSellerRow] = []
    for code in sorted(by_wh):
        ranked = sorted(by_wh[code], key=lambda r: (-r[0], r[1]))[:limit]
        out.extend(TopSellerRow(code, i, sku, name, units) for i, (units, sku, name) in enumerate(ranked, 1))
    return out


def write_csv(rows: Sequence[Any], path: str | Path) -> int:
    """Write dataclass rows as CSV with a header of their field names; returns the row count."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        if rows:
            fields = [f.name for f in dataclasses.fields(rows[0])]
            writer.writerow(fields)
            for r in rows:
                writer.writerow(["" if getattr(r, f) is None else getattr(r, f) for f in fields])
    return len(rows)
