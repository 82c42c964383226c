"""Queue pages and per-status counts for a search, resolved through indexes on a million orders.

Walking the date index and testing every row against the search text costs a full scan (over
a second on 1,000,000 orders) when few orders match. Here a search is first resolved through
indexes (reference, the reference's number, marketplace id, email, SKU, the folded name on the
order, the customers table); when that yields few candidates the page is read from them
directly, and when it yields many the date-index walk finds a page of matches within a few
hundred rows.

Names are compared folded (search_keys.fold: lower case, no accents) on both sides, so "lucia"
finds "Lucía" and "BEGONA" finds "Begoña". An order number may be typed without its prefix:
"123", "000123" and "2026-000123" find SO-2026-000123.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, union_all
from sqlalchemy.orm import Session

from omsdesk.models import Channel, Customer, Order, OrderLine
from omsdesk.models.search_keys import NumberSearch, fold, parse_number
from omsdesk.queries.order_page import (
    Cursor,
    OrderFilter,
    OrderRow,
    escape_like,
    filter_params,
    page_params,
    page_rows,
    page_statement,
    where_filters,
)

# Up to this many candidate orders, sorting them beats walking the date index.
SPARSE_LIMIT = 5000
# Up to this many matches the tabs get exact counts; beyond it, typing more narrows the search.
COUNT_LIMIT = 50_000
# A name is matched from this many letters on: one letter is in nearly every name, and counting
# a million matches per status on the first keystroke would cost seconds for nothing.
MIN_NAME_CHARS = 2
# A phone number is matched inside only from this many digits: "123" is an order number, and
# as a piece of a phone number it would find every customer whose phone happens to hold it.
PHONE_DIGITS = 6


@dataclass(frozen=True)
class _Terms:
    """The typed text in each form a kind of match compares with."""

    text: str
    folded: str
    words: tuple[str, ...]
    number: NumberSearch | None
    phone: bool

    @staticmethod
    def of(text: str) -> _Terms:
        text = text.strip()
        number = parse_number(text)
        # Digits alone are an order number (or a phone), not a piece of a name or an email:
        # "123" inside cliente00123@example.es would bury SO-2026-000123 among thousands.
        folded = "" if number is not None else fold(text)
        if len(folded.replace(" ", "")) < MIN_NAME_CHARS:
            folded = ""
        digits = sum(ch.isdigit() for ch in text)
        return _Terms(text, folded, tuple(folded.split()), number, digits >= PHONE_DIGITS)


def _contains_words(column: Any, words: tuple[str, ...]) -> Any:
    return and_(*(column.like(f"%{escape_like(w)}%", escape="\\") for w in words))


def _customer_ids(t: _Terms) -> Select:
    kinds = [Customer.tax_id == t.text.upper()]
    if t.words:
        kinds.append(_contains_words(Customer.search_name, t.words))
    if t.phone:
        kinds.append(Customer.phone.like(f"%{escape_like(t.text)}%", escape="\\"))
    return select(Customer.id).where(or_(*kinds))


def _number_match(n: NumberSearch) -> Any:
    match = Order.ref_number == n.number
    if n.year is not None:
        match = match & Order.reference.like(f"%{n.year}-%")
    return match


def _guest_name_prefix(t: _Terms) -> Any:
    """Guests (no customer row) whose folded name starts with the text: one range of
    ix_orders_customer_search_name (byte order on both databases, search_keys.SEARCH_NAME_TYPE)."""
    upper = t.folded[:-1] + chr(ord(t.folded[-1]) + 1)
    return Order.customer_id.is_(None) & (Order.search_name >= t.folded) & (Order.search_name < upper)


def _other_lookups(t: _Terms) -> list[Select]:
    """Index lookups of every kind of match but the customers': each yields order ids."""
    lookups = [
        select(Order.id).where(Order.reference == t.text.upper()),
        # channel_id leads the unique index; naming the channels lets the index be used.
        select(Order.id).where(Order.channel_id.in_(select(Channel.id)), Order.external_id == t.text),
        select(Order.id).where(Order.customer_email == t.text.lower()),
        select(OrderLine.order_id).where(OrderLine.sku == t.text),
    ]
    if t.number is not None:
        lookups.append(select(Order.id).where(_number_match(t.number)))
    if t.folded:
        lookups.append(select(Order.id).where(_guest_name_prefix(t)))
    return lookups


