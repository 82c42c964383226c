"""Outbox backlog and recent messages, per channel, for the status bar and the Sync view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omsdesk.models import Channel, OutboxMessage


@dataclass(frozen=True)
class OutboxRow:
    id: int
    created_at: datetime
    topic: str
    channel: str
    key: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str


@dataclass(frozen=True)
class ChannelHealth:
    code: str
    name: str
    kind: str
    active: bool
    pending: int
    failed: int
    last_delivered: datetime | None
    last_error: str


def outbox_backlog(session: Session) -> int:
    """Messages still waiting to be delivered."""
    return int(session.scalar(select(func.count()).select_from(OutboxMessage)
                              .where(OutboxMessage.status == "pending")) or 0)


def outbox_rows(session: Session, *, status: str | None = None, limit: int = 500) -> list[OutboxRow]:
    stmt = (select(OutboxMessage.id, OutboxMessage.created_at, OutboxMessage.topic,
                   func.coalesce(Channel.code, ""), OutboxMessage.key, OutboxMessage.status,
                   OutboxMessage.attempts, OutboxMessage.next_attempt_at, OutboxMessage.last_error)
            .outerjoin(Channel, Channel.id == OutboxMessage.channel_id))
    if status:
        stmt = stmt.where(OutboxMessage.status == status)
    return [OutboxRow(*r) for r in session.execute(stmt.order_by(OutboxMessage.id.desc()).limit(limit)).all()]


def channel_health(session: Session) -> list[ChannelHealth]:
    """Per channel: its outbox backlog, failures, last delivery and the latest error."""
    counts: dict[tuple[int | None, str], int] = {
        (cid, st): int(n) for cid, st, n in session.execute(
            select(OutboxMessage.channel_id, OutboxMessage.status, func.count())
            .group_by(OutboxMessage.channel_id, OutboxMessage.status)).all()}
    delivered = {cid: at for cid, at in session.execute(
        select(OutboxMessage.channel_id, func.max(OutboxMessage.delivered_at))
        .group_by(OutboxMessage.channel_id)).all()}
    result = []
    for ch in session.scalars(select(Channel).order_by(Channel.code)):
        err = session.scalar(select(OutboxMessage.last_error).where(
            OutboxMessage.channel_id == ch.id, OutboxMessage.last_error != "")
            .order_by(OutboxMessage.id.desc()).limit(1)) or ""
        result.append(ChannelHealth(ch.code, ch.name, ch.kind, ch.active, counts.get((ch.id, "pending"), 0),
                                    counts.get((ch.id, "failed"), 0), delivered.get(ch.id), err))
    if any(cid is None for cid, _status in counts):
        # Stock and ERP messages belong to no single channel; without this row they'd go uncounted.
        err = session.scalar(select(OutboxMessage.last_error).where(
            OutboxMessage.channel_id.is_(None), OutboxMessage.last_error != "")
            .order_by(OutboxMessage.id.desc()).limit(1)) or ""
        result.append(ChannelHealth("", "(no channel: stock, ERP)", "", True, counts.get((None, "pending"), 0),
                                    counts.get((None, "failed"), 0), delivered.get(None), err))
    return result
