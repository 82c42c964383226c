"""Read side of planning: demand history, forecasts with cover, low-stock alerts, available to sell."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import Session

from omsdesk.models import (
    Channel,
    MoveKind,
    NotFound,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    StockLevel,
    StockMove,
    Warehouse,
)
from omsdesk.models.base import utcnow
from omsdesk.models.planning import (
    ChannelRule,
    ChannelRuleKind,
    ReorderRule,
    Transfer,
    TransferStatus,
)
from omsdesk.planning.forecast import HoltWinters, fit_holt_winters, recent_share

# Twelve whole weeks: the weekly season is estimated on complete weeks only.
HISTORY_DAYS = 84
HORIZON_DAYS = 28


@dataclass(frozen=True)
class DemandHistory:
    """Units ordered per UTC day, oldest first, from `start` for len(total) days."""

    start: date
    total: list[float]
    by_product: dict[int, list[float]]


def _day(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone("UTC", column), Date)
    return func.date(column)


def daily_demand(session: Session, *, days: int = HISTORY_DAYS, end: date | None = None) -> DemandHistory:
    """Ordered units per day over the `days` whole days before `end` (default: today, excluded).

    Demand is what customers ordered (cancelled orders excluded), not what shipped: a stock-out
    must not look like a fall in demand.
    """
    end = end or utcnow().date()
    start = end - timedelta(days=days)
    lo = datetime(start.year, start.month, start.day, tzinfo=UTC)
    hi = datetime(end.year, end.month, end.day, tzinfo=UTC)
    day = _day(session, Order.placed_at)
    rows = session.execute(
        select(day, OrderLine.product_id, func.sum(OrderLine.qty))
        .join(Order, Order.id == OrderLine.order_id)
        .where(Order.placed_at >= lo, Order.placed_at < hi,
               Order.status != OrderStatus.CANCELLED.value)
        .group_by(day, OrderLine.product_id)
    ).all()
    total = [0.0] * days
    by_product: dict[int, list[float]] = defaultdict(lambda: [0.0] * days)
    for d, pid, qty in rows:
        when = d if isinstance(d, date) else date.fromisoformat(str(d))
        i = (when - start).days
        if 0 <= i < days:
            total[i] += float(qty)
            by_product[pid][i] += float(qty)
    return DemandHistory(start, total, dict(by_product))


def warehouse_shares(session: Session, *, days: int = HISTORY_DAYS) -> dict[int, dict[int, float]]:
    """product id -> warehouse id -> share of the product's recent sales shipped from there."""
    since = utcnow() - timedelta(days=days)
    sold: dict[int, dict[int, float]] = defaultdict(dict)
    for pid, wid, qty in session.execute(
        select(StockMove.product_id, StockMove.warehouse_id, -func.sum(StockMove.qty))
        .where(StockMove.kind == MoveKind.SALE.value, StockMove.created_at >= since)
        .group_by(StockMove.product_id, StockMove.warehouse_id)
    ):
        sold[pid][wid] = float(qty)
    return {pid: {wid: q / sum(by_wh.values()) for wid, q in by_wh.items()}
            for pid, by_wh in sold.items() if sum(by_wh.values()) > 0}


@dataclass(frozen=True)
class DemandForecast:
    """Daily forecasts for every product (and warehouse) from one fitted total model."""

    model: HoltWinters
    horizon: int
    total: list[float]
    shares: dict[int, float]
    warehouse_shares: dict[int, dict[int, float]]
    warehouses: list[int]

    def daily(self, product_id: int, warehouse_id: int | None = None) -> list[float]:
        share = self.shares.get(product_id, 0.0)
        if warehouse_id is not None:
            by_wh = self.warehouse_shares.get(product_id)
            # No sales history by warehouse yet: spread evenly rather than guess a favourite.
            share *= by_wh.get(warehouse_id, 0.0) if by_wh else 1.0 / max(1, len(self.warehouses))
        return [share * v for v in self.total]


