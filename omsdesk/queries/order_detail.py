"""Everything the order detail view and `orders show` display about one order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.models import (
    OPEN_PARCEL,
    AuditEntry,
    Channel,
    NotFound,
    Order,
    Payment,
    Reservation,
    Shipment,
    ShipmentLine,
    StockLevel,
    Warehouse,
)
from omsdesk.queries.claims import holders


@dataclass(frozen=True)
class LineView:
    line_no: int
    sku: str
    name: str
    qty: int
    unit_price: int
    discount: int
    tax_rate_bp: int
    net: int
    tax: int
    total: int
    qty_shipped: int
    qty_returned: int
    qty_reserved: int
    # warehouse code -> available to sell, so a clerk sees where else it could come from
    available_by_warehouse: dict[str, int]


@dataclass(frozen=True)
class PaymentView:
    amount: int
    method: str
    reference: str
    paid_at: datetime


@dataclass(frozen=True)
class RefundView:
    amount: int
    method: str
    reference: str
    reason: str
    user: str
    refunded_at: datetime


@dataclass(frozen=True)
class ShipmentView:
    id: int
    warehouse: str
    carrier: str
    tracking: str
    shipped_at: datetime | None
    delivered_at: datetime | None
    lines: dict[str, int]
    status: str  # shipped or delivered
    packages: int = 1
    weight_g: int | None = None  # as the packer typed it; None: the products' weights


@dataclass(frozen=True)
class OpenParcelView:
    """A parcel still in its warehouse: the units reserved there, being picked and packed."""

    id: int | None  # None only until the order is next touched (rows written before parcels existed)
    warehouse: str
    status: str  # open, picking or packed
    lines: dict[str, int]


@dataclass(frozen=True)
class AuditView:
    at: datetime
    user: str
    workstation: str
    action: str
    from_status: str | None
    to_status: str | None
    reason: str


@dataclass(frozen=True)
class OrderDetail:
    id: int
    reference: str
    status: str
    held_from: str | None
    channel: str
    external_id: str | None
    customer_id: int | None
    customer_name: str
    customer_email: str
    currency: str
    prices_include_tax: bool
    subtotal: int
    tax_total: int
    total: int
    paid_amount: int
    balance_due: int
    refunded_amount: int
    # What is owed now (total less cancelled and returned units) and what is owed back.
    amount_owed: int
    refund_due: int
    warehouse: str | None
    ship_to: dict[str, str]
    placed_at: datetime
    ship_by: datetime | None
    notes: str
    lines: list[LineView]
    payments: list[PaymentView]
    shipments: list[ShipmentView]
    open_parcels: list[OpenParcelView]
    refunds: list[RefundView]
    audit: list[AuditView]
    allowed_actions: list[str]
    # The bench holding a parcel of it right now ("BENCH/USER", its wave), or "".
    claimed_by: str = ""
    claim_wave: str = ""
    claimed_at: datetime | None = None
    # Parcels whose carrier label may be cancelled now (Shipment.label_cancel_refusal).
    cancellable_labels: tuple[int, ...] = ()


def order_detail(session: Session, reference: str) -> OrderDetail:
    order = session.scalar(select(Order).where(Order.reference == reference))
    if order is None:
        raise NotFound(f"unknown order '{reference}'")
    wh_codes = {wid: code for wid, code in session.execute(select(Warehouse.id, Warehouse.code))}
    product_ids = [ln.product_id for ln in order.lines]
    avail: dict[int, dict[str, int]] = {pid: {} for pid in product_ids}
    for lvl in session.scalars(select(StockLevel).where(StockLevel.product_id.in_(product_ids))):
        avail[lvl.product_id][wh_codes[lvl.warehouse_id]] = lvl.available
    reserved: dict[int, int] = {}
    sku_of = {ln.id: ln.sku for ln in order.lines}
    parcels: dict[str, dict[str, int]] = {}
    for r in session.scalars(select(Reservation).where(Reservation.order_line_id.in_([ln.id for ln in order.lines]))
                             .order_by(Reservation.warehouse_id, Reservation.id)):
        reserved[r.order_line_id] = reserved.get(r.order_line_id, 0) + r.qty
        parcel = parcels.setdefault(wh_codes[r.warehouse_id], {})
        parcel[sku_of[r.order_line_id]] = parcel.get(sku_of[r.order_line_id], 0) + r.qty
    shipments = []
    open_ids: dict[str, tuple[int, str]] = {}
    cancellable: list[int] = []
    for sh in session.scalars(select(Shipment).where(Shipment.order_id == order.id).order_by(Shipment.id)):
        if sh.label is not None and not sh.label_cancel_refusal():
            cancellable.append(sh.id)
        if sh.status in OPEN_PARCEL:
            open_ids[wh_codes.get(sh.warehouse_id, "")] = (sh.id, sh.status)
            continue
        lines = {sku_of[sl.order_line_id]: sl.qty for sl in session.scalars(
            select(ShipmentLine).where(ShipmentLine.shipment_id == sh.id))}
        shipments.append(ShipmentView(sh.id, wh_codes.get(sh.warehouse_id, ""), sh.carrier, sh.tracking,
                                      sh.shipped_at, sh.delivered_at, lines, sh.status, sh.packages, sh.weight_g))
    audit = [
        AuditView(a.at, a.user, a.workstation, a.action, a.from_status, a.to_status, a.reason)
        for a in session.scalars(select(AuditEntry).where(
            AuditEntry.entity == "order", AuditEntry.entity_id == order.id).order_by(AuditEntry.id))
    ]
    payments = [PaymentView(p.amount, p.method, p.reference, p.paid_at) for p in session.scalars(
        select(Payment).where(Payment.order_id == order.id).order_by(Payment.id))]
    channel = session.get(Channel, order.channel_id)
    holder = holders(session, [order.id]).get(order.id)
    return OrderDetail(
        id=order.id, reference=order.reference, status=order.status, held_from=order.held_from,
        channel=channel.code if channel else "", external_id=order.external_id,
        customer_id=order.customer_id, customer_name=order.customer_name,
        customer_email=order.customer_email, currency=order.currency,
        prices_include_tax=order.prices_include_tax, subtotal=order.subtotal,
        tax_total=order.tax_total, total=order.total, paid_amount=order.paid_amount,
        balance_due=order.balance_due, refunded_amount=order.refunded_amount,
        amount_owed=order.amount_owed, refund_due=order.refund_due,
        warehouse=wh_codes.get(order.warehouse_id) if order.warehouse_id else None,
        ship_to={"name": order.ship_name, "line1": order.ship_line1, "line2": order.ship_line2,
                 "city": order.ship_city, "postcode": order.ship_postcode,
                 "province": order.ship_province, "country": order.ship_country},
        placed_at=order.placed_at, ship_by=order.ship_by, notes=order.notes,
        lines=[
            LineView(ln.line_no, ln.sku, ln.name, ln.qty, ln.unit_price, ln.discount, ln.tax_rate_bp,
                     ln.net, ln.tax, ln.total, ln.qty_shipped, ln.qty_returned, reserved.get(ln.id, 0),
                     dict(sorted(avail[ln.product_id].items())))
            for ln in order.lines
        ],
        payments=payments, shipments=shipments,
        open_parcels=[OpenParcelView(open_ids.get(wh, (None, "open"))[0], wh, open_ids.get(wh, (None, "open"))[1], lines)
                      for wh, lines in parcels.items()],
        refunds=[RefundView(r.amount, r.method, r.reference, r.reason, r.user, r.refunded_at)
                 for r in order.refunds], audit=audit,
        allowed_actions=order.available_actions(),
        claimed_by=holder.label if holder else "", claim_wave=holder.wave if holder else "",
        claimed_at=holder.claimed_at if holder else None, cancellable_labels=tuple(cancellable),
    )
