"""Counter sales made while the server was down: each workstation's receipt series and the
sales its journal has replayed (issue 17 point 4)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow


class CounterSeries(Base):
    """The simplified-invoice series one workstation owns and how far its numbers are reserved.

    Only that workstation issues in its series, so the numbers it reserved while online can be
    printed offline and issued later without ever clashing or leaving a hole (RD 1619/2012
    art. 6.1.a allows several series). `reserved_to` is the last number handed to the
    workstation for `year`; numbers it has not used stay its own and are used later.
    """

    __tablename__ = "counter_series"

    workstation: Mapped[str] = mapped_column(String(64), primary_key=True)
    series: Mapped[str] = mapped_column(String(8), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    reserved_to: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CounterReplay(Base):
    """One offline sale applied on the server: (workstation, journal sequence) is unique, so a
    replay interrupted after its commit and run again finds it here and applies nothing twice."""

    __tablename__ = "counter_replays"
    __table_args__ = (UniqueConstraint("workstation", "journal_seq", name="uq_counter_replays_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workstation: Mapped[str] = mapped_column(String(64))
    journal_seq: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    invoice_number: Mapped[str] = mapped_column(String(32), default="")
    sold_at: Mapped[datetime] = mapped_column()
    replayed_at: Mapped[datetime] = mapped_column(default=utcnow)
