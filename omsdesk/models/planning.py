"""Inventory planning: suppliers, reorder and channel rules, transfers and purchase orders."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omsdesk.models.base import Base, utcnow


class TransferStatus(StrEnum):
    IN_TRANSIT = "in_transit"
    RECEIVED = "received"
    CANCELLED = "cancelled"


class PurchaseStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    PARTIAL = "partial"
    RECEIVED = "received"
    CANCELLED = "cancelled"


# Purchase order statuses whose open quantity counts as "on order".
OPEN_PURCHASE_STATUSES = (PurchaseStatus.DRAFT.value, PurchaseStatus.SENT.value,
                          PurchaseStatus.PARTIAL.value)


class ChannelRuleKind(StrEnum):
    PREFER = "prefer"
    EXCLUDE = "exclude"


class Supplier(Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200), default="")
    tax_id: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    lead_time_days: Mapped[int] = mapped_column(Integer, default=7)
    # When its invoices fall due: immediate, cod or netN, as PaymentTerms reads them.
    payment_terms: Mapped[str] = mapped_column(String(16), default="net30", server_default="net30")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReorderRule(Base):
    """When and how much to buy of one product for one warehouse.

    min_qty is the safety stock kept on top of the demand expected over the lead time;
    max_qty (0 = no cap) is what on hand plus on order may reach after a purchase.
    """

    __tablename__ = "reorder_rules"
    __table_args__ = (
        UniqueConstraint("product_id", "warehouse_id", name="uq_reorder_rules_product_wh"),
        CheckConstraint("min_qty >= 0", name="min_not_negative"),
        CheckConstraint("max_qty = 0 OR max_qty >= min_qty", name="max_at_least_min"),
        CheckConstraint("lead_time_days >= 0", name="lead_time_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    min_qty: Mapped[int] = mapped_column(Integer, default=0)
    max_qty: Mapped[int] = mapped_column(Integer, default=0)
    lead_time_days: Mapped[int] = mapped_column(Integer, default=7)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"))
    unit_cost: Mapped[int] = mapped_column(Integer, default=0)


class ChannelRule(Base):
    """A channel prefers (tried first, by priority) or excludes one warehouse."""

    __tablename__ = "channel_rules"
    __table_args__ = (
        UniqueConstraint("channel_id", "warehouse_id", name="uq_channel_rules_channel_wh"),
        CheckConstraint("kind IN ('prefer', 'exclude')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    kind: Mapped[str] = mapped_column(String(8))
    priority: Mapped[int] = mapped_column(Integer, default=100)


class Transfer(Base):
    """Stock on its way between two warehouses: out of the origin at dispatch, in at receipt."""

    __tablename__ = "transfers"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("from_warehouse_id <> to_warehouse_id", name="different_warehouses"),
        Index("ix_transfers_status", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    from_warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    to_warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    qty: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=TransferStatus.IN_TRANSIT.value)
    reason: Mapped[str] = mapped_column(String(200), default="")
    dispatched_at: Mapped[datetime] = mapped_column(default=utcnow)
    received_at: Mapped[datetime | None] = mapped_column()


class PurchaseOrder(Base):
    __tablename__ = "purchase_orders"
    __table_args__ = (Index("ix_purchase_orders_status", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    status: Mapped[str] = mapped_column(String(12), default=PurchaseStatus.DRAFT.value)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column()
    expected_at: Mapped[datetime | None] = mapped_column()

    lines: Mapped[list[PurchaseOrderLine]] = relationship(
        back_populates="purchase_order", cascade="all, delete-orphan",
        order_by="PurchaseOrderLine.line_no",
    )


class PurchaseOrderLine(Base):
    __tablename__ = "purchase_order_lines"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("qty_received >= 0 AND qty_received <= qty", name="received_within_qty"),
        CheckConstraint("unit_cost >= 0", name="cost_not_negative"),
        Index("ix_purchase_order_lines_product", "product_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    purchase_order_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty: Mapped[int] = mapped_column(Integer)
    qty_received: Mapped[int] = mapped_column(Integer, default=0)
    unit_cost: Mapped[int] = mapped_column(Integer, default=0)

    purchase_order: Mapped[PurchaseOrder] = relationship(back_populates="lines")

    @property
    def qty_open(self) -> int:
        return self.qty - self.qty_received
