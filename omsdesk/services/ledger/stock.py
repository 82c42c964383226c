"""Stock ledger services: moves, adjustments, and the reserve/release/consume primitives."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    InsufficientStock,
    MoveKind,
    NotFound,
    Product,
    StockLevel,
    StockMove,
    ValidationError,
    Warehouse,
)
from omsdesk.models.roles import Permission
from omsdesk.services import audit, outbox
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require


@dataclass(frozen=True)
class LevelResult:
    sku: str
    warehouse: str
    on_hand: int
    reserved: int
    available: int


def untracked_products(session: Session, product_ids: Iterable[int]) -> set[int]:
    """The products among these that carry no stock (shipping, services)."""
    ids = set(product_ids)
    if not ids:
        return set()
    return set(session.scalars(select(Product.id).where(Product.id.in_(ids), Product.stock_tracked.is_(False))))


def product_by_sku(session: Session, sku: str) -> Product:
    product = session.scalar(select(Product).where(Product.sku == sku))
    if product is None:
        raise NotFound(f"unknown SKU '{sku}'")
    return product


def warehouse_by_code(session: Session, code: str) -> Warehouse:
    wh = session.scalar(select(Warehouse).where(Warehouse.code == code))
    if wh is None:
        known = ", ".join(session.scalars(select(Warehouse.code).order_by(Warehouse.code)))
        raise NotFound(f"unknown warehouse '{code}'" + (f" (known: {known})" if known else ""))
    return wh


def _ensure_level(session: Session, product_id: int, warehouse_id: int) -> None:
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert(StockLevel) if dialect == "postgresql" else sqlite.insert(StockLevel)
    session.execute(
        ins.values(product_id=product_id, warehouse_id=warehouse_id, on_hand=0, reserved=0)
        .on_conflict_do_nothing(index_elements=[StockLevel.product_id, StockLevel.warehouse_id])
    )


def level_result(session: Session, product: Product, wh: Warehouse) -> LevelResult:
    level = session.execute(
        select(StockLevel).where(StockLevel.product_id == product.id, StockLevel.warehouse_id == wh.id)
        .execution_options(populate_existing=True)
    ).scalar_one()
    return LevelResult(product.sku, wh.code, level.on_hand, level.reserved, level.available)


def move(
    session: Session, actor: Actor, product: Product, wh: Warehouse, qty: int, kind: MoveKind,
    reason: str = "", order_id: int | None = None,
) -> None:
    """Append a ledger move and apply it to the cached level in one conditional UPDATE.

    The WHERE clause is what keeps on-hand from dropping below what is reserved, even when
    two workstations move the same stock at once.
    """
    _ensure_level(session, product.id, wh.id)
    stmt = (
        update(StockLevel)
        .where(StockLevel.product_id == product.id, StockLevel.warehouse_id == wh.id)
        .values(on_hand=StockLevel.on_hand + qty)
        .execution_options(synchronize_session=False)
    )
    if qty < 0:
        stmt = stmt.where(StockLevel.on_hand - StockLevel.reserved >= -qty)
    if session.execute(stmt).rowcount != 1:  # type: ignore[attr-defined]
        raise InsufficientStock(
            f"cannot remove {-qty} x {product.sku} from {wh.code}: not enough unreserved stock"
        )
    session.add(StockMove(product_id=product.id, warehouse_id=wh.id, qty=qty, kind=kind.value,
                          reason=reason, order_id=order_id, user=actor.user))
    outbox.stock_changed(session, {product.sku})


def adjust_stock(db: Database, sku: str, delta: int, warehouse: str, *, reason: str,
                 actor: Actor) -> LevelResult:
    """Correct on hand after a count or damage; a reason is mandatory for the audit."""
    if isinstance(delta, bool) or not isinstance(delta, int) or delta == 0:
        raise ValidationError(f"adjustment must be a non-zero whole number, got {delta!r}")
    if not reason.strip():
        raise ValidationError("a stock adjustment needs a reason")
    with db.write() as s:
        require(s, actor, Permission.STOCK_ADJUST, subject=f"{delta:+d} {sku}")
        product = product_by_sku(s, sku)
        wh = warehouse_by_code(s, warehouse)
        move(s, actor, product, wh, delta, MoveKind.ADJUSTMENT, reason)
        audit.record(s, actor, entity="stock", entity_id=product.id, reference=f"{sku}@{wh.code}",
                     action="adjust", reason=f"{delta:+d} {reason}")
        return level_result(s, product, wh)


def try_reserve(session: Session, product_id: int, warehouse_id: int, qty: int) -> bool:
    """Reserve qty if available allows it; atomic per row, so it can never oversell."""
    result = session.execute(
        update(StockLevel)
        .where(
            StockLevel.product_id == product_id,
            StockLevel.warehouse_id == warehouse_id,
            StockLevel.on_hand - StockLevel.reserved - StockLevel.safety_buffer >= qty,
        )
        .values(reserved=StockLevel.reserved + qty)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def force_reserve(session: Session, product_id: int, warehouse_id: int, qty: int) -> None:
    """Reserve qty whatever is available: only for a replayed offline sale (see allocate_in)."""
    _ensure_level(session, product_id, warehouse_id)
    session.execute(
        update(StockLevel)
        .where(StockLevel.product_id == product_id, StockLevel.warehouse_id == warehouse_id)
        .values(reserved=StockLevel.reserved + qty)
        .execution_options(synchronize_session=False)
    )


def unreserve(session: Session, product_id: int, warehouse_id: int, qty: int) -> None:
    session.execute(
        update(StockLevel)
        .where(StockLevel.product_id == product_id, StockLevel.warehouse_id == warehouse_id)
        .values(reserved=StockLevel.reserved - qty)
        .execution_options(synchronize_session=False)
    )


def consume_reserved(session: Session, product_id: int, warehouse_id: int, qty: int) -> None:
    """Goods reserved for an order leave the building: on hand and reserved drop together."""
    session.execute(
        update(StockLevel)
        .where(StockLevel.product_id == product_id, StockLevel.warehouse_id == warehouse_id)
        .values(on_hand=StockLevel.on_hand - qty, reserved=StockLevel.reserved - qty)
        .execution_options(synchronize_session=False)
    )
