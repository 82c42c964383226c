"""Dashboard figures: orders per day per channel, revenue, late orders, low stock, top products."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omsdesk.models import Channel, Order, OrderLine, OrderStatus, Product, StockLevel
from omsdesk.models.base import utcnow
from omsdesk.queries.order_page import OPEN_STATUSES

# Revenue counts what was sold, not what was later cancelled.
_NOT_REVENUE = (OrderStatus.CANCELLED.value,)


@dataclass(frozen=True)
class TopProduct:
    sku: str
    name: str
    qty: int
    revenue: int


@dataclass(frozen=True)
class Dashboard:
    days: list[date]
    # channel code -> orders per day, aligned with `days`
    orders_per_day: dict[str, list[int]]
    revenue_per_day: list[int]
    revenue_total: int
    currency: str
    orders_total: int
    late_orders: int
    open_orders: int
    low_stock: int
    top_products: list[TopProduct]
    # The moment "late" was judged against, so a screen can be checked against the same query.
    as_of: datetime


def dashboard(session: Session, *, days: int = 30, now: datetime | None = None, top: int = 10) -> Dashboard:
    """Figures for the last `days` days (UTC, today included)."""
    now = now or utcnow()
    first = now.date() - timedelta(days=days - 1)
    start = datetime.combine(first, time.min, tzinfo=UTC)
    day_list = [first + timedelta(days=i) for i in range(days)]
    index = {d: i for i, d in enumerate(day_list)}
    day = func.date(Order.placed_at)
    per_channel: dict[str, list[int]] = {}
    revenue = [0] * days
    rows = session.execute(
        select(day, Channel.code, func.count(), func.sum(Order.total))
        .join(Channel, Channel.id == Order.channel_id)
        .where(Order.placed_at >= start, Order.status.not_in(_NOT_REVENUE))
        .group_by(day, Channel.code)
    ).all()
    for d, code, n, total in rows:
        key = d if isinstance(d, date) else date.fromisoformat(str(d))
        if key not in index:
            continue
        per_channel.setdefault(code, [0] * days)[index[key]] += int(n)
        revenue[index[key]] += int(total or 0)
    currency = session.scalar(select(Order.currency).limit(1)) or "EUR"
    open_values = [s.value for s in OPEN_STATUSES]
    late = session.scalar(select(func.count()).select_from(Order).where(
        Order.status.in_(open_values), Order.ship_by < now)) or 0
    open_n = session.scalar(select(func.count()).select_from(Order).where(Order.status.in_(open_values))) or 0
    low = session.scalar(select(func.count()).select_from(StockLevel).where(
        StockLevel.on_hand - StockLevel.reserved - StockLevel.safety_buffer <= StockLevel.reorder_point)) or 0
    qty = func.sum(OrderLine.qty)
    # An IN list of the period's orders lets SQLite walk order lines by order id; a join made
    # it scan every line ever sold (10 s against 1 s on a million orders).
    recent = select(Order.id).where(Order.placed_at >= start, Order.status.not_in(_NOT_REVENUE))
    sold = (select(OrderLine.product_id, qty.label("qty"), func.sum(OrderLine.total).label("revenue"))
            .where(OrderLine.order_id.in_(recent))
            .group_by(OrderLine.product_id).order_by(qty.desc()).limit(top).subquery())
    top_rows = session.execute(
        select(Product.sku, Product.name, sold.c.qty, sold.c.revenue)
        .join(sold, sold.c.product_id == Product.id).order_by(sold.c.qty.desc())
    ).all()
    return Dashboard(
        days=day_list, orders_per_day=dict(sorted(per_channel.items())), revenue_per_day=revenue,
        revenue_total=sum(revenue), currency=currency,
        orders_total=sum(sum(v) for v in per_channel.values()), late_orders=int(late),
        open_orders=int(open_n), low_stock=int(low),
        top_products=[TopProduct(r[0], r[1], int(r[2]), int(r[3] or 0)) for r in top_rows],
        as_of=now,
    )
