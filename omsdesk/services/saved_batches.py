"""Keeps each batch run (which orders, how each ended) so it can be reopened; the newest 200 stay."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select

from omsdesk.db import Database
from omsdesk.models import Order, ValidationError
from omsdesk.models.saved_batch import SavedBatch, SavedBatchOrder
from omsdesk.services.context import Actor

KEEP = 200
# The batch kinds a clerk runs: the queue's batch actions and its two print runs.
BATCH_KINDS = ("allocate", "ship", "hold", "release", "cancel", "pick", "pack", "print_packing_slip",
               "print_label")
_CHUNK = 500


def save_batch(db: Database, kind: str, *, done: Sequence[str], failed: Sequence[tuple[str, str]] = (),
               cancelled: Sequence[str] = (), actor: Actor) -> int | None:
    """Record one finished batch; None when it took no order at all (nothing to reopen)."""
    if kind not in BATCH_KINDS:
        raise ValidationError(f"unknown batch kind '{kind}' (one of {', '.join(BATCH_KINDS)})")
    outcomes: dict[str, tuple[str, str]] = {}
    for ref in cancelled:
        outcomes[ref] = ("cancelled", "")
    for ref, message in failed:
        outcomes[ref] = ("failed", message)
    for ref in done:
        outcomes[ref] = ("done", "")
    if not outcomes:
        return None
    with db.write() as s:
        ids: dict[str, int] = {}
        refs = list(outcomes)
        for i in range(0, len(refs), _CHUNK):
            ids.update(s.execute(select(Order.reference, Order.id)
                                 .where(Order.reference.in_(refs[i:i + _CHUNK]))).all())
        counts = {o: sum(1 for r, (out, _m) in outcomes.items() if out == o and r in ids)
                  for o in ("done", "failed", "cancelled")}
        batch = SavedBatch(kind=kind, user=actor.user, workstation=actor.workstation, **counts)
        s.add(batch)
        s.flush()
        s.add_all([SavedBatchOrder(batch_id=batch.id, order_id=ids[ref], outcome=out, message=msg[:2000])
                   for ref, (out, msg) in outcomes.items() if ref in ids])
        # Only recent runs are worth reopening; older ones would only grow the table.
        cutoff = s.scalar(select(SavedBatch.id).order_by(SavedBatch.id.desc()).offset(KEEP).limit(1))
        if cutoff is not None:
            old = select(SavedBatch.id).where(SavedBatch.id <= cutoff)
            s.execute(delete(SavedBatchOrder).where(SavedBatchOrder.batch_id.in_(old)))
            s.execute(delete(SavedBatch).where(SavedBatch.id <= cutoff))
        return batch.id
