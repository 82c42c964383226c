"""Gapless invoice numbers: the next number of a series and year, taken inside the issuing
transaction under a row lock, so a rolled-back issue gives its number back; and the check
that no number of a series is missing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from omsdesk.models.invoice import Invoice, InvoiceChain, InvoiceSeries

NUMBER_DIGITS = 6


def format_number(series: str, year: int, seq: int) -> str:
    """`F2026-000123`: series, year, dash, six-digit number (more digits past 999,999)."""
    return f"{series}{year}-{seq:0{NUMBER_DIGITS}d}"


Counter = TypeVar("Counter", InvoiceSeries, InvoiceChain)


def locked_counter(session: Session, model: type[Counter], **key: str | int) -> Counter:
    """The counter row (a series or a record chain) with this key, made at 0 on first use and
    locked until the transaction ends (FOR UPDATE on PostgreSQL; SQLite has one writer).

    The row is inserted only when it is missing: the database refuses an INSERT of an
    existing counter (on SQLite that is what stops `INSERT OR REPLACE` from resetting it).
    """
    dialect = session.get_bind().dialect.name
    stmt = select(model).filter_by(**key)
    if dialect == "postgresql":
        stmt = stmt.with_for_update()
    stmt = stmt.execution_options(populate_existing=True)
    row = session.execute(stmt).scalar_one_or_none()
    if row is None:
        ins = postgresql.insert(model) if dialect == "postgresql" else sqlite.insert(model)
        # A concurrent creator (PostgreSQL) makes this a no-op, never an error.
        session.execute(ins.values(**key).on_conflict_do_nothing())
        row = session.execute(stmt).scalar_one()
    return row


def next_number(session: Session, series: str, year: int) -> tuple[int, str]:
    """Take the next number of (series, year) in the current transaction.

    On PostgreSQL the series row is locked with SELECT ... FOR UPDATE until commit or
    rollback, so concurrent workstations queue on it; on SQLite the write transaction is
    BEGIN IMMEDIATE, which already serialises writers. Nothing is committed here: if the
    issue fails, the rollback also undoes the increment and the number is used again.
    """
    row = locked_counter(session, InvoiceSeries, code=series, year=year)
    row.last_number += 1
    session.flush()
    return row.last_number, format_number(series, year, row.last_number)


@dataclass(frozen=True)
class SeriesGap:
    """A series and year whose numbers are not 1..counter without a hole."""

    series: str
    year: int
    # Inclusive (first, last) runs of numbers that no invoice carries.
    missing: tuple[tuple[int, int], ...]
    counter: int  # the last number the series handed out
    highest: int  # the highest number an invoice carries

    def describe(self) -> str:
        """`F2026: F2026-000003 to F2026-000005 missing`, for the CLI and the logs."""
        parts = []
        if self.missing:
            runs = ", ".join(
                format_number(self.series, self.year, a) if a == b else
                f"{format_number(self.series, self.year, a)} to {format_number(self.series, self.year, b)}"
                for a, b in self.missing)
            parts.append(f"{runs} missing")
        if self.counter < self.highest:
            parts.append(f"counter at {self.counter}, behind the issued "
                         f"{format_number(self.series, self.year, self.highest)}")
        return f"{self.series}{self.year}: {'; '.join(parts)}"


def series_gaps(session: Session) -> tuple[SeriesGap, ...]:
    """Every series and year with a number missing (an invoice deleted behind the triggers, or a
    counter moved on without an invoice) or a counter behind its invoices.

    Numbering is gapless by law (RD 1619/2012 art. 6.1.a), so a hole means an invoice is gone.
    """
    previous = func.lag(Invoice.seq).over(partition_by=(Invoice.series, Invoice.year),
                                          order_by=Invoice.seq)
    numbered = select(Invoice.series, Invoice.year, Invoice.seq,
                      func.coalesce(previous, 0).label("previous")).subquery()
    holes: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for series, year, seq, before in session.execute(
            select(numbered).where(numbered.c.seq - numbered.c.previous > 1)
            .order_by(numbered.c.series, numbered.c.year, numbered.c.seq)):
        holes.setdefault((series, year), []).append((before + 1, seq - 1))
    highest = {(s, y): int(top) for s, y, top in session.execute(
        select(Invoice.series, Invoice.year, func.max(Invoice.seq))
        .group_by(Invoice.series, Invoice.year))}
    counters = {(c.code, c.year): c.last_number for c in session.scalars(select(InvoiceSeries))}
    gaps = []
    for key in sorted(highest.keys() | counters.keys()):
        top = highest.get(key, 0)
        counter = counters.get(key, top)
        missing = holes.get(key, [])
        if counter > top:
            missing.append((top + 1, counter))
        if missing or counter < top:
            gaps.append(SeriesGap(key[0], key[1], tuple(missing), counter, top))
    return tuple(gaps)
