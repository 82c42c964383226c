"""Saved batches: which orders one batch run (an allocation, a print run ...) took and how each ended.

Kept so the clerk can reopen "the 200 just allocated" to print their slips, or the ones that failed
to try again, after the queue has moved on.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow

BATCH_OUTCOMES = ("done", "failed", "cancelled")


class SavedBatch(Base):
    __tablename__ = "saved_batches"
    __table_args__ = (Index("ix_saved_batches_finished", "finished_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # A workflow action (allocate, ship ...) or print_packing_slip / print_label.
    kind: Mapped[str] = mapped_column(String(32))
    user: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(64))
    finished_at: Mapped[datetime] = mapped_column(default=utcnow)
    done: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    cancelled: Mapped[int] = mapped_column(Integer, default=0)


class SavedBatchOrder(Base):
    __tablename__ = "saved_batch_orders"
    __table_args__ = (
        CheckConstraint("outcome IN ('done', 'failed', 'cancelled')", name="outcome_known"),
        Index("ix_saved_batch_orders_batch", "batch_id", "order_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("saved_batches.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(12))
    message: Mapped[str] = mapped_column(Text, default="")