def demand_forecast(session: Session, *, horizon: int = HORIZON_DAYS,
                    history: DemandHistory | None = None) -> DemandForecast:
    """Fit Holt-Winters (weekly season) to total demand; products take their recent share."""
    history = history or daily_demand(session)
    model = fit_holt_winters(history.total)
    shares = {pid: recent_share(series, history.total) for pid, series in history.by_product.items()}
    warehouses = list(session.scalars(select(Warehouse.id).where(Warehouse.active.is_(True))))
    return DemandForecast(model, horizon, model.forecast(horizon), shares,
                          warehouse_shares(session), warehouses)


@dataclass(frozen=True)
class CoverRow:
    warehouse: str
    on_hand: int
    reserved: int
    available: int
    daily_demand: float
    days_of_cover: float | None
    stockout_date: date | None


@dataclass(frozen=True)
class ProductForecast:
    sku: str
    name: str
    history_start: date
    history: list[float]
    forecast: list[float]
    days_of_cover: float | None
    stockout_date: date | None
    warehouses: list[CoverRow]
    model: dict[str, float]


def cover(available: int, daily: list[float], today: date) -> tuple[float | None, date | None]:
    """Days the stock lasts at the forecast rate, and the day it runs out (None: beyond horizon)."""
    rate = sum(daily) / len(daily) if daily else 0.0
    days = available / rate if rate > 0 else None
    left = float(available)
    for i, qty in enumerate(daily):
        left -= qty
        if left < 0:
            return days, today + timedelta(days=i)
    return days, None


def product_forecast(session: Session, sku: str, *, horizon: int = HORIZON_DAYS) -> ProductForecast:
    """History, forecast, days of cover and projected stock-out date of one product."""
    product = session.scalar(select(Product).where(Product.sku == sku))
    if product is None:
        raise NotFound(f"unknown SKU '{sku}'")
    history = daily_demand(session)
    fc = demand_forecast(session, horizon=horizon, history=history)
    today = utcnow().date()
    rows = []
    for code, wid, on_hand, reserved in session.execute(
        select(Warehouse.code, Warehouse.id, StockLevel.on_hand, StockLevel.reserved)
        .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
        .where(StockLevel.product_id == product.id).order_by(Warehouse.code)
    ):
        daily = fc.daily(product.id, wid)
        days, out = cover(on_hand - reserved, daily, today)
        rows.append(CoverRow(code, on_hand, reserved, on_hand - reserved,
                             round(sum(daily) / len(daily), 3), days, out))
    daily = fc.daily(product.id)
    total_available = sum(r.available for r in rows)
    days, out = cover(total_available, daily, today)
    m = fc.model
    return ProductForecast(
        sku=product.sku, name=product.name, history_start=history.start,
        history=history.by_product.get(product.id, [0.0] * len(history.total)),
        forecast=[round(v, 3) for v in daily], days_of_cover=days, stockout_date=out, warehouses=rows,
        model={"alpha": m.alpha, "beta": m.beta, "gamma": m.gamma, "phi": m.phi,
               "share": round(fc.shares.get(product.id, 0.0), 5)},
    )


# -- alerts and available to sell --------------------------------------------------------------

@dataclass(frozen=True)
class LowStock:
    sku: str
    name: str
    warehouse: str
    on_hand: int
    reserved: int
    available: int
    threshold: int


def _threshold() -> Any:
    # A reorder rule's minimum wins over the level's own reorder point.
    return func.coalesce(ReorderRule.min_qty, StockLevel.reorder_point)


def _low_stmt() -> Any:
    available = StockLevel.on_hand - StockLevel.reserved - StockLevel.safety_buffer
    return (
        select(Product.sku, Product.name, Warehouse.code, StockLevel.on_hand, StockLevel.reserved,
               available, _threshold())
        .join(Product, Product.id == StockLevel.product_id)
        .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
        .outerjoin(ReorderRule, (ReorderRule.product_id == StockLevel.product_id)
                   & (ReorderRule.warehouse_id == StockLevel.warehouse_id))
        .where(Product.active.is_(True), Warehouse.active.is_(True), available <= _threshold())
    )


