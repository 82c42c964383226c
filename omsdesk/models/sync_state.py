"""Sync bookkeeping: links to shop orders, the quarantine, sync runs and per-channel health."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow

QUARANTINE_KINDS = ("unreadable", "unmapped", "invalid", "conflict", "response")


class ChannelOrderLink(Base):
    """The shop side of an imported order: version seen, shop line ids, shop status."""

    __tablename__ = "channel_order_links"
    __table_args__ = (UniqueConstraint("channel_id", "external_id",
                                       name="uq_channel_order_links_channel_external"),)

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id"))
    external_id: Mapped[str] = mapped_column(String(64))
    external_number: Mapped[str] = mapped_column(String(64), default="")
    external_updated_at: Mapped[datetime] = mapped_column()
    # Shop line id per local line number (index 0 is line 1), for partial fulfilments.
    line_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    shop_status: Mapped[str] = mapped_column(String(40), default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    shipping_total: Mapped[int] = mapped_column(Integer, default=0)


class QuarantinedOrder(Base):
    """A shop order (or answer) that could not be imported, with its payload and the reason."""

    __tablename__ = "sync_quarantine"
    __table_args__ = (
        UniqueConstraint("channel_id", "external_id", "kind", name="uq_sync_quarantine_key"),
        Index("ix_sync_quarantine_open", "status", "channel_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id"))
    external_id: Mapped[str | None] = mapped_column(String(64))
    external_number: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The normalised order, when the connector could read it: re-import needs no new fetch.
    normalized: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default="open")
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    seen_count: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column()


class SyncRun(Base):
    """One run of one job on one channel, with its counts; what the Sync view lists."""

    __tablename__ = "sync_runs"
    __table_args__ = (Index("ix_sync_runs_channel", "channel_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id"))
    job: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(12), default="running")
    fetched: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    quarantined: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    delivered: Mapped[int] = mapped_column(Integer, default=0)
    cursor_before: Mapped[str] = mapped_column(String(64), default="")
    cursor_after: Mapped[str] = mapped_column(String(64), default="")
    error: Mapped[str] = mapped_column(Text, default="")


class ChannelSyncState(Base):
    """Where a channel's order pull stands and how healthy the channel is."""

    __tablename__ = "channel_sync_state"

    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id"), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(64), default="")
    last_attempt_at: Mapped[datetime | None] = mapped_column()
    last_success_at: Mapped[datetime | None] = mapped_column()
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    credentials_invalid: Mapped[bool] = mapped_column(Boolean, default=False)
    # A wrong address, certificate or API path: not retried while the channel's settings
    # fingerprint is still `config_fingerprint` (see Channel.settings_fingerprint).
    config_invalid: Mapped[bool] = mapped_column(Boolean, default=False)
    config_fingerprint: Mapped[str] = mapped_column(String(32), default="")
    last_error: Mapped[str] = mapped_column(Text, default="")
    warnings: Mapped[str] = mapped_column(Text, default="")
