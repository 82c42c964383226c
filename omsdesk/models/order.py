"""Orders with their lines, payments and shipments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from omsdesk.models.base import Base, utcnow
from omsdesk.models.carrier import TrackingStatus
from omsdesk.models.errors import IllegalTransition
from omsdesk.models.search_keys import SEARCH_NAME_TYPE, reference_number, search_name
from omsdesk.models.workflow import (
    CLOSE_REST_INSTEAD,
    OrderStatus,
    allowed_actions,
    check_transition,
)

if TYPE_CHECKING:
    from omsdesk.models.catalog import Product
    from omsdesk.models.stock import Reservation


def stock_need(lines: Iterable[tuple[int, bool, int, int]]) -> dict[int, int]:
    """Units still to reserve per product id, from (product id, stock tracked, open, reserved) per line.

    The one rule of what an order needs from stock: a service line (shipping, gift wrap)
    never needs any, and what is already reserved for a line is not needed again. Every
    allocation path (order screen, counter, intake, backorders served on receipt) asks this.
    """
    need: dict[int, int] = {}
    for product_id, tracked, open_qty, reserved in lines:
        missing = open_qty - reserved
        if tracked and missing > 0:
            need[product_id] = need.get(product_id, 0) + missing
    return need


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        # Importing the same marketplace page twice must change nothing.
        UniqueConstraint("channel_id", "external_id", name="uq_orders_channel_external"),
        # Queue pages: keyset on (placed_at, id) within a status, and overall.
        Index("ix_orders_status_placed", "status", "placed_at", "id"),
        Index("ix_orders_placed", "placed_at", "id"),
        Index("ix_orders_channel_placed", "channel_id", "placed_at", "id"),
        # A customer's orders; with the status, a search's matches per status are counted from the
        # index alone. With the folded name, guests (no customer) are found by a name's start.
        Index("ix_orders_customer_status", "customer_id", "status"),
        Index("ix_orders_customer_search_name", "customer_id", "search_name"),
        CheckConstraint("paid_amount >= 0", name="paid_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id"))
    external_id: Mapped[str | None] = mapped_column(String(64))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    # Snapshot of who ordered, kept on the order so search and the queue need no join.
    customer_name: Mapped[str] = mapped_column(String(200), default="", index=True)
    customer_email: Mapped[str] = mapped_column(String(200), default="", index=True)
    # Written from the columns above by search_keys (validators here, the same functions on the
    # Core insert paths): folded name and email, and the reference's running number.
    search_name: Mapped[str] = mapped_column(SEARCH_NAME_TYPE, default="", server_default="")
    ref_number: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(16), default=OrderStatus.NEW.value)
    held_from: Mapped[str | None] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    prices_include_tax: Mapped[bool] = mapped_column(Boolean, default=True)
    subtotal: Mapped[int] = mapped_column(Integer, default=0)
    tax_total: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    paid_amount: Mapped[int] = mapped_column(Integer, default=0)
    # Money given back (sum of refunds); never more than was paid.
    refunded_amount: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"))
    ship_name: Mapped[str] = mapped_column(String(200), default="")
    ship_line1: Mapped[str] = mapped_column(String(200), default="")
    ship_line2: Mapped[str] = mapped_column(String(200), default="")
    ship_city: Mapped[str] = mapped_column(String(100), default="")
    ship_postcode: Mapped[str] = mapped_column(String(16), default="")
    ship_province: Mapped[str] = mapped_column(String(100), default="")
    ship_country: Mapped[str] = mapped_column(String(2), default="ES")
    notes: Mapped[str] = mapped_column(Text, default="")
    placed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Ship-by promise: an order past it and not shipped is late.
    ship_by: Mapped[datetime | None] = mapped_column()
    external_updated_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.line_no"
    )
    payments: Mapped[list[Payment]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="Payment.id"
    )
    # Every parcel of the order: open ones (reserved in one warehouse, being picked and packed)
    # and the ones that left. `shipments` is the part that left.
    parcels: Mapped[list[Shipment]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="Shipment.id"
    )
    refunds: Mapped[list[Refund]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="Refund.id"
    )

    @validates("reference")
    def _keep_ref_number(self, _key: str, reference: str) -> str:
        self.ref_number = reference_number(reference)
        return reference

    @validates("customer_name", "customer_email")
    def _keep_search_name(self, key: str, value: str) -> str:
        name = value if key == "customer_name" else self.customer_name
        email = value if key == "customer_email" else self.customer_email
        self.search_name = search_name(name, email)
        return value

    # -- money: one ledger (payments in, refunds out) against what the customer owes --------

    @property
    def amount_owed(self) -> int:
        """What the customer owes for the order now: its total less cancelled and returned units."""
        return self.total - sum(ln.value_of(ln.qty_cancelled + ln.qty_returned) for ln in self.lines)

    @property
    def net_paid(self) -> int:
        return self.paid_amount - self.refunded_amount

    @property
    def balance_due(self) -> int:
        """Still to collect (never negative: money owed back is `refund_due`)."""
        return max(0, self.amount_owed - self.net_paid)

    @property
    def refund_due(self) -> int:
        """Paid and not refunded beyond what is owed (cancelled, closed or returned units)."""
        return max(0, self.net_paid - self.amount_owed)

    def stock_needed(self) -> dict[int, int]:
        """Product id -> units the open lines still need reserved (see `stock_need`)."""
        return stock_need((ln.product_id, ln.product.stock_tracked, ln.qty_open, ln.qty_reserved)
                          for ln in self.lines)

    def available_actions(self) -> list[str]:
        """What may be done to the order now: the workflow's actions for its status, corrected by
        its lines (nothing shipped for cancel) plus closing the rest and refunding."""
        shipped = any(ln.qty_shipped for ln in self.lines)
        pointless = {"cancel"} if shipped else set()
        if self.balance_due == 0 and self.status != OrderStatus.NEW.value:
            pointless.add("pay")  # nothing left to collect
        if self.status == OrderStatus.PARTIAL.value and not self.stock_needed():
            pointless.add("allocate")  # the rest is reserved already: it ships as it is
        pointless |= self._parcel_steps_pointless()
        actions = [a for a in allowed_actions(self.status) if a not in pointless]
        if shipped and self.has_open_lines and self.status not in (OrderStatus.CANCELLED.value,
                                                                    OrderStatus.RETURNED.value):
            actions.append("cancel-rest")
        if self.net_paid > 0:
            actions.append("refund")
        return actions

    def _parcel_steps_pointless(self) -> set[str]:
        """Pick, pack and ship where no parcel is at that step (they are done per parcel)."""
        if self.status not in (OrderStatus.ALLOCATED.value, OrderStatus.PICKING.value,
                               OrderStatus.PACKED.value, OrderStatus.PARTIAL.value):
            return set()
        states = {p.status for p in self.open_parcels}
        services_only = self.has_open_lines and not any(
            ln.product.stock_tracked and ln.qty_open > 0 for ln in self.lines)
        if services_only:
            # Nothing reserved: the order's own status leads, as it always did.
            return set()
        out = set()
        if ParcelStatus.OPEN.value not in states:
            out.add("pick")
        if ParcelStatus.PICKING.value not in states:
            out.add("pack")
        if ParcelStatus.PACKED.value not in states:
            out.add("ship")
        return out

    def check_cancellable(self) -> None:
        """Raise IllegalTransition unless the whole order may be cancelled: nothing has shipped."""
        check_transition("cancel", self.status, self.reference)
        shipped = sum(ln.qty_shipped for ln in self.lines)
        if shipped:
            raise IllegalTransition(
                f"cannot cancel order {self.reference}: {shipped} unit(s) have already shipped; "
                + CLOSE_REST_INSTEAD)

    @property
    def shipments(self) -> list[Shipment]:
        """The parcels that have left a warehouse, oldest first."""
        return [p for p in self.parcels if p.status in SHIPPED_PARCEL]

    @property
    def open_parcels(self) -> list[Shipment]:
        """Parcels still in a warehouse: reserved units being picked and packed."""
        return [p for p in self.parcels if p.status in OPEN_PARCEL]

    @property
    def has_open_lines(self) -> bool:
        return any(ln.qty_open > 0 for ln in self.lines)


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("qty_shipped >= 0 AND qty_shipped <= qty", name="shipped_within_qty"),
        CheckConstraint("qty_returned >= 0 AND qty_returned <= qty_shipped", name="returned_within_shipped"),
        Index("ix_order_lines_sku", "sku"),
        Index("ix_order_lines_product", "product_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    qty: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    discount: Mapped[int] = mapped_column(Integer, default=0)
    tax_rate_bp: Mapped[int] = mapped_column(Integer, default=2100)
    net: Mapped[int] = mapped_column(Integer, default=0)
    tax: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    qty_shipped: Mapped[int] = mapped_column(Integer, default=0)
    qty_returned: Mapped[int] = mapped_column(Integer, default=0)
    # Closed without shipping (cancel, cancel-rest): no longer open, no longer owed.
    qty_cancelled: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship(lazy="joined", innerjoin=True)
    reservations: Mapped[list[Reservation]] = relationship(
        cascade="all, delete-orphan", order_by="Reservation.id")

    @property
    def qty_open(self) -> int:
        return self.qty - self.qty_shipped - self.qty_cancelled

    def value_of(self, units: int) -> int:
        """The line's total for `units` of its qty, rounded half up to the cent."""
        if units <= 0 or self.qty <= 0:
            return 0
        if units >= self.qty:
            return self.total
        return (2 * self.total * units + self.qty) // (2 * self.qty)

    @property
    def qty_reserved(self) -> int:
        return sum(r.qty for r in self.reservations)


