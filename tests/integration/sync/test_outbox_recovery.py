"""Claims left 'sending' by a dead process are due again as soon as a process takes the sync
lock, not when their lease runs out (issue 12.4); a claim of the live holder is left alone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import OutboxMessage
from omsdesk.models.base import utcnow
from omsdesk.services.outbox import enqueue
from omsdesk.sync.scheduler import SyncScheduler


def left_in_flight(db: Database) -> int:
    """A claim as a process killed mid-delivery leaves it: its 5-minute lease still running."""
    with db.write() as s:
        msg = enqueue(s, "fulfillment.push", {"order": "SO-2026-000001", "external_id": "7"},
                      key="order:1", idempotency_key="fulfillment:SO-2026-000001:1")
        msg.status, msg.next_attempt_at = "sending", utcnow() + timedelta(minutes=5)
        msg.attempts = 2
        s.flush()
        return msg.id


def state(db: Database, mid: int) -> tuple[str, bool, int]:
    with db.read() as s:
        msg = s.scalars(select(OutboxMessage).where(OutboxMessage.id == mid)).one()
        return msg.status, msg.next_attempt_at <= utcnow(), msg.attempts


def test_starting_the_daemon_makes_claims_of_a_dead_process_due_now(db: Database) -> None:
    mid = left_in_flight(db)
    scheduler = SyncScheduler(db)
    try:
        assert scheduler.start()  # takes the sync lock: nobody else can be sending
        assert state(db, mid) == ("pending", True, 2)  # due now, attempts not spent
    finally:
        scheduler.shutdown(wait=False)


def test_sync_once_makes_them_due_now_too(db: Database) -> None:
    mid = left_in_flight(db)
    SyncScheduler(db).run_once()
    assert state(db, mid)[:2] == ("pending", True)


def test_a_run_inside_the_lock_holder_leaves_its_own_claims_alone(db: Database) -> None:
    scheduler = SyncScheduler(db)
    try:
        assert scheduler.start()
        mid = left_in_flight(db)  # claimed by this live process, e.g. a drain in progress
        scheduler.run_once()  # "Sync now" while the daemon runs: the lock is already held
        assert state(db, mid)[:2] == ("sending", False)
    finally:
        scheduler.shutdown(wait=False)
