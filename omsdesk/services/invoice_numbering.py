"""Gapless invoice numbers: the next number of a series and year, taken inside the issuing
transaction under a row lock, so a rolled-back issue gives its number back."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from omsdesk.models.invoice import InvoiceSeries

NUMBER_DIGITS = 6


def format_number(series: str, year: int, seq: int) -> str:
    """`F2026-000123`: series, year, dash, six-digit number (more digits past 999,999)."""
    return f"{series}{year}-{seq:0{NUMBER_DIGITS}d}"


def next_number(session: Session, series: str, year: int) -> tuple[int, str]:
    """Take the next number of (series, year) in the current transaction.

    On PostgreSQL the series row is locked with SELECT ... FOR UPDATE until commit or
    rollback, so concurrent workstations queue on it; on SQLite the write transaction is
    BEGIN IMMEDIATE, which already serialises writers. Nothing is committed here: if the
    issue fails, the rollback also undoes the increment and the number is used again.
    """
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert(InvoiceSeries) if dialect == "postgresql" else sqlite.insert(InvoiceSeries)
    # Create the row on first use; a concurrent creator makes this a no-op, never an error.
    session.execute(ins.values(code=series, year=year, last_number=0).on_conflict_do_nothing())
    stmt = select(InvoiceSeries).where(InvoiceSeries.code == series, InvoiceSeries.year == year)
    if dialect == "postgresql":
        stmt = stmt.with_for_update()
    row = session.execute(stmt.execution_options(populate_existing=True)).scalar_one()
    row.last_number += 1
    session.flush()
    return row.last_number, format_number(series, year, row.last_number)
