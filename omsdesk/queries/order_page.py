"""The order queue's page machinery: rows, cursor, filters and keyset page statements by shape."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import bindparam, select, tuple_

from omsdesk.models import Channel, Order, OrderStatus
from omsdesk.models.saved_batch import SavedBatchOrder

OPEN_STATUSES = (
    OrderStatus.NEW, OrderStatus.PAID, OrderStatus.ALLOCATED, OrderStatus.PICKING,
    OrderStatus.PACKED, OrderStatus.BACKORDER, OrderStatus.PARTIAL, OrderStatus.ON_HOLD,
)


class OrderRow(NamedTuple):
    """One queue row; a NamedTuple because a page builds hundreds of them per keystroke."""

    id: int
    reference: str
    placed_at: datetime
    status: str
    channel: str
    external_id: str | None
    customer_name: str
    customer_email: str
    total: int
    currency: str
    ship_by: datetime | None
    late: bool


@dataclass(frozen=True)
class Cursor:
    """Position after the last row of a page: (placed_at, id) of that row."""

    placed_at: datetime
    id: int


@dataclass(frozen=True)
class OrderFilter:
    status: str | None = None
    channel: str | None = None
    search: str | None = None
    late_only: bool = False
    warehouse_id: int | None = None
    placed_from: datetime | None = None
    placed_to: datetime | None = None
    # Only the orders of one saved batch run (queries.saved_batches), optionally one outcome of it.
    batch_id: int | None = None
    batch_outcome: str | None = None


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class _Shape(NamedTuple):
    """Which filters are active: statements are built once per shape and reused with new values,
    because building and hashing a SELECT costs more than running it on a warm index."""

    status: bool
    channel: bool
    warehouse: bool
    placed_from: bool
    placed_to: bool
    late: bool
    batch: bool = False
    batch_outcome: bool = False


def _shape(f: OrderFilter) -> _Shape:
    return _Shape(bool(f.status), bool(f.channel), f.warehouse_id is not None, f.placed_from is not None,
                  f.placed_to is not None, f.late_only, f.batch_id is not None,
                  f.batch_id is not None and f.batch_outcome is not None)


def _filtered(stmt: Any, shape: _Shape) -> Any:
    """Add the WHERE clauses of the active filters (not the search), with bind parameters."""
    if shape.status:
        stmt = stmt.where(Order.status == bindparam("status"))
    if shape.channel:
        stmt = stmt.where(Order.channel_id == select(Channel.id).where(
            Channel.code == bindparam("channel")).scalar_subquery())
    if shape.warehouse:
        stmt = stmt.where(Order.warehouse_id == bindparam("warehouse_id"))
    if shape.placed_from:
        stmt = stmt.where(Order.placed_at >= bindparam("placed_from", type_=Order.placed_at.type))
    if shape.placed_to:
        stmt = stmt.where(Order.placed_at < bindparam("placed_to", type_=Order.placed_at.type))
    if shape.late:
        stmt = stmt.where(Order.ship_by < bindparam("now", type_=Order.ship_by.type),
                          Order.status.in_([s.value for s in OPEN_STATUSES]))
    if shape.batch:
        members = select(SavedBatchOrder.order_id).where(SavedBatchOrder.batch_id == bindparam("batch_id"))
        if shape.batch_outcome:
            members = members.where(SavedBatchOrder.outcome == bindparam("batch_outcome"))
        stmt = stmt.where(Order.id.in_(members))
    return stmt


def _params(f: OrderFilter, now: datetime) -> dict[str, object]:
    return {"status": f.status, "channel": f.channel, "warehouse_id": f.warehouse_id,
            "placed_from": f.placed_from, "placed_to": f.placed_to, "now": now, "batch_id": f.batch_id,
            "batch_outcome": f.batch_outcome}


def where_filters(stmt: Any, f: OrderFilter) -> Any:
    """`stmt` with the WHERE clauses of the filters of `f` (its search aside), as bind parameters."""
    return _filtered(stmt, _shape(f))


def filter_params(f: OrderFilter, now: datetime) -> dict[str, object]:
    """Values for a statement from where_filters."""
    return _params(f, now)


def page_statement(f: OrderFilter, after: bool, newest_first: bool) -> Any:
    """The keyset page SELECT for the filters of `f` (its search aside), from a cache by shape."""
    return _page_statement(_shape(f), after, newest_first)


@lru_cache(maxsize=256)
def _page_statement(shape: _Shape, after: bool, newest_first: bool) -> Any:
    stmt = select(
        Order.id, Order.reference, Order.placed_at, Order.status, Channel.code, Order.external_id,
        Order.customer_name, Order.customer_email, Order.total, Order.currency, Order.ship_by,
    ).join(Channel, Channel.id == Order.channel_id)
    stmt = _filtered(stmt, shape)
    if after:
        key = tuple_(Order.placed_at, Order.id)
        bound = tuple_(bindparam("after_placed", type_=Order.placed_at.type), bindparam("after_id"))
        stmt = stmt.where(key < bound if newest_first else key > bound)
    if newest_first:
        stmt = stmt.order_by(Order.placed_at.desc(), Order.id.desc())
    else:
        stmt = stmt.order_by(Order.placed_at, Order.id)
    return stmt.limit(bindparam("limit"))


def page_params(f: OrderFilter, now: datetime, limit: int, after: Cursor | None) -> dict[str, object]:
    """Values for a statement from page_statement."""
    params = _params(f, now) | {"limit": limit}
    if after is not None:
        params.update(after_placed=after.placed_at, after_id=after.id)
    return params


def named_rows_statement(f: OrderFilter, single: bool) -> Any:
    """The queue row SELECT of the orders that pass the filters of `f` (its search aside) and
    are the bound `ref` (single) or in the bound list `refs`: a live change refreshes those rows
    in place (ui/live_refresh.py)."""
    return _named_rows_statement(_shape(f), single)


@lru_cache(maxsize=64)
def _named_rows_statement(shape: _Shape, single: bool) -> Any:
    stmt = select(
        Order.id, Order.reference, Order.placed_at, Order.status, Channel.code, Order.external_id,
        Order.customer_name, Order.customer_email, Order.total, Order.currency, Order.ship_by,
    ).join(Channel, Channel.id == Order.channel_id)
    # One order is the usual change; an expanding IN is rendered again on every execution,
    # which costs more than the query on a warm index.
    key = (Order.reference == bindparam("ref")) if single else Order.reference.in_(
        bindparam("refs", expanding=True))
    return _filtered(stmt, shape).where(key)


def page_rows(rows: Sequence[Any], now: datetime) -> list[OrderRow]:
    """Queue rows from the columns page_statement selects, with `late` worked out."""
    return [
        OrderRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
                 r[10] is not None and r[10] < now and r[3] in _OPEN_VALUES)
        for r in rows
    ]


_OPEN_VALUES = frozenset(s.value for s in OPEN_STATUSES)
