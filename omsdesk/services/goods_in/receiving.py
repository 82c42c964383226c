"""Goods in: a receipt books stock into a warehouse and serves the orders waiting for it."""

from __future__ import annotations

from omsdesk.db import Database
from omsdesk.models import MoveKind
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.backorders import lock_waiting, serve
from omsdesk.services.ledger.stock import (
    LevelResult,
    level_result,
    move,
    product_by_sku,
    warehouse_by_code,
)
from omsdesk.services.validation import positive_int


def receive_stock(db: Database, sku: str, qty: int, warehouse: str, *, actor: Actor,
                  reason: str = "receipt", serve_backorders: bool = True) -> LevelResult:
    """Book goods in: a receipt move that raises on hand.

    Orders waiting for this SKU are allocated in the same transaction, oldest first
    (services/backorders.py); serve_backorders=False only books the goods in.
    """
    positive_int(qty, "quantity")
    with db.write() as s:
        product = product_by_sku(s, sku)
        wh = warehouse_by_code(s, warehouse)
        # Waiting orders are locked before the stock row (see backorders.py for why).
        waiting = lock_waiting(s, {product.id}) if serve_backorders else []
        move(s, actor, product, wh, qty, MoveKind.RECEIPT, reason)
        audit.record(s, actor, entity="stock", entity_id=product.id, reference=f"{sku}@{wh.code}",
                     action="receive", reason=f"+{qty} {reason}")
        serve(s, actor, waiting)
        return level_result(s, product, wh)
