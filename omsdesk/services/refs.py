"""Counters behind human references; an upsert so concurrent workstations never share a number."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from omsdesk.models import Counter
from omsdesk.models.base import utcnow


def next_value(session: Session, name: str) -> int:
    """Increment and return counter `name` in the current transaction (row-locked on PostgreSQL)."""
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert(Counter) if dialect == "postgresql" else sqlite.insert(Counter)
    stmt = (
        ins.values(name=name, value=1)
        .on_conflict_do_update(index_elements=[Counter.name], set_={"value": Counter.value + 1})
        .returning(Counter.value.cast(Integer))
    )
    return int(session.execute(stmt).scalar_one())


def next_order_reference(session: Session, when: datetime | None = None) -> str:
    year = (when or utcnow()).year
    return f"SO-{year}-{next_value(session, f'order:{year}'):06d}"
