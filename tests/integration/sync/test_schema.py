"""The sync tables made by migration 0600 match the mapped classes exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import DateTime

from omsdesk.db import Database
from omsdesk.models import Base, UTCDateTime
from omsdesk.models import channel_sku as _channel_sku  # noqa: F401 - registers the tables
from omsdesk.models import sync_state as _sync_state  # noqa: F401

SYNC_TABLES = {"channel_skus", "channel_order_links", "sync_quarantine", "sync_runs",
               "channel_sync_state"}


def _table_of(diff: object) -> str | None:
    item = diff[0] if isinstance(diff, list) else diff
    for part in item[1:] if isinstance(item, tuple) else ():
        name = getattr(part, "name", None)
        table = getattr(part, "table", None)
        if table is not None and getattr(table, "name", None):
            return str(table.name)
        if isinstance(part, str) and part in SYNC_TABLES:
            return part
        if name in SYNC_TABLES:
            return str(name)
    return None


def test_migrated_sync_tables_match_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
        present = set(conn.dialect.get_table_names(conn))
    assert present >= SYNC_TABLES
    ours = [d for d in diffs if _table_of(d) in SYNC_TABLES and not _same_datetime(d)]
    assert ours == []


def _same_datetime(diff: object) -> bool:
    """SQLite reflects our UTCDateTime columns as plain DATETIME: the same storage."""
    item = diff[0] if isinstance(diff, list) else diff
    return (isinstance(item, tuple) and item[0] == "modify_type"
            and isinstance(item[-2], DateTime) and isinstance(item[-1], UTCDateTime))
