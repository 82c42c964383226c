"""Automatic invoicing: when each channel or customer is invoiced, and the report of each run."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow


class InvoiceWhen(StrEnum):
    MANUAL = "manual"    # by hand, from the order or `invoices issue`
    SHIPPED = "shipped"  # each parcel (or the whole order) once it has left
    PAID = "paid"        # the whole order once it is fully paid
    MONTHLY = "monthly"  # one invoice per customer per calendar month of shipped orders (B2B)


class InvoicingPolicy(Base):
    """When orders of one channel, or of one customer, are invoiced; the customer's row wins."""

    __tablename__ = "invoicing_policies"
    __table_args__ = (
        CheckConstraint("(channel_id IS NULL) <> (customer_id IS NULL)", name="one_owner"),
        CheckConstraint("invoice_when IN ('manual', 'shipped', 'paid', 'monthly')", name="when_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channels.id"), unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), unique=True)
    invoice_when: Mapped[str] = mapped_column(String(12))
    # A consumer without a tax id gets a simplified invoice (within the company's limit) instead
    # of being skipped; off for channels that only sell to businesses.
    simplified_for_consumers: Mapped[bool] = mapped_column(Boolean, default=True)
    user: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AutoInvoiceRun(Base):
    """One run of the automatic invoicing job: what it issued and why it skipped the rest."""

    __tablename__ = "auto_invoice_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="running")  # running|done|cancelled|failed
    issued: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    user: Mapped[str] = mapped_column(String(64), default="")
    workstation: Mapped[str] = mapped_column(String(64), default="")
    # [{"order": ref or "", "customer": name, "outcome": "issued"|"skipped", "invoice": number,
    #   "reason": code, "detail": text}, ...]
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
