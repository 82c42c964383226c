"""Every order a queue filter matches, not only the rows loaded on screen (batches on the query)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from omsdesk.queries.order_page import Cursor, OrderFilter
from omsdesk.queries.orders import list_orders

PAGE = 2000


def matching_references(session: Session, f: OrderFilter, *, newest_first: bool = True,
                        limit: int | None = None) -> list[str]:
    """References of all orders `f` finds, in queue order, through the queue's own page query."""
    out: list[str] = []
    after: Cursor | None = None
    while limit is None or len(out) < limit:
        rows = list_orders(session, f, limit=PAGE, after=after, newest_first=newest_first)
        out.extend(r.reference for r in rows)
        if len(rows) < PAGE:
            break
        after = Cursor(rows[-1].placed_at, rows[-1].id)
    return out if limit is None else out[:limit]
