"""Schema migrations: fresh upgrade, backup before upgrading a SQLite file, refusal of newer schemas."""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import DateTime, create_engine, inspect, text
from sqlalchemy.types import TypeEngine

import omsdesk.models
from omsdesk.db import MIGRATIONS, Database, DatabaseError, open_database, schema_revisions, upgrade
from omsdesk.models import Base, UTCDateTime
from tests.fixtures.database import sqlite_url
from tests.fixtures.servers import PgDatabases

FUTURE = "9999_from_the_future"


def _heads() -> set[str]:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return set(ScriptDirectory.from_config(cfg).get_heads())


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a brand-new database with no tables at all (one per module and backend: a
    PostgreSQL migration from scratch takes seconds here)."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path_factory.mktemp("migrations") / "fresh.sqlite3")
        return
    databases = PgDatabases(request.getfixturevalue("pg_url"))
    try:
        yield databases.create()
    finally:
        databases.drop_all()


@pytest.fixture(scope="module")
def migrated(empty_url: str) -> Iterator[Database]:
    db = open_database(empty_url)
    try:
        yield db
    finally:
        db.dispose()


def _stamp(url: str, *revisions: str) -> None:
    """Set the revisions a database says it is at (a newer omsdesk leaves unknown ones)."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM alembic_version"))
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:rev)"),
                         [{"rev": rev} for rev in revisions])
    finally:
        engine.dispose()


def _backups(db: Database) -> set[Path]:
    """Backup files next to a SQLite database (PostgreSQL has none)."""
    if db.dialect != "sqlite":
        return set()
    path = Path(db.engine.url.database or "")
    return set(path.parent.glob(f"{path.name}.*.bak"))


def test_fresh_database_upgrades_to_every_head(migrated: Database) -> None:
    current, known = schema_revisions(migrated)
    assert current == known == "+".join(sorted(_heads()))
    tables = set(inspect(migrated.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert {"orders", "order_lines", "stock_levels", "stock_moves", "reservations", "audit_log",
            "outbox", "channels", "customers", "products", "warehouses"} <= tables


def test_upgrading_an_up_to_date_database_does_nothing(migrated: Database) -> None:
    backups = _backups(migrated)
    assert upgrade(migrated) is None
    assert _backups(migrated) == backups


def _same_type_unless_really_different(_ctx: object, _inspected_col: object, _model_col: object,
                                      inspected: TypeEngine[object], declared: TypeEngine[object]) -> bool | None:
    # UTCDateTime is a TypeDecorator over DateTime; the database only ever reports the DateTime.
    if isinstance(declared, UTCDateTime):
        return not isinstance(inspected, DateTime)
    return None  # alembic's own comparison for everything else


def test_the_migrations_create_exactly_what_the_models_declare(migrated: Database) -> None:
    # Every model module, including those the package __init__ does not re-export.
    for module in pkgutil.iter_modules(omsdesk.models.__path__):
        importlib.import_module(f"omsdesk.models.{module.name}")
    with migrated.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": _same_type_unless_really_different})
        differences = compare_metadata(ctx, Base.metadata)
    assert differences == []


def test_upgrading_an_existing_sqlite_file_backs_it_up_first(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    url = sqlite_url(path)
    # A database an older omsdesk left: only the initial schema, with some data in it.
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0001")
            conn.execute(text("INSERT INTO counters (name, value) VALUES ('order:2026', 41)"))
    finally:
        engine.dispose()
    if _heads() == {"0001"}:
        pytest.skip("only the initial revision exists, so there is nothing to upgrade an old file to")

    db = open_database(url)
    try:
        current, known = schema_revisions(db)
        assert current == known
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT value FROM counters")).scalar_one() == 41
    finally:
        db.dispose()

    (backup,) = tmp_path.glob("shop.sqlite3.0001.*.bak")
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert copy.execute("SELECT name, value FROM counters").fetchall() == [("order:2026", 41)]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # It is a real, openable omsdesk database at the old revision.
    old = Database(sqlite_url(backup))
    try:
        assert schema_revisions(old)[0] == "0001"
    finally:
        old.dispose()


def test_database_newer_than_this_omsdesk_is_refused_and_left_alone(migrated: Database, empty_url: str) -> None:
    before = schema_revisions(migrated)[0]
    assert before is not None
    migrated.dispose()
    backups = _backups(migrated)
    _stamp(empty_url, FUTURE)
    try:
        for migrate in (True, False):
            with pytest.raises(DatabaseError) as err:
                open_database(empty_url, migrate=migrate)
            assert str(err.value) == (f"database schema {FUTURE} is newer than this omsdesk knows; "
                                      "upgrade omsdesk first")
        assert _backups(migrated) == backups  # refused before any backup or change
        assert schema_revisions(migrated)[0] == FUTURE
    finally:
        _stamp(empty_url, *before.split("+"))
        migrated.dispose()


def test_server_that_does_not_answer_fails_fast_in_one_line() -> None:
    started = time.monotonic()
    with pytest.raises(DatabaseError) as err:
        open_database("postgresql+psycopg://clerk:secret@127.0.0.1:1/omsdesk")
    assert time.monotonic() - started < 10
    message = str(err.value)
    assert message.startswith("cannot connect to database postgresql+psycopg://clerk:***@127.0.0.1:1/omsdesk: ")
    assert "secret" not in message
    assert "\n" not in message


def test_nonsense_database_url_is_refused_by_name() -> None:
    with pytest.raises(DatabaseError, match="invalid database URL 'not a url'"):
        open_database("not a url")