# How money moves on an order's ledger (payments in, refunds out); cod only comes in, at the door.
PAYMENT_METHODS = ("card", "cash", "transfer", "marketplace", "cod", "other")
REFUND_METHODS = tuple(m for m in PAYMENT_METHODS if m != "cod")


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (CheckConstraint("amount <> 0", name="amount_not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    amount: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(20), default="card")
    reference: Mapped[str] = mapped_column(String(100), default="")
    paid_at: Mapped[datetime] = mapped_column(default=utcnow)

    order: Mapped[Order] = relationship(back_populates="payments")


class Refund(Base):
    """Money given back on an order: on a cancellation, a closed rest, a return or a credit note."""

    __tablename__ = "refunds"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    amount: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(100), default="", server_default="")
    reason: Mapped[str] = mapped_column(String(200), default="", server_default="")
    user: Mapped[str] = mapped_column(String(64), default="", server_default="")
    workstation: Mapped[str] = mapped_column(String(64), default="", server_default="")
    refunded_at: Mapped[datetime] = mapped_column(default=utcnow)

    order: Mapped[Order] = relationship(back_populates="refunds")


class ParcelStatus(StrEnum):
    """A parcel's own life: one warehouse's part of an order, from reserved to the door."""

    OPEN = "open"  # reserved, waiting for the picker
    PICKING = "picking"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"


OPEN_PARCEL = frozenset({ParcelStatus.OPEN.value, ParcelStatus.PICKING.value, ParcelStatus.PACKED.value})
SHIPPED_PARCEL = frozenset({ParcelStatus.SHIPPED.value, ParcelStatus.DELIVERED.value})


class Shipment(Base):
    """A parcel: the units of one order leaving one warehouse together.

    It exists from allocation (status open, its contents the order's reservations in that
    warehouse) so it can be picked, packed, labelled and named (`orders ship --shipment N`);
    on shipping its lines are written and the reservations consumed.
    """

    __tablename__ = "shipments"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'picking', 'packed', 'shipped', 'delivered')", name="status_known"),
        CheckConstraint("(shipped_at IS NULL) = (status IN ('open', 'picking', 'packed'))",
                        name="shipped_at_when_shipped"),
        # The tracking job's queue: parcels due for their next poll.
        Index("ix_shipments_tracking_next", "tracking_next_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    status: Mapped[str] = mapped_column(String(12), default=ParcelStatus.OPEN.value, server_default="shipped")
    carrier: Mapped[str] = mapped_column(String(60), default="")
    tracking: Mapped[str] = mapped_column(String(100), default="", index=True)
    shipped_at: Mapped[datetime | None] = mapped_column()
    delivered_at: Mapped[datetime | None] = mapped_column()
    # As the packer saw them (ship dialog, --packages/--weight); None: the products' weights.
    packages: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    weight_g: Mapped[int | None] = mapped_column(Integer)
    # Booked with a carrier account (issue 16): its label, the carrier's own id, and why a booking
    # failed. `booking_key` is sent with every try, so a retry never books the parcel twice.
    # No foreign key: SQLite cannot add one to an existing table, and accounts are never deleted.
    carrier_account_id: Mapped[int | None] = mapped_column(Integer)
    service: Mapped[str] = mapped_column(String(60), default="", server_default="")
    booking_key: Mapped[str] = mapped_column(String(80), default="", server_default="")
    carrier_ref: Mapped[str] = mapped_column(String(80), default="", server_default="")
    label: Mapped[bytes | None] = mapped_column(LargeBinary)
    label_format: Mapped[str] = mapped_column(String(8), default="", server_default="")
    booked_at: Mapped[datetime | None] = mapped_column()
    booking_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    booking_failed_at: Mapped[datetime | None] = mapped_column()
    # Tracking: the latest mapped status, when to ask again, and what the last poll said.
    tracking_status: Mapped[str] = mapped_column(String(20), default="", server_default="")
    tracking_at: Mapped[datetime | None] = mapped_column()
    tracking_next_at: Mapped[datetime | None] = mapped_column()
    tracking_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    tracking_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The active pick claim (models/claims.py) of the bench walking for this parcel; None in
    # the pool. No foreign key: a plain ADD COLUMN, as for the columns above.
    claim_id: Mapped[int | None] = mapped_column(Integer, index=True)

    order: Mapped[Order] = relationship(back_populates="parcels")
    lines: Mapped[list[ShipmentLine]] = relationship(
        back_populates="shipment", cascade="all, delete-orphan"
    )

    def label_cancel_refusal(self) -> str:
        """Why this parcel's carrier label may not be cancelled now; '' when it may.

        Only a label still at the packing bench may go: once the parcel has shipped (handed
        over) or the carrier reports it moving, the carrier has the goods and the label stands.
        """
        if self.label is None or not self.carrier_ref or self.carrier_account_id is None:
            return f"parcel {self.id} has no carrier label to cancel"
        if self.status != ParcelStatus.PACKED.value:
            return (f"parcel {self.id} is {self.status}: it has been handed to the carrier, so its label "
                    "can no longer be cancelled")
        if self.tracking_status not in ("", TrackingStatus.BOOKED.value):
            return (f"parcel {self.id} is {self.tracking_status.replace('_', ' ')} at the carrier: a label "
                    "in transit cannot be cancelled")
        return ""


class ShipmentLine(Base):
    __tablename__ = "shipment_lines"
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    qty: Mapped[int] = mapped_column(Integer)

    shipment: Mapped[Shipment] = relationship(back_populates="lines")
