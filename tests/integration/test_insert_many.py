"""`insert_many` stores exactly what Core's `insert()` stores, on SQLite and PostgreSQL.

It binds through the driver directly (services/rows.py), so every conversion Core would apply
(our UTC type, JSON, booleans) and every client-side default of a column left out must be
reproduced; each test here compares the two paths row by row.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any, cast

import pytest
from sqlalchemy import Table, insert, select
from sqlalchemy.exc import StatementError

from omsdesk.db import Database
from omsdesk.models import AuditEntry, Channel, OutboxMessage
from omsdesk.services.rows import insert_many, insert_rows


def _rows(db: Database, table: Table, key: str, values: list[Any]) -> list[dict[str, Any]]:
    with db.read() as s:
        found = s.execute(select(table).where(table.c[key].in_(values)).order_by(table.c.id))
        return [dict(r._mapping) for r in found]


def _without(rows: list[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k not in names} for r in rows]


def test_audit_rows_match_core_insert_with_times_in_other_zones(db: Database) -> None:
    table = cast(Table, AuditEntry.__table__)
    madrid = timezone(timedelta(hours=1))
    at = datetime(2026, 3, 29, 1, 30, 0, 123456, tzinfo=madrid)
    base = {"user": "ana", "workstation": "ws1", "entity": "order", "entity_id": 7,
            "from_status": None, "to_status": "new", "reason": "ñandú «x»", "at": at}
    with db.write() as s:
        s.connection().execute(insert(table), [base | {"reference": "CORE-1", "action": "a"},
                                               base | {"reference": "CORE-2", "action": "b"}])
        insert_many(s.connection(), table, [base | {"reference": "FAST-1", "action": "a"},
                                            base | {"reference": "FAST-2", "action": "b"}])
    core = _rows(db, table, "reference", ["CORE-1", "CORE-2"])
    fast = _rows(db, table, "reference", ["FAST-1", "FAST-2"])
    assert len(fast) == 2
    assert _without(fast, "id", "reference") == _without(core, "id", "reference")
    # Read back as the same instant, in UTC, whichever zone it was given in.
    assert fast[0]["at"] == at and fast[0]["at"].utcoffset() == timedelta(0)


def test_left_out_columns_get_their_defaults_and_json_is_encoded(db: Database) -> None:
    table = cast(Table, OutboxMessage.__table__)
    now = datetime.now(UTC)
    # payload, attempts, status... left out in one row set, given in the other: the defaults
    # of the model apply to both paths alike.
    row = {"topic": "t", "key": "k", "channel_id": None, "created_at": now, "next_attempt_at": now}
    with db.write() as s:
        s.connection().execute(insert(table), [row | {"idempotency_key": "core"}])
        insert_many(s.connection(), table, [row | {"idempotency_key": "fast"}])
        insert_many(s.connection(), table, [row | {"idempotency_key": "json",
                                                   "payload": {"sku": "Ñ-1", "n": [1, 2]}}])
    core, fast, json_row = _rows(db, table, "idempotency_key", ["core", "fast", "json"])
    assert _without([fast], "id", "idempotency_key") == _without([core], "id", "idempotency_key")
    assert fast["payload"] == {} and fast["status"] == core["status"] != ""
    assert json_row["payload"] == {"sku": "Ñ-1", "n": [1, 2]}


def test_insert_rows_hands_back_the_ids_in_order(db: Database) -> None:
    table = cast(Table, Channel.__table__)
    rows = [{"code": f"c{i}", "name": f"Channel {i}", "kind": "csv", "url": "", "settings": {},
             "active": i % 2 == 0} for i in range(5)]
    with db.write() as s:
        ids = insert_rows(s.connection(), table, rows)
    stored = _rows(db, table, "code", [r["code"] for r in rows])
    assert [r["id"] for r in stored] == ids == sorted(ids)
    assert [(r["code"], r["active"]) for r in stored] == [(f"c{i}", i % 2 == 0) for i in range(5)]


def test_rows_shaped_unlike_the_first_are_refused_not_mixed_up(db: Database) -> None:
    table = cast(Table, AuditEntry.__table__)
    at = datetime.now(UTC)
    first = {"user": "u", "workstation": "w", "entity": "order", "entity_id": 1, "reference": "R1",
             "action": "x", "from_status": None, "to_status": "new", "reason": "", "at": at}
    other = {k: v for k, v in first.items() if k != "reason"} | {"reference": "R2"}
    with pytest.raises(StatementError, match="reason"), db.write() as s:
        insert_many(s.connection(), table, [first, other])
    assert _rows(db, table, "reference", ["R1", "R2"]) == []
