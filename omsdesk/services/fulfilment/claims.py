"""Claimed pick work: a bench takes the next wave, heartbeats it, and gives it back or finishes it.

On PostgreSQL the open parcels are taken with `SELECT ... FOR UPDATE SKIP LOCKED`: two
benches claiming at the same instant each lock different rows and never wait for each other,
and a parcel carries the id of the one claim holding it. On SQLite (one desk) the write
transaction alone is enough; the same functions serve both.

A claim lives while its desk heartbeats it. Whoever claims next first expires the claims
whose desk has been silent for longer than the timeout (a crash, a pulled cable), returning
their parcels to the pool, so no daemon is needed to clean up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    ConflictError,
    Order,
    OrderStatus,
    ParcelStatus,
    Shipment,
    ValidationError,
)
from omsdesk.models.base import utcnow
from omsdesk.models.claims import PickClaim
from omsdesk.queries.picking import PICKABLE, WaveOrder, pickable_orders
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.status import set_status
from omsdesk.services.ledger.stock import warehouse_by_code

DEFAULT_TIMEOUT = timedelta(minutes=2)


class NothingToClaim(ValidationError):
    """No parcel waits in the pool of that warehouse."""


class ClaimedByAnotherBench(ConflictError):
    """A parcel is in another bench's live claim: that bench picks it."""

    def __init__(self, reference: str, claim: PickClaim, silent_s: float) -> None:
        super().__init__(
            f"order {reference} is claimed by {claim.workstation}/{claim.user} (wave {claim.name}, "
            f"heard {silent_s:.0f} s ago): that bench picks it; release the wave first "
            f"(omsdesk waves release {claim.id}) or wait until its claim expires")
        self.reference = reference
        self.workstation = claim.workstation
        self.user = claim.user
        self.claim_id = claim.id


@dataclass(frozen=True)
class ClaimedWave:
    id: int
    name: str
    warehouse: str
    workstation: str
    user: str
    claimed_at: datetime
    orders: tuple[WaveOrder, ...]
    parcel_ids: tuple[int, ...]
    expired: tuple[int, ...]  # claims of silent desks returned to the pool on the way

    @property
    def references(self) -> tuple[str, ...]:
        return tuple(o.reference for o in self.orders)


def claim_wave(db: Database, *, actor: Actor, warehouse: str, size: int = 20,
               timeout: timedelta = DEFAULT_TIMEOUT, now: datetime | None = None) -> ClaimedWave:
    """Take the next `size` parcels waiting in `warehouse` (ship-by first) for this bench."""
    if size < 1:
        raise ValidationError("a wave needs at least one order")
    if timeout <= timedelta(0):
        raise ValidationError("the claim timeout must be longer than zero")
    now = now or utcnow()
    with db.write() as s:
        expired = expire_stale_in(s, now - timeout, actor=actor, now=now)
        wh = warehouse_by_code(s, warehouse)
        stmt = (select(Shipment.id, Shipment.order_id)
                .join(Order, Order.id == Shipment.order_id)
                .where(Shipment.warehouse_id == wh.id, Shipment.status == ParcelStatus.OPEN.value,
                       Shipment.claim_id.is_(None), Order.status.in_(PICKABLE))
                .order_by(Order.ship_by.is_(None), Order.ship_by, Order.placed_at, Order.id)
                .limit(size))
        if s.get_bind().dialect.name == "postgresql":
            # Rows another bench is claiming right now are passed over, not waited for.
            stmt = stmt.with_for_update(skip_locked=True, of=Shipment)
        taken = s.execute(stmt).all()
        if not taken:
            raise NothingToClaim(f"no order waits to be picked in {wh.code}")
        claim = PickClaim(name="", warehouse_id=wh.id, workstation=actor.workstation, user=actor.user,
                          state="active", parcels=len(taken), claimed_at=now, heartbeat_at=now)
        s.add(claim)
        s.flush()
        claim.name = f"W-{now:%Y%m%d}-{claim.id}"
        parcel_ids = [pid for pid, _oid in taken]
        s.execute(update(Shipment).where(Shipment.id.in_(parcel_ids)).values(claim_id=claim.id)
                  .execution_options(synchronize_session=False))
        orders = {o.id: o for o in s.scalars(select(Order).where(Order.id.in_([o for _p, o in taken])))}
        refs = [orders[oid].reference for _pid, oid in taken]
        for _pid, oid in taken:
            order = orders[oid]
            audit.record(s, actor, entity="order", entity_id=order.id, reference=order.reference,
                         action="claim", from_status=order.status, to_status=order.status,
                         reason=f"wave {claim.name} in {wh.code}")
        wave = tuple(pickable_orders(s, refs))
        return ClaimedWave(claim.id, claim.name, wh.code, claim.workstation, claim.user, now, wave,
                           tuple(parcel_ids), tuple(expired))


def heartbeat(db: Database, workstation: str, *, now: datetime | None = None) -> set[int]:
    """This desk is alive: refresh its active claims; returns the ids still active.

    A claim missing from the answer was expired by another bench (this desk was silent too
    long) and its orders are in the pool again.
    """
    now = now or utcnow()
    with db.write() as s:
        s.execute(update(PickClaim).where(PickClaim.workstation == workstation, PickClaim.state == "active")
                  .values(heartbeat_at=now).execution_options(synchronize_session=False))
        return set(s.scalars(select(PickClaim.id).where(PickClaim.workstation == workstation,
                                                         PickClaim.state == "active")))