def _candidates(t: _Terms) -> Any:
    """Ids of orders the search text finds through an index, one lookup per kind of match.

    UNION ALL, not UNION: an id may come twice, which `IN` does not mind, and counting them
    stops after a limit instead of first collecting every id of a large result.
    """
    customers = select(Order.id).where(Order.customer_id.in_(_customer_ids(t)))
    return union_all(customers, *_other_lookups(t)).subquery()


def _dense_match(t: _Terms) -> Any:
    """The same matches as cheap per-row tests for the date-index walk (lists built once)."""
    kinds = [
        Order.reference == t.text.upper(),
        Order.external_id == t.text,
        Order.customer_email == t.text.lower(),
        Order.id.in_(select(OrderLine.order_id).where(OrderLine.sku == t.text)),
        Order.customer_id.in_(_customer_ids(t)),
    ]
    if t.number is not None:
        kinds.append(_number_match(t.number))
    if t.words:
        # Guests have no customer row; their name is only on the order.
        kinds.append(_contains_words(Order.search_name, t.words))
    return or_(*kinds)


def _found(session: Session, cand: Any, limit: int) -> int:
    """How many candidates there are, counting no further than `limit` + 1."""
    return session.scalar(select(func.count()).select_from(
        select(cand.c.id).limit(limit + 1).subquery())) or 0


def search_page(session: Session, f: OrderFilter, now: datetime, *, limit: int = 200,
                after: Cursor | None = None, newest_first: bool = True) -> list[OrderRow]:
    """One page of the orders `f.search` finds (with the other filters of `f`), index-driven."""
    t = _Terms.of(f.search or "")
    cand = _candidates(t)
    unsearched = replace(f, search=None)
    stmt = page_statement(unsearched, after is not None, newest_first)
    if _found(session, cand, SPARSE_LIMIT) <= SPARSE_LIMIT:
        stmt = stmt.where(Order.id.in_(select(cand.c.id)))
    else:
        stmt = stmt.where(_dense_match(t))
    params = page_params(unsearched, now, limit, after)
    return page_rows(session.connection().execute(stmt, params).all(), now)


@dataclass(frozen=True)
class MatchCounts:
    """What a search finds in each status (every other filter applied), for the status tabs."""

    by_status: dict[str, int]
    # False when there are more than about COUNT_LIMIT matches: then nothing is counted.
    complete: bool = True

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def search_counts(session: Session, f: OrderFilter, now: datetime) -> MatchCounts:
    """Matches of `f.search` per status, whatever status `f` names (the tabs show them all)."""
    t = _Terms.of(f.search or "")
    if _found(session, _candidates(t), COUNT_LIMIT) > COUNT_LIMIT:
        return MatchCounts({}, complete=False)
    others = replace(f, status=None, search=None)
    params = filter_params(others, now)
    customers = _customer_ids(t)
    # The customers' orders from ix_orders_customer_status alone; then the other matches that
    # are not orders of those customers, so nothing is counted twice.
    by_customer = select(Order.status, func.count()).where(Order.customer_id.in_(customers))
    rest = select(Order.status, func.count()).where(
        Order.id.in_(union_all(*_other_lookups(t))),
        Order.customer_id.is_(None) | Order.customer_id.not_in(customers))
    counts: dict[str, int] = {}
    conn = session.connection()
    for stmt in (by_customer, rest):
        for status, n in conn.execute(where_filters(stmt, others).group_by(Order.status), params):
            counts[str(status)] = counts.get(str(status), 0) + int(n)
    return MatchCounts(counts)
