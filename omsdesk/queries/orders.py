"""The order queue: one entry point for a page of orders (with or without a search), and counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from omsdesk.models import Order, OrderStatus
from omsdesk.models.base import utcnow
from omsdesk.queries.order_page import (
    Cursor,
    OrderFilter,
    OrderRow,
    filter_params,
    named_rows_statement,
    page_params,
    page_rows,
    page_statement,
    where_filters,
)
from omsdesk.queries.order_search import MatchCounts, search_counts, search_page


def list_orders(session: Session, f: OrderFilter | None = None, *, limit: int = 200,
                after: Cursor | None = None, newest_first: bool = True) -> list[OrderRow]:
    """One page of the queue, sorted by placement time; pass the last row's Cursor for the next.

    A search is resolved through indexes first (queries/order_search.py): the only search
    there is, so the CLI and the queue find the same orders.
    """
    f = f or OrderFilter()
    now = utcnow()
    if f.search and f.search.strip():
        return search_page(session, f, now, limit=limit, after=after, newest_first=newest_first)
    stmt = page_statement(f, after is not None, newest_first)
    params = page_params(f, now, limit, after)
    # The Core path: no ORM entities here, and the ORM result machinery costs more than the query.
    return page_rows(session.connection().execute(stmt, params).all(), now)


def named_rows(conn: Connection, f: OrderFilter, references: Sequence[str]) -> list[OrderRow] | None:
    """The queue rows of `references` that still pass the filters of `f`, in no order; None when
    `f` has a search (whether a row still matches it is the search's to say: reload the page).

    Takes a Connection, not a Session: the live refresh reads on its own autocommit connection,
    one round trip, right when the change is heard.
    """
    if f.search and f.search.strip():
        return None
    now = utcnow()
    single = len(references) == 1
    params = filter_params(f, now) | ({"ref": references[0]} if single else {"refs": list(references)})
    return page_rows(conn.execute(named_rows_statement(f, single), params).all(), now)


def match_counts(session: Session, f: OrderFilter) -> MatchCounts:
    """What the search of `f` finds in each status, with its other filters: for the status tabs
    while a search is typed, so a match in another tab is never hidden."""
    return search_counts(session, f, utcnow())


def filtered_status_counts(session: Session, f: OrderFilter) -> MatchCounts:
    """Orders per status under the filters of `f` other than its status and search (a saved
    batch reopened: where its orders are now)."""
    others = replace(f, status=None, search=None)
    stmt = where_filters(select(Order.status, func.count()), others).group_by(Order.status)
    rows = session.connection().execute(stmt, filter_params(others, utcnow())).all()
    return MatchCounts({str(status): int(n) for status, n in rows})


def status_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Order.status, func.count()).group_by(Order.status)).all()
    counts = {s.value: 0 for s in OrderStatus}
    counts.update({status: int(n) for status, n in rows})
    return counts
