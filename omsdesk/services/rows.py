"""Core inserts of many rows, fast: ids handed back in the rows' order, parameters bound once.

SQLAlchemy's `insert().returning(..., sort_by_parameter_order=True)` batches the rows into a few
statements on PostgreSQL, but on SQLite it falls back to one INSERT per row: "For the SQLite
database, no appropriate INSERT form exists that can correlate the production of new ROWID
values with the order in which the parameter sets are passed" (SQLAlchemy 2.0, "Correlating
RETURNING rows to parameter sets"). In an import that was most of the time spent storing.

On SQLite a writer holds the database's write lock from BEGIN IMMEDIATE (omsdesk/db.py), so
no one else can insert between reading the largest id and inserting: the ids are handed out
here, exactly the ones SQLite would have chosen (largest rowid + 1; the tables use no
AUTOINCREMENT), and the rows go in with one executemany.

That executemany goes to the driver as one statement and a list of tuples (`insert_many`):
a Core `insert()` with a list of dicts builds and processes a parameter dictionary per row
(`construct_params`), which in a 250-order page cost more than SQLite's own work. The values
are the same either way: each column's bind processor (our UTC type's included) and its
client-side default are applied here, from the table's metadata.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC
from typing import Any

from sqlalchemy import Column, Connection, DateTime, Table, func, insert, select
from sqlalchemy.engine import Dialect

_Processor = Callable[[Any], Any] | None


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
    insert_many(conn, table, rows)
    return ids


def insert_many(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """`conn.execute(insert(table), rows)` with the same rows stored, at a fraction of the cost.

    Every row must have the keys of the first (as Core's executemany needs too). Columns not
    given get their client-side default, as Core would give them; a column whose default is
    a SQL expression or a sequence, or a row shaped unlike the first, takes Core's path.
    """
    if not rows:
        return
    keys = tuple(rows[0])
    plan = _plan(conn.dialect, table, keys)
    if plan is None or any(len(row) != len(keys) for row in rows):
        conn.execute(insert(table), list(rows))
        return
    sql, processors, defaults, timed = plan
    # A batch binds the same few instants (its `now`) on many rows and columns: each is
    # converted once per call.
    memo: dict[Any, Any] = {}
    processors = [_memoised(p, memo) if p is not None and t else p
                  for p, t in zip(processors, timed, strict=True)]
    given = [(k, p) for k, p in zip(keys, processors[:len(keys)], strict=True)]
    extra = list(zip(defaults, processors[len(keys):], strict=True))
    params = []
    for row in rows:
        values = [row[k] if p is None else p(row[k]) for k, p in given]
        for make, p in extra:
            value = make()
            values.append(value if p is None else p(value))
        params.append(tuple(values))
    conn.exec_driver_sql(sql, params)


def _memoised(process: Callable[[Any], Any], memo: dict[Any, Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        # UTC only: equal datetimes of one local zone can be different instants (fold).
        if value is None or value.tzinfo is not UTC:
            return process(value)
        try:
            return memo[value]
        except KeyError:
            converted = memo[value] = process(value)
            return converted
    return convert


# The statement, each column's bind processor, the defaults of the columns left out, and
# which columns hold datetimes (hashable, immutable values worth converting once).
_Plan = tuple[str, list[_Processor], list[Callable[[], Any]], list[bool]]
_PLANS: dict[tuple[str, str, tuple[str, ...]], _Plan | None] = {}


def _plan(dialect: Dialect, table: Table, keys: tuple[str, ...]) -> _Plan | None:
    """The statement, per-column bind processors and defaults for rows with these keys."""
    memo = (dialect.name, table.name, keys)
    if memo in _PLANS:
        return _PLANS[memo]
    plan: _Plan | None = None
    if all(k in table.c for k in keys) and dialect.paramstyle in ("qmark", "format", "pyformat"):
        defaulted: list[Column[Any]] = []
        makers: list[Callable[[], Any]] = []
        usable = True
        for column in table.c:
            if column.key in keys or column.default is None:
                continue
            maker = _default_maker(column)
            if maker is None:
                usable = False
                break
            defaulted.append(column)
            makers.append(maker)
        if usable:
            columns = [table.c[k] for k in keys] + defaulted
            quote = dialect.identifier_preparer
            mark = "?" if dialect.paramstyle == "qmark" else "%s"
            sql = (f"INSERT INTO {quote.format_table(table)} "
                   f"({', '.join(quote.format_column(c) for c in columns)}) "
                   f"VALUES ({', '.join(mark for _ in columns)})")
            processors: list[_Processor] = [c.type.dialect_impl(dialect).bind_processor(dialect)
                                            for c in columns]
            plan = (sql, processors, makers, [_holds_datetimes(c) for c in columns])
    _PLANS[memo] = plan
    return plan


def _holds_datetimes(column: Column[Any]) -> bool:
    kind = column.type
    return isinstance(getattr(kind, "impl_instance", kind), DateTime)


def _default_maker(column: Column[Any]) -> Callable[[], Any] | None:
    """A no-argument callable giving the column's client-side default, or None if it has none
    that can be computed without SQL (a sequence, a SQL expression)."""
    default: Any = column.default
    if getattr(default, "is_scalar", False):
        value = default.arg
        return lambda: value
    if getattr(default, "is_callable", False):
        fn = default.arg
        # SQLAlchemy wraps a no-argument callable into one taking the execution context; ours
        # never read the context.
        return lambda: fn(None)
    return None