def release_claim(db: Database, claim_id: int, *, actor: Actor, reason: str = "") -> int:
    """Give a claim's parcels back to the pool (a picker stops, a supervisor frees a dead bench).

    Returns how many parcels went back; a parcel already packed is not the claim's any more.
    """
    with db.write() as s:
        claim = s.get(PickClaim, claim_id)
        if claim is None:
            raise ValidationError(f"there is no wave claim {claim_id}")
        if claim.state != "active":
            raise ValidationError(f"wave claim {claim_id} ({claim.name}) has already ended: {claim.state}")
        return end_claim_in(s, claim, "released", actor=actor,
                            reason=reason or f"wave {claim.name} released")


def claim_holders_in(session: Session, parcels: Iterable[Shipment], *, actor: Actor,
                     timeout: timedelta = DEFAULT_TIMEOUT, now: datetime | None = None) -> dict[int, PickClaim]:
    """The claim rule every picker obeys (pick list, wave, `orders pick`, the desks' simulation):
    parcel id -> the live claim of another bench that keeps this bench from picking it.

    A parcel outside any claim, in this workstation's own claim (a restart) or in a claim that
    has ended is free. A claim whose bench has been silent for longer than `timeout` does not
    block either: it is expired on the way (its parcels return to the pool, as the next
    `claim_wave` would have done), so the silent bench cannot pack them later as well.
    """
    chosen = [p for p in parcels if p.claim_id is not None]
    if not chosen:
        return {}
    now = now or utcnow()
    stmt = select(PickClaim).where(PickClaim.id.in_(sorted({p.claim_id for p in chosen})),
                                   PickClaim.state == "active")
    if session.get_bind().dialect.name == "postgresql":
        # The holder's heartbeat or end cannot change under the decision.
        stmt = stmt.with_for_update()
    live: dict[int, PickClaim] = {}
    for claim in session.scalars(stmt.order_by(PickClaim.id)):
        if claim.workstation == actor.workstation:
            continue
        if claim.heartbeat_at < now - timeout:
            _expire_in(session, claim, actor=actor, now=now)
            continue
        live[claim.id] = claim
    return {p.id: live[p.claim_id] for p in chosen if p.claim_id in live}


def refuse_claimed_in(session: Session, reference: str, parcels: Iterable[Shipment], *, actor: Actor,
                      timeout: timedelta = DEFAULT_TIMEOUT, now: datetime | None = None) -> None:
    """Raise ClaimedByAnotherBench when another bench's live claim holds one of these parcels."""
    now = now or utcnow()
    held = claim_holders_in(session, parcels, actor=actor, timeout=timeout, now=now)
    if held:
        claim = next(iter(held.values()))
        raise ClaimedByAnotherBench(reference, claim, (now - claim.heartbeat_at).total_seconds())


def _expire_in(session: Session, claim: PickClaim, *, actor: Actor, now: datetime | None) -> None:
    end_claim_in(session, claim, "expired", actor=actor, now=now,
                 reason=f"wave {claim.name} of {claim.workstation}/{claim.user} expired: "
                        f"no heartbeat since {claim.heartbeat_at:%Y-%m-%d %H:%M:%S} UTC")


def expire_stale_in(session: Session, cutoff: datetime, *, actor: Actor,
                    now: datetime | None = None) -> list[int]:
    """End every active claim last heard before `cutoff`; their parcels return to the pool."""
    stmt = (select(PickClaim).where(PickClaim.state == "active", PickClaim.heartbeat_at < cutoff)
            .order_by(PickClaim.id))
    if session.get_bind().dialect.name == "postgresql":
        # Two benches claiming at once: each expires what the other has not locked.
        stmt = stmt.with_for_update(skip_locked=True)
    ended = []
    for claim in session.scalars(stmt):
        _expire_in(session, claim, actor=actor, now=now)
        ended.append(claim.id)
    return ended


def end_claim_in(session: Session, claim: PickClaim, state: str, *, actor: Actor, reason: str,
                 now: datetime | None = None) -> int:
    """Close a claim; parcels it still holds go back to open and their orders to allocated."""
    parcels = list(session.scalars(select(Shipment).where(Shipment.claim_id == claim.id)))
    for parcel in parcels:
        parcel.claim_id = None
        if parcel.status == ParcelStatus.PICKING.value:
            parcel.status = ParcelStatus.OPEN.value
    session.flush()
    for order in {p.order for p in parcels}:
        if order.status == OrderStatus.PICKING.value and not any(
                p.status in (ParcelStatus.PICKING.value, ParcelStatus.PACKED.value) for p in order.open_parcels):
            set_status(session, order, OrderStatus.ALLOCATED, "unclaim", actor, reason)
        else:
            audit.record(session, actor, entity="order", entity_id=order.id, reference=order.reference,
                         action="unclaim", from_status=order.status, to_status=order.status, reason=reason)
    claim.state = state
    claim.ended_at = now or utcnow()
    return len(parcels)


def leave_claims_in(session: Session, parcels: Iterable[Shipment]) -> None:
    """These parcels are done with picking (packed or shipped): out of their claims, and a
    claim with nothing left is done."""
    ids = {p.claim_id for p in parcels if p.claim_id is not None}
    for parcel in parcels:
        parcel.claim_id = None
    if not ids:
        return
    session.flush()
    still = set(session.scalars(select(Shipment.claim_id).where(Shipment.claim_id.in_(ids))))
    for claim in session.scalars(select(PickClaim).where(PickClaim.id.in_(ids - still),
                                                         PickClaim.state == "active")):
        claim.state = "done"
        claim.ended_at = utcnow()
