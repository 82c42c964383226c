"""Claimed pick work and the sync leader: who holds what on a shared database, and since when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow

CLAIM_STATES = ("active", "done", "released", "expired")


class PickClaim(Base):
    """A wave one bench took: its parcels carry `claim_id` while the claim is active.

    The holding desk refreshes `heartbeat_at`; a claim whose desk stopped doing so for
    longer than the timeout expires when the next wave is claimed, and its parcels go back
    to the pool. Rows stay after the claim ends, as the history of who picked what.
    """

    __tablename__ = "pick_claims"
    __table_args__ = (
        CheckConstraint("state IN ('active', 'done', 'released', 'expired')", name="state_known"),
        CheckConstraint("(ended_at IS NULL) = (state = 'active')", name="ended_when_not_active"),
        Index("ix_pick_claims_state_heartbeat", "state", "heartbeat_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    warehouse_id: Mapped[int] = mapped_column(Integer)
    workstation: Mapped[str] = mapped_column(String(100))
    user: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(10), default="active")
    parcels: Mapped[int] = mapped_column(Integer, default=0)  # how many it took
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column()


class SyncLeader(Base):
    """The process holding the sync advisory lock on PostgreSQL, as it announced itself.

    One row (id 1), written by the leader right after taking the lock. Whether that leader
    is still alive is pg_locks' word (its backend pid holds the lock), never this row's alone.
    """

    __tablename__ = "sync_leader"

    id: Mapped[int] = mapped_column(primary_key=True)
    workstation: Mapped[str] = mapped_column(String(100))
    pid: Mapped[int] = mapped_column(Integer)  # the operating-system process
    backend_pid: Mapped[int] = mapped_column(Integer)  # the PostgreSQL session holding the lock
    since: Mapped[datetime] = mapped_column(default=utcnow)
