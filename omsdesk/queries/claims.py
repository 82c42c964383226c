"""Read side of claimed pick work: who holds which orders, for the queue, `orders show` and `waves list`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.models import Order, Shipment, Warehouse
from omsdesk.models.claims import PickClaim


@dataclass(frozen=True)
class ClaimHolder:
    """Who holds an order's parcel: shown as "BENCH/USER" in the queue."""

    claim_id: int
    wave: str
    workstation: str
    user: str
    claimed_at: datetime

    @property
    def label(self) -> str:
        return f"{self.workstation}/{self.user}"


@dataclass(frozen=True)
class ClaimRow:
    id: int
    name: str
    warehouse: str
    workstation: str
    user: str
    state: str
    parcels: int
    claimed_at: datetime
    heartbeat_at: datetime
    ended_at: datetime | None
    orders: tuple[str, ...]  # references still held (none once the claim ended)


def holders(session: Session, order_ids: Iterable[int]) -> dict[int, ClaimHolder]:
    """Order id -> the active claim holding one of its parcels (a page's worth of ids)."""
    ids = list(order_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Shipment.order_id, PickClaim.id, PickClaim.name, PickClaim.workstation, PickClaim.user,
               PickClaim.claimed_at)
        .join(PickClaim, PickClaim.id == Shipment.claim_id)
        .where(Shipment.order_id.in_(ids), PickClaim.state == "active")
        .order_by(PickClaim.id))
    out: dict[int, ClaimHolder] = {}
    for oid, cid, name, ws, user, at in rows:
        out.setdefault(oid, ClaimHolder(cid, name, ws, user, at))
    return out


def holder_of(session: Session, reference: str) -> ClaimHolder | None:
    oid = session.scalar(select(Order.id).where(Order.reference == reference))
    return holders(session, [oid]).get(oid) if oid is not None else None


def list_claims(session: Session, *, active_only: bool = True, limit: int = 200) -> list[ClaimRow]:
    """Claims, newest first: the active ones by default, with the orders each still holds."""
    stmt = (select(PickClaim, Warehouse.code).join(Warehouse, Warehouse.id == PickClaim.warehouse_id)
            .order_by(PickClaim.id.desc()).limit(limit))
    if active_only:
        stmt = stmt.where(PickClaim.state == "active")
    claims = session.execute(stmt).all()
    held: dict[int, list[str]] = {}
    if claims:
        for cid, ref in session.execute(
                select(Shipment.claim_id, Order.reference).join(Order, Order.id == Shipment.order_id)
                .where(Shipment.claim_id.in_([c.id for c, _ in claims])).order_by(Order.reference)):
            if cid is not None:
                held.setdefault(cid, []).append(ref)
    return [ClaimRow(c.id, c.name, code, c.workstation, c.user, c.state, c.parcels, c.claimed_at,
                     c.heartbeat_at, c.ended_at, tuple(held.get(c.id, ())))
            for c, code in claims]
