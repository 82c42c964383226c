"""Exceptions inbox items a person dismissed with a note, until their cause changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow


class ExceptionDismissal(Base):
    """One dismissed inbox item: the item (kind, key) and a digest of its cause when dismissed.

    The inbox hides the item while its cause digests the same; a new cause (another error, a
    later ship-by, more units short) brings it back, and the note stays as its history.
    """

    __tablename__ = "exception_dismissals"
    __table_args__ = (UniqueConstraint("kind", "key", "cause", name="uq_exception_dismissals_cause"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(120))
    cause: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text)
    user: Mapped[str] = mapped_column(String(64), default="")
    workstation: Mapped[str] = mapped_column(String(64), default="")
    dismissed_at: Mapped[datetime] = mapped_column(default=utcnow)
