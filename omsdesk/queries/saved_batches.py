"""The batch runs a clerk can reopen, newest first, and the orders of one of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.models import NotFound, Order
from omsdesk.models.saved_batch import SavedBatch, SavedBatchOrder


@dataclass(frozen=True)
class BatchRow:
    id: int
    kind: str
    user: str
    workstation: str
    finished_at: datetime
    done: int
    failed: int
    cancelled: int


@dataclass(frozen=True)
class BatchOrderRow:
    reference: str
    outcome: str
    message: str


def _row(b: SavedBatch) -> BatchRow:
    return BatchRow(b.id, b.kind, b.user, b.workstation, b.finished_at, b.done, b.failed, b.cancelled)


def recent_batches(session: Session, *, limit: int = 20, workstation: str | None = None) -> list[BatchRow]:
    stmt = select(SavedBatch).order_by(SavedBatch.id.desc()).limit(limit)
    if workstation is not None:
        stmt = stmt.where(SavedBatch.workstation == workstation)
    return [_row(b) for b in session.scalars(stmt)]


def batch(session: Session, batch_id: int) -> BatchRow:
    found = session.get(SavedBatch, batch_id)
    if found is None:
        raise NotFound(f"no saved batch {batch_id} (only the newest 200 are kept)")
    return _row(found)


def batch_orders(session: Session, batch_id: int, outcome: str | None = None) -> list[BatchOrderRow]:
    batch(session, batch_id)
    stmt = (select(Order.reference, SavedBatchOrder.outcome, SavedBatchOrder.message)
            .join(Order, Order.id == SavedBatchOrder.order_id)
            .where(SavedBatchOrder.batch_id == batch_id).order_by(SavedBatchOrder.id))
    if outcome is not None:
        stmt = stmt.where(SavedBatchOrder.outcome == outcome)
    return [BatchOrderRow(*r) for r in session.execute(stmt)]
