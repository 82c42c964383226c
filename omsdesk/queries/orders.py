"""Order queue pages (keyset pagination) and the order detail view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from omsdesk.models import Channel, Order, OrderLine, OrderStatus
from omsdesk.models.base import utcnow

OPEN_STATUSES = (
    OrderStatus.NEW, OrderStatus.PAID, OrderStatus.ALLOCATED, OrderStatus.PICKING,
    OrderStatus.PACKED, OrderStatus.BACKORDER, OrderStatus.PARTIAL, OrderStatus.ON_HOLD,
)


@dataclass(frozen=True)
class OrderRow:
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


def _filtered(stmt, f: OrderFilter, now: datetime):  # type: ignore[no-untyped-def]
    if f.status:
        stmt = stmt.where(Order.status == f.status)
    if f.channel:
        stmt = stmt.where(Order.channel_id == select(Channel.id).where(Channel.code == f.channel).scalar_subquery())
    if f.warehouse_id is not None:
        stmt = stmt.where(Order.warehouse_id == f.warehouse_id)
    if f.placed_from is not None:
        stmt = stmt.where(Order.placed_at >= f.placed_from)
    if f.placed_to is not None:
        stmt = stmt.where(Order.placed_at < f.placed_to)
    if f.late_only:
        stmt = stmt.where(Order.ship_by < now, Order.status.in_([s.value for s in OPEN_STATUSES]))
    if f.search and f.search.strip():
        text = f.search.strip()
        pattern = f"%{escape_like(text.lower())}%"
        stmt = stmt.where(or_(
            Order.reference == text.upper(),
            Order.external_id == text,
            func.lower(Order.customer_name).like(pattern, escape="\\"),
            Order.customer_email.like(pattern, escape="\\"),
            exists().where(and_(OrderLine.order_id == Order.id, OrderLine.sku == text)),
        ))
    return stmt


def list_orders(session: Session, f: OrderFilter | None = None, *, limit: int = 200,
                after: Cursor | None = None, newest_first: bool = True) -> list[OrderRow]:
    """One page of the queue, sorted by placement time; pass the last row's Cursor for the next."""
    f = f or OrderFilter()
    now = utcnow()
    stmt = select(
        Order.id, Order.reference, Order.placed_at, Order.status, Channel.code, Order.external_id,
        Order.customer_name, Order.customer_email, Order.total, Order.currency, Order.ship_by,
    ).join(Channel, Channel.id == Order.channel_id)
    stmt = _filtered(stmt, f, now)
    key = tuple_(Order.placed_at, Order.id)
    if after is not None:
        stmt = stmt.where(key < tuple_(after.placed_at, after.id) if newest_first
                          else key > tuple_(after.placed_at, after.id))
    if newest_first:
        stmt = stmt.order_by(Order.placed_at.desc(), Order.id.desc())
    else:
        stmt = stmt.order_by(Order.placed_at, Order.id)
    rows = session.execute(stmt.limit(limit)).all()
    open_values = {s.value for s in OPEN_STATUSES}
    return [
        OrderRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
                 late=r[10] is not None and r[10] < now and r[3] in open_values)
        for r in rows
    ]


def count_orders(session: Session, f: OrderFilter | None = None) -> int:
    stmt = _filtered(select(func.count()).select_from(Order), f or OrderFilter(), utcnow())
    return int(session.scalar(stmt) or 0)


def status_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Order.status, func.count()).group_by(Order.status)).all()
    counts = {s.value: 0 for s in OrderStatus}
    counts.update({status: int(n) for status, n in rows})
    return counts
