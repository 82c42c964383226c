"""Core inserts of many rows that hand back the new ids in the rows' order, fast on SQLite too.

SQLAlchemy's `insert().returning(..., sort_by_parameter_order=True)` batches the rows into a few
statements on PostgreSQL, but on SQLite it falls back to one INSERT per row: "For the SQLite
database, no appropriate INSERT form exists that can correlate the production of new ROWID
values with the order in which the parameter sets are passed" (SQLAlchemy 2.0, "Correlating
RETURNING rows to parameter sets"). In an import that was most of the time spent storing.

On SQLite a writer holds the database's write lock from BEGIN IMMEDIATE (omsdesk/db.py), so
no one else can insert between reading the largest id and inserting: the ids are handed out
here, exactly the ones SQLite would have chosen (largest rowid + 1; the tables use no
AUTOINCREMENT), and the rows go in with one executemany.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert `rows` into `table` (integer primary key `id`); their new ids, in the same order.

    Must run inside a write transaction (on SQLite, one begun IMMEDIATE). On SQLite each row
    dict gets its "id" set (copying thousands of dicts cost more than the insert's SQL).
    """
    if not rows:
        return []
    if conn.dialect.name != "sqlite":
        return list(conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                                 list(rows)).scalars())
    last = conn.execute(select(func.max(table.c.id))).scalar() or 0
    ids = list(range(last + 1, last + 1 + len(rows)))
    for row, i in zip(rows, ids, strict=True):
        row["id"] = i
    conn.execute(insert(table), list(rows))
    return ids