def low_stock_alerts(session: Session, *, limit: int | None = None) -> list[LowStock]:
    """Levels at or below their threshold, emptiest first (for the alert list)."""
    stmt = _low_stmt().order_by(StockLevel.on_hand - StockLevel.reserved, Product.sku, Warehouse.code)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [LowStock(*r) for r in session.execute(stmt)]


def low_stock_count(session: Session) -> int:
    """How many levels are low: the number on the Inventory badge."""
    return int(session.scalar(select(func.count()).select_from(_low_stmt().subquery())) or 0)


def channel_buffer(session: Session, channel_id: int) -> int:
    """Units held back from a channel's published stock (channel setting `stock_buffer`)."""
    settings = session.scalar(select(Channel.settings).where(Channel.id == channel_id)) or {}
    try:
        return max(0, int(settings.get("stock_buffer", 0)))
    except (TypeError, ValueError):
        return 0


def available_to_sell(session: Session, channel_id: int) -> dict[str, int]:
    """SKU -> units a channel may publish: available in its allowed warehouses minus its buffer.

    One aggregate query; a warehouse that is oversold on paper never counts below zero, so
    it cannot eat the stock of another.
    """
    excluded = set(session.scalars(select(ChannelRule.warehouse_id).where(
        ChannelRule.channel_id == channel_id, ChannelRule.kind == ChannelRuleKind.EXCLUDE.value)))
    warehouses = session.execute(select(Warehouse.id, Warehouse.active)).all()
    allowed = [wid for wid, active in warehouses if active and wid not in excluded]
    pg = session.get_bind().dialect.name == "postgresql"
    clamp = func.greatest if pg else func.max  # SQLite's two-argument max() is scalar
    available = StockLevel.on_hand - StockLevel.reserved - StockLevel.safety_buffer
    total = func.sum(clamp(available, 0))
    buffer = channel_buffer(session, channel_id)
    stmt = (select(Product.sku, clamp(total - buffer, 0) if buffer else total)
            .join(Product, Product.id == StockLevel.product_id)
            .where(Product.active.is_(True)))
    if len(allowed) < len(warehouses):
        stmt = stmt.where(StockLevel.warehouse_id.in_(allowed))
    # SQLite: grouped by the levels' own product id, it walks their primary key in order with no
    # sort. PostgreSQL needs the products key in GROUP BY to select the SKU.
    stmt = stmt.group_by(Product.id if pg else StockLevel.product_id)
    # Core execution, buffer applied in SQL: the rows go straight into the dict.
    return {sku: qty for sku, qty in session.connection().execute(stmt)}


def changed_only(current: dict[str, int], last_pushed: dict[str, int]) -> dict[str, int]:
    """The push list: SKUs whose figure differs from what the channel was last told."""
    return {sku: qty for sku, qty in current.items() if last_pushed.get(sku) != qty}


# -- transfers --------------------------------------------------------------------------------

@dataclass(frozen=True)
class TransferRow:
    reference: str
    sku: str
    qty: int
    from_warehouse: str
    to_warehouse: str
    status: str
    dispatched_at: datetime
    received_at: datetime | None


def transfers(session: Session, *, in_transit_only: bool = True, limit: int = 500) -> list[TransferRow]:
    """Transfers, in transit first, newest first within a status."""
    src = Warehouse.__table__.alias("src")
    dst = Warehouse.__table__.alias("dst")
    stmt = (
        select(Transfer.reference, Product.sku, Transfer.qty, src.c.code, dst.c.code, Transfer.status,
               Transfer.dispatched_at, Transfer.received_at)
        .join(Product, Product.id == Transfer.product_id)
        .join(src, src.c.id == Transfer.from_warehouse_id)
        .join(dst, dst.c.id == Transfer.to_warehouse_id)
        .order_by((Transfer.status != TransferStatus.IN_TRANSIT.value), Transfer.id.desc())
        .limit(limit)
    )
    if in_transit_only:
        stmt = stmt.where(Transfer.status == TransferStatus.IN_TRANSIT.value)
    return [TransferRow(*r) for r in session.execute(stmt)]
