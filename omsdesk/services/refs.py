"""Counters behind human references; an upsert so concurrent workstations never share a number."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from omsdesk.models import Counter
from omsdesk.models.base import utcnow


def _upsert(dialect: str, name: str, n: int) -> ReturningInsert[int]:
    ins = postgresql.insert(Counter) if dialect == "postgresql" else sqlite.insert(Counter)
    return (
        ins.values(name=name, value=n)
        .on_conflict_do_update(index_elements=[Counter.name], set_={"value": Counter.value + n})
        .returning(Counter.value.cast(Integer))
    )


def next_value(session: Session, name: str) -> int:
    """Increment and return counter `name` in the current transaction (row-locked on PostgreSQL).

    Gapless: a rollback gives the number back. The row stays locked until the caller commits,
    so use it for rare documents; order references use `take_values`.
    """
    return int(session.execute(_upsert(session.get_bind().dialect.name, name, 1)).scalar_one())


def take_values(session: Session, name: str, n: int = 1) -> int:
    """Take `n` values of counter `name` for good and return the last one.

    On PostgreSQL the increment commits at once on a connection of its own, like a sequence's
    nextval: the counter row is locked for one statement, not for the caller's whole
    transaction. Every workstation creates orders, and a counter sale's transaction goes on
    to wait for the invoice series; holding the counter meanwhile made every other desk's
    order intake queue behind that invoice. The price is a gap when the caller rolls back,
    which human order references may have (invoice numbers may not, and do not come from here).
    SQLite has one writer at a time anyway: there the counter stays in the caller's transaction.
    """
    if n < 1:
        raise ValueError("take at least one value")
    bind = session.get_bind()
    if bind.dialect.name != "postgresql" or not isinstance(bind, Engine):
        return int(session.execute(_upsert(bind.dialect.name, name, n)).scalar_one())
    with bind.begin() as conn:
        # Not waiting for the WAL flush is safe: a caller that commits flushes the WAL up to its
        # own commit, this earlier increment included; one that never commits used no number.
        conn.execute(text("SET LOCAL synchronous_commit TO OFF"))
        return int(conn.execute(_upsert("postgresql", name, n)).scalar_one())


def next_order_reference(session: Session, when: datetime | None = None) -> str:
    year = (when or utcnow()).year
    return f"SO-{year}-{take_values(session, f'order:{year}'):06d}"
