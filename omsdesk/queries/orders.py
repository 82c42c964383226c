"""Order queue pages (keyset pagination) and the order detail view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from omsdesk.models import Channel, Order, OrderLine, OrderStatus
from omsdesk.models.base import utcnow

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


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(stmt: Any, f: OrderFilter) -> Any:
    """Add the WHERE clauses of the active filters, with bind parameters for their values.

    Statements depend only on which filters are active, so they are built once per shape and
    reused: building and hashing a SELECT costs more than running it on a warm index.
    """
    if f.status:
        stmt = stmt.where(Order.status == bindparam("status"))
    if f.channel:
        stmt = stmt.where(Order.channel_id == select(Channel.id).where(
            Channel.code == bindparam("channel")).scalar_subquery())
    if f.warehouse_id is not None:
        stmt = stmt.where(Order.warehouse_id == bindparam("warehouse_id"))
    if f.placed_from is not None:
        stmt = stmt.where(Order.placed_at >= bindparam("placed_from", type_=Order.placed_at.type))
    if f.placed_to is not None:
        stmt = stmt.where(Order.placed_at < bindparam("placed_to", type_=Order.placed_at.type))
    if f.late_only:
        stmt = stmt.where(Order.ship_by < bindparam("now", type_=Order.ship_by.type),
                          Order.status.in_([s.value for s in OPEN_STATUSES]))
    if f.search and f.search.strip():
        stmt = stmt.where(or_(
            Order.reference == bindparam("search_ref"),
            Order.external_id == bindparam("search_exact"),
            func.lower(Order.customer_name).like(bindparam("search_like"), escape="\\"),
            Order.customer_email.like(bindparam("search_like"), escape="\\"),
            exists().where(and_(OrderLine.order_id == Order.id, OrderLine.sku == bindparam("search_exact"))),
        ))
    return stmt


def _params(f: OrderFilter, now: datetime) -> dict[str, object]:
    params: dict[str, object] = {"status": f.status, "channel": f.channel, "warehouse_id": f.warehouse_id,
                                 "placed_from": f.placed_from, "placed_to": f.placed_to, "now": now}
    if f.search and f.search.strip():
        text = f.search.strip()
        params.update(search_ref=text.upper(), search_exact=text,
                      search_like=f"%{escape_like(text.lower())}%")
    return params


def _shape(f: OrderFilter) -> tuple[bool, ...]:
    return (bool(f.status), bool(f.channel), f.warehouse_id is not None, f.placed_from is not None,
            f.placed_to is not None, f.late_only, bool(f.search and f.search.strip()))


@lru_cache(maxsize=256)
def _page_statement(shape: tuple[bool, ...], after: bool, newest_first: bool) -> Any:
    f = OrderFilter(status="x" if shape[0] else None, channel="x" if shape[1] else None,
                    warehouse_id=0 if shape[2] else None, placed_from=_EPOCH if shape[3] else None,
                    placed_to=_EPOCH if shape[4] else None, late_only=shape[5], search="x" if shape[6] else None)
    stmt = select(
        Order.id, Order.reference, Order.placed_at, Order.status, Channel.code, Order.external_id,
        Order.customer_name, Order.customer_email, Order.total, Order.currency, Order.ship_by,
    ).join(Channel, Channel.id == Order.channel_id)
    stmt = _filtered(stmt, f)
    if after:
        key = tuple_(Order.placed_at, Order.id)
        bound = tuple_(bindparam("after_placed", type_=Order.placed_at.type), bindparam("after_id"))
        stmt = stmt.where(key < bound if newest_first else key > bound)
    if newest_first:
        stmt = stmt.order_by(Order.placed_at.desc(), Order.id.desc())
    else:
        stmt = stmt.order_by(Order.placed_at, Order.id)
    return stmt.limit(bindparam("limit"))


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def list_orders(session: Session, f: OrderFilter | None = None, *, limit: int = 200,
                after: Cursor | None = None, newest_first: bool = True) -> list[OrderRow]:
    """One page of the queue, sorted by placement time; pass the last row's Cursor for the next."""
    f = f or OrderFilter()
    now = utcnow()
    stmt = _page_statement(_shape(f), after is not None, newest_first)
    params = _params(f, now) | {"limit": limit}
    if after is not None:
        params.update(after_placed=after.placed_at, after_id=after.id)
    # The Core path: no ORM entities here, and the ORM result machinery costs more than the query.
    rows = session.connection().execute(stmt, params).all()
    return [
        OrderRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
                 r[10] is not None and r[10] < now and r[3] in _OPEN_VALUES)
        for r in rows
    ]


_OPEN_VALUES = frozenset(s.value for s in OPEN_STATUSES)


def count_orders(session: Session, f: OrderFilter | None = None) -> int:
    f = f or OrderFilter()
    stmt = _filtered(select(func.count()).select_from(Order), f)
    return int(session.connection().execute(stmt, _params(f, utcnow())).scalar() or 0)


def status_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Order.status, func.count()).group_by(Order.status)).all()
    counts = {s.value: 0 for s in OrderStatus}
    counts.update({status: int(n) for status, n in rows})
    return counts
