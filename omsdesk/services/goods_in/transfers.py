"""Transfers between warehouses: dispatched (in transit), then received at the other end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    IllegalTransition,
    MoveKind,
    NotFound,
    Product,
    ValidationError,
    Warehouse,
)
from omsdesk.models.base import utcnow
from omsdesk.models.planning import Transfer, TransferStatus
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.backorders import lock_waiting, serve
from omsdesk.services.ledger.stock import move, product_by_sku, warehouse_by_code
from omsdesk.services.refs import next_value
from omsdesk.services.validation import positive_int


@dataclass(frozen=True)
class TransferState:
    reference: str
    sku: str
    qty: int
    from_warehouse: str
    to_warehouse: str
    status: str
    dispatched_at: datetime
    received_at: datetime | None


def _state(session: Session, t: Transfer) -> TransferState:
    sku = session.scalar(select(Product.sku).where(Product.id == t.product_id)) or ""
    codes = dict(session.execute(select(Warehouse.id, Warehouse.code).where(
        Warehouse.id.in_([t.from_warehouse_id, t.to_warehouse_id]))).all())
    return TransferState(t.reference, sku, t.qty, codes[t.from_warehouse_id], codes[t.to_warehouse_id],
                         t.status, t.dispatched_at, t.received_at)


def _load(session: Session, reference: str) -> Transfer:
    stmt = select(Transfer).where(Transfer.reference == reference)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    t = session.scalar(stmt)
    if t is None:
        raise NotFound(f"unknown transfer '{reference}'")
    return t


def dispatch_transfer(db: Database, sku: str, qty: int, from_warehouse: str, to_warehouse: str, *,
                      actor: Actor, reason: str = "") -> TransferState:
    """Send stock from one warehouse to another: it leaves the origin now and is in transit."""
    positive_int(qty, "quantity")
    with db.write() as s:
        product = product_by_sku(s, sku)
        src = warehouse_by_code(s, from_warehouse)
        dst = warehouse_by_code(s, to_warehouse)
        if src.id == dst.id:
            raise ValidationError(f"a transfer needs two different warehouses, got {src.code} twice")
        ref = f"TR-{utcnow().year}-{next_value(s, f'transfer:{utcnow().year}'):06d}"
        # Refused (InsufficientStock) when the origin has not that much unreserved stock.
        move(s, actor, product, src, -qty, MoveKind.TRANSFER_OUT, f"transfer {ref} to {dst.code}")
        t = Transfer(reference=ref, product_id=product.id, from_warehouse_id=src.id,
                     to_warehouse_id=dst.id, qty=qty, reason=reason.strip())
        s.add(t)
        s.flush()
        audit.record(s, actor, entity="transfer", entity_id=t.id, reference=ref, action="dispatch",
                     to_status=TransferStatus.IN_TRANSIT.value,
                     reason=f"{qty} x {sku} {src.code} -> {dst.code}" + (f": {reason}" if reason else ""))
        return _state(s, t)


def receive_transfer(db: Database, reference: str, *, actor: Actor) -> TransferState:
    """Book an in-transit transfer in at its destination; waiting backorders are served."""
    with db.write() as s:
        t = _load(s, reference)
        if t.status != TransferStatus.IN_TRANSIT.value:
            raise IllegalTransition(f"cannot receive transfer {reference}: status is {t.status}")
        product = s.get(Product, t.product_id)
        dst = s.get(Warehouse, t.to_warehouse_id)
        assert product is not None and dst is not None
        waiting = lock_waiting(s, {product.id})
        move(s, actor, product, dst, t.qty, MoveKind.TRANSFER_IN, f"transfer {reference}")
        t.status = TransferStatus.RECEIVED.value
        t.received_at = utcnow()
        audit.record(s, actor, entity="transfer", entity_id=t.id, reference=reference, action="receive",
                     from_status=TransferStatus.IN_TRANSIT.value, to_status=t.status,
                     reason=f"{t.qty} x {product.sku} in at {dst.code}")
        serve(s, actor, waiting)
        return _state(s, t)


def cancel_transfer(db: Database, reference: str, *, actor: Actor, reason: str = "") -> TransferState:
    """Call back an in-transit transfer: the goods go back into the origin warehouse."""
    with db.write() as s:
        t = _load(s, reference)
        if t.status != TransferStatus.IN_TRANSIT.value:
            raise IllegalTransition(f"cannot cancel transfer {reference}: status is {t.status}")
        product = s.get(Product, t.product_id)
        src = s.get(Warehouse, t.from_warehouse_id)
        assert product is not None and src is not None
        waiting = lock_waiting(s, {product.id})
        move(s, actor, product, src, t.qty, MoveKind.TRANSFER_IN, f"transfer {reference} cancelled")
        t.status = TransferStatus.CANCELLED.value
        audit.record(s, actor, entity="transfer", entity_id=t.id, reference=reference, action="cancel",
                     from_status=TransferStatus.IN_TRANSIT.value, to_status=t.status,
                     reason=reason or f"{t.qty} x {product.sku} back to {src.code}")
        serve(s, actor, waiting)
        return _state(s, t)
