"""Outbound webhooks: who is told of which events (subscriptions) and what each POST got (the log).

The signing secret of a subscription lives in the keyring only (sync/secrets.py), never here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow


class WebhookSubscription(Base):
    __tablename__ = "webhook_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(500))
    # Event names (services/webhooks.py EVENTS) this receiver is told of.
    events: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebhookAttempt(Base):
    """One POST to a receiver (a delivery or a test): kept after its subscription is removed."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_at", "at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # No foreign keys: the log outlives removed subscriptions and cleaned-up outbox rows.
    subscription_id: Mapped[int] = mapped_column(Integer)
    outbox_id: Mapped[int | None] = mapped_column(Integer, index=True)
    event: Mapped[str] = mapped_column(String(40))
    delivery: Mapped[str] = mapped_column(String(120), default="")
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    status_code: Mapped[int | None] = mapped_column(Integer)
    # delivered, retry (tried again later) or parked (given up; the exceptions inbox shows it)
    outcome: Mapped[str] = mapped_column(String(12))
    error: Mapped[str] = mapped_column(Text, default="")
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
