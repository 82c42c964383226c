"""Accounts payable: supplier invoices matched to purchase orders and receipts, and their payments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omsdesk.models.base import Base, utcnow


class SupplierInvoice(Base):
    """A supplier's invoice as received; the number is the supplier's own, unique per supplier."""

    __tablename__ = "supplier_invoices"
    __table_args__ = (
        UniqueConstraint("supplier_id", "number", name="uq_supplier_invoices_supplier_number"),
        Index("ix_supplier_invoices_due", "due_date", "id"),
        CheckConstraint("total = total_net + total_tax", name="totals_add_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    purchase_order_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id"), index=True)
    number: Mapped[str] = mapped_column(String(60))
    invoice_date: Mapped[date] = mapped_column()
    due_date: Mapped[date] = mapped_column()
    currency: Mapped[str] = mapped_column(String(3))
    total_net: Mapped[int] = mapped_column(Integer)
    total_tax: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    # The three-way match found a difference: payment waits until someone approves it.
    has_differences: Mapped[bool] = mapped_column(Boolean, default=False)
    approved_at: Mapped[datetime | None] = mapped_column()
    approved_by: Mapped[str] = mapped_column(String(64), default="")
    approval_reason: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(String(500), default="")
    user: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    lines: Mapped[list[SupplierInvoiceLine]] = relationship(
        back_populates="invoice", cascade="all, delete-orphan", order_by="SupplierInvoiceLine.line_no")
    taxes: Mapped[list[SupplierInvoiceTax]] = relationship(
        cascade="all, delete-orphan", order_by="SupplierInvoiceTax.rate_bp")
    payments: Mapped[list[SupplierPayment]] = relationship(
        cascade="all, delete-orphan", order_by="SupplierPayment.id")


class SupplierInvoiceLine(Base):
    """One invoiced line and what the purchase order and the receipts said when it was recorded."""

    __tablename__ = "supplier_invoice_lines"
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"),
                      CheckConstraint("unit_price >= 0", name="price_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_invoice_id: Mapped[int] = mapped_column(ForeignKey("supplier_invoices.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    purchase_order_line_id: Mapped[int] = mapped_column(ForeignKey("purchase_order_lines.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    qty: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    tax_rate_bp: Mapped[int] = mapped_column(Integer)
    net: Mapped[int] = mapped_column(Integer)
    ordered_qty: Mapped[int] = mapped_column(Integer)
    received_qty: Mapped[int] = mapped_column(Integer)
    # Units of this PO line on earlier supplier invoices: the match is on the running total.
    previously_invoiced: Mapped[int] = mapped_column(Integer, default=0)
    ordered_price: Mapped[int] = mapped_column(Integer)
    # Comma-separated difference codes: over_received, over_ordered, price (empty when matched).
    differences: Mapped[str] = mapped_column(String(100), default="")

    invoice: Mapped[SupplierInvoice] = relationship(back_populates="lines")


class SupplierInvoiceTax(Base):
    """Taxable base and input VAT of one rate on one supplier invoice."""

    __tablename__ = "supplier_invoice_taxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_invoice_id: Mapped[int] = mapped_column(ForeignKey("supplier_invoices.id"), index=True)
    rate_bp: Mapped[int] = mapped_column(Integer)
    base: Mapped[int] = mapped_column(Integer)
    tax: Mapped[int] = mapped_column(Integer)


class SupplierPayment(Base):
    """Money paid to a supplier against one of its invoices (part or all of it)."""

    __tablename__ = "supplier_payments"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_invoice_id: Mapped[int] = mapped_column(ForeignKey("supplier_invoices.id"), index=True)
    amount: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(20), default="transfer")
    reference: Mapped[str] = mapped_column(String(100), default="")
    paid_at: Mapped[datetime] = mapped_column(default=utcnow)
    user: Mapped[str] = mapped_column(String(64), default="")
