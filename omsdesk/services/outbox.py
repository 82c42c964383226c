"""Queues effects outside the database (pushes to shops and the ERP) in the causing transaction."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from omsdesk.models import OutboxMessage
from omsdesk.models.base import utcnow
from omsdesk.services.rows import insert_many


def enqueue(
    session: Session,
    topic: str,
    payload: dict[str, Any],
    *,
    key: str = "",
    channel_id: int | None = None,
    idempotency_key: str | None = None,
) -> OutboxMessage:
    """Add a message that the sync dispatcher delivers later, with an idempotency key."""
    msg = OutboxMessage(
        topic=topic, payload=payload, key=key, channel_id=channel_id,
        idempotency_key=idempotency_key or f"{topic}:{uuid.uuid4().hex}",
    )
    session.add(msg)
    return msg


def stock_changed(session: Session, skus: set[str]) -> None:
    """Available-to-sell moved for these SKUs; the dispatcher coalesces to the latest per SKU."""
    if not skus:
        return
    now = utcnow()
    # One executemany: a batch import can touch hundreds of SKUs at once.
    insert_many(session.connection(), cast(Table, OutboxMessage.__table__), [
        {"topic": "stock.changed", "payload": {"sku": sku}, "key": f"stock:{sku}", "channel_id": None,
         "idempotency_key": f"stock.changed:{uuid.uuid4().hex}", "status": "pending", "attempts": 0,
         "created_at": now, "next_attempt_at": now, "last_error": ""}
        for sku in sorted(skus)
    ])
