"""Returns (RMA): goods coming back from a shipment, each line with what becomes of it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omsdesk.models.base import Base, utcnow


class Disposition(StrEnum):
    # Back on the shelf, sellable again.
    RESTOCK = "restock"
    # Kept, but not sellable: counted apart as damaged stock of the warehouse.
    DAMAGED = "damaged"
    # Thrown away: booked in and written off with a ledger move.
    SCRAP = "scrap"


class ReturnAuthorization(Base):
    """One return of goods (RMA-2026-000001): from which order and parcel, why, into which warehouse."""

    __tablename__ = "returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    user: Mapped[str] = mapped_column(String(64), default="")
    workstation: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    lines: Mapped[list[ReturnLine]] = relationship(back_populates="rma", cascade="all, delete-orphan",
                                                   order_by="ReturnLine.id")


class ReturnLine(Base):
    __tablename__ = "return_lines"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("disposition IN ('restock', 'damaged', 'scrap')", name="disposition_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    # The warehouse the units left from, and come back to.
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    qty: Mapped[int] = mapped_column(Integer)
    disposition: Mapped[str] = mapped_column(String(16))

    rma: Mapped[ReturnAuthorization] = relationship(back_populates="lines")
