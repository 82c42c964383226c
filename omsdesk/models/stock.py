"""Stock: an append-only ledger of moves, cached levels per product and warehouse, reservations."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow


class MoveKind(StrEnum):
    RECEIPT = "receipt"
    SALE = "sale"
    TRANSFER_OUT = "transfer_out"
    TRANSFER_IN = "transfer_in"
    ADJUSTMENT = "adjustment"
    RETURN = "return"
    # A returned unit set apart as damaged (not sellable) or written off: out of on-hand stock.
    DAMAGED = "damaged"
    SCRAP = "scrap"


class StockLevel(Base):
    """Cached on-hand and reserved per product and warehouse; must always equal the ledger.

    The ledger's conditional UPDATEs keep ordinary work from overselling. On hand may go
    below zero only by a replayed offline counter sale (the goods already left the shop while
    the server was down); the exceptions inbox lists every such level until it is counted.
    """

    __tablename__ = "stock_levels"
    __table_args__ = (
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        CheckConstraint("safety_buffer >= 0", name="buffer_not_negative"),
    )

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), primary_key=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    safety_buffer: Mapped[int] = mapped_column(Integer, default=0)
    # Returned damaged units kept in this warehouse: counted, never on hand for sale.
    damaged: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reorder_point: Mapped[int] = mapped_column(Integer, default=0)
    bin: Mapped[str] = mapped_column(String(32), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved - self.safety_buffer


class StockMove(Base):
    """One signed change of on-hand stock. Never updated or deleted."""

    __tablename__ = "stock_moves"
    __table_args__ = (
        CheckConstraint("qty <> 0", name="qty_not_zero"),
        Index("ix_stock_moves_product_wh", "product_id", "warehouse_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    qty: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(200), default="")
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    user: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Reservation(Base):
    """Stock promised to one order line in one warehouse; sums to StockLevel.reserved."""

    __tablename__ = "reservations"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        Index("ix_reservations_product_wh", "product_id", "warehouse_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    qty: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
