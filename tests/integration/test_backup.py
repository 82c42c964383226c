"""Backup and restore: a backup taken while another process writes restores whole, on SQLite and
PostgreSQL; bad files are refused with nothing changed; the current database is kept aside."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from omsdesk.db import Database, _alembic_config, schema_revisions
from omsdesk.models import Order
from omsdesk.services.backup import pg_payload
from omsdesk.services.backup.archive import read_manifest, write_archive
from omsdesk.services.backup.backup import backup_database
from omsdesk.services.backup.manifest import MANIFEST_NAME, BackupError
from omsdesk.services.backup.restore import restore_database
from omsdesk.services.invoicing.records import verify_chain
from tests.fixtures.database import ACTOR, Shop, ledger_problems, sqlite_url
from tests.fixtures.servers import PgDatabaseFactory
from tests.integration.backup_writer import SKUS
from tests.integration.test_invoicing import setup_company

ROOT = Path(__file__).resolve().parents[2]


def _orders(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Order)) or 0)


def _stocked_shop(db: Database) -> Shop:
    shop = Shop(db)
    shop.warehouses(("MAD", "BCN"))
    setup_company(db)
    for sku in SKUS:
        shop.product(sku)
        shop.stock(sku, 50, "MAD")
    return shop


class Target:
    """Where a test restores to: a SQLite file or a PostgreSQL database of the same server."""

    def __init__(self, url: str, pg_base: str | None) -> None:
        self.url = url
        self.pg_base = pg_base

    def open(self) -> Database:
        return Database(self.url)


@pytest.fixture
def target(db: Database, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Target]:
    """An empty target of the backend `db` is on; databases kept aside by a restore are dropped."""
    if db.dialect == "sqlite":
        yield Target(sqlite_url(tmp_path / "restored" / "omsdesk.sqlite3"), None)
        return
    factory: PgDatabaseFactory = request.getfixturevalue("pg_database_factory")
    url = factory()
    try:
        yield Target(url, url)
    finally:
        base = pg_payload.url_of(url)
        admin = Database(base.set(database="postgres").render_as_string(hide_password=False))
        try:
            with admin.engine.connect() as conn:
                names = conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                                     {"p": f"{base.database}_%"}).scalars().all()
        finally:
            admin.dispose()
        for name in names:
            pg_payload.drop_database(base, name)


def _wait_for(condition: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not callable(condition) or not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


class Writer:
    """tests/integration/backup_writer.py in its own process."""

    def __init__(self, url: str, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.integration.backup_writer", url, str(folder)],
                                     cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)

    @property
    def rounds(self) -> int:
        path = self.folder / "count"
        assert self.proc.poll() is None or self.proc.returncode == 0, self.proc.stderr
        return int(path.read_text()) if path.exists() else 0

    def stop(self) -> None:
        (self.folder / "stop").touch()
        _, err = self.proc.communicate(timeout=60)
        assert self.proc.returncode == 0, err


@pytest.mark.timeout(300)
def test_a_backup_taken_while_another_process_writes_restores_to_a_consistent_database(
        db: Database, target: Target, tmp_path: Path) -> None:
    _stocked_shop(db)
    writer = Writer(db.url, tmp_path / "writer")
    try:
        _wait_for(lambda: writer.rounds >= 5)
        rounds: dict[str, int] = {}

        def watch(message: str, _percent: int) -> None:
            rounds[message] = writer.rounds

        result = backup_database(db, tmp_path / "live.zip", progress=watch)
        after = writer.rounds
        _wait_for(lambda: writer.rounds >= after + 3)
    finally:
        writer.stop()
    manifest = result.manifest
    # The writer went on through the backup and after it: the backup holds some of its orders, not all.
    assert 5 <= rounds["copying the database"] <= rounds["computing the checksum"]
    assert 0 < manifest.row_counts["orders"] < _orders(db)
    assert manifest.row_counts["invoice_records"] >= 5

    restored_result = restore_database(target.url, result.path, actor=ACTOR)
    assert restored_result.consistency.ok
    restored = target.open()
    try:
        # Checked again here with the test suite's own ledger check, independent of the service's.
        assert ledger_problems(restored) == []
        chain = verify_chain(restored)
        assert chain.ok, chain.problem
        assert chain.records == manifest.row_counts["invoice_records"]
        assert _orders(restored) == manifest.row_counts["orders"]
        assert schema_revisions(restored)[0] == schema_revisions(db)[0]
    finally:
        restored.dispose()


def test_restore_keeps_the_current_database_aside(db: Database, target: Target, tmp_path: Path) -> None:
    shop = _stocked_shop(db)
    shop.order({SKUS[0]: 1})
    backup = backup_database(db, tmp_path / "one-order.zip").path
    current = target.open()
    try:
        # The target is a live shop of its own: three orders, already at this schema.
        restore_database(target.url, backup, actor=ACTOR)
        other = Shop(current)
        for _ in range(2):
            other.order({SKUS[1]: 1})
        assert _orders(current) == 3
    finally:
        current.dispose()

    result = restore_database(target.url, backup, actor=ACTOR)
    assert result.kept_aside
    restored = target.open()
    try:
        assert _orders(restored) == 1
    finally:
        restored.dispose()
    if target.pg_base is None:
        aside = Database(sqlite_url(Path(result.kept_aside)))
    else:
        aside = Database(make_url(target.url).set(database=result.kept_aside).render_as_string(
            hide_password=False))
    try:
        assert _orders(aside) == 3
    finally:
        aside.dispose()


# -- refusals: one clear reason, the current database untouched --------------------------------


def _rewrite(source: Path, dest: Path, *, manifest: bytes | None = None, flip_byte: bool = False) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dest, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == MANIFEST_NAME and manifest is not None:
                data = manifest
            elif item.filename != MANIFEST_NAME and flip_byte:
                data = data[:5000] + bytes([data[5000] ^ 0xFF]) + data[5001:]
            zout.writestr(item.filename, data)
    return dest


@pytest.fixture
def sqlite_backup(sqlite_db: Database, tmp_path: Path) -> Path:
    shop = _stocked_shop(sqlite_db)
    shop.order({SKUS[0]: 2})
    return backup_database(sqlite_db, tmp_path / "good.zip").path


@pytest.fixture
def live(sqlite_db: Database, tmp_path: Path) -> Iterator[Path]:
    """A SQLite target holding a shop; the refusal tests check it keeps every byte."""
    path = tmp_path / "live" / "omsdesk.sqlite3"
    restore_database(sqlite_url(path), backup_database(sqlite_db, tmp_path / "live.zip").path, actor=ACTOR)
    yield path


def _untouched(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_backup_from_a_newer_schema_is_refused(sqlite_backup: Path, live: Path, tmp_path: Path) -> None:
    manifest = read_manifest(sqlite_backup)
    newer = replace(manifest, schema_revisions=(*manifest.schema_revisions, "9999_from_the_future"))
    bad = _rewrite(sqlite_backup, tmp_path / "newer.zip", manifest=newer.to_json())
    before = live.read_bytes()
    with pytest.raises(BackupError, match="newer omsdesk"):
        restore_database(sqlite_url(live), bad, actor=ACTOR)
    _untouched(live, before)


def test_a_payload_that_fails_its_checksum_is_refused(sqlite_backup: Path, live: Path, tmp_path: Path) -> None:
    bad = _rewrite(sqlite_backup, tmp_path / "altered.zip", flip_byte=True)
    before = live.read_bytes()
    with pytest.raises(BackupError, match="checksum"):
        restore_database(sqlite_url(live), bad, actor=ACTOR)
    _untouched(live, before)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a zip", b"just text"])
def test_a_file_that_is_not_a_backup_is_refused(content: bytes, live: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(content)
    before = live.read_bytes()
    with pytest.raises(BackupError):
        restore_database(sqlite_url(live), bad, actor=ACTOR)
    _untouched(live, before)


def test_a_sqlite_backup_is_not_restored_into_postgresql(sqlite_backup: Path) -> None:
    with pytest.raises(BackupError, match="sqlite database"):
        restore_database("postgresql+psycopg://nobody@127.0.0.1:1/none", sqlite_backup, actor=ACTOR)


def test_rows_that_differ_from_the_manifest_are_refused(sqlite_backup: Path, live: Path, tmp_path: Path) -> None:
    manifest = read_manifest(sqlite_backup)
    counts = dict(manifest.row_counts, orders=manifest.row_counts["orders"] + 1)
    bad = _rewrite(sqlite_backup, tmp_path / "counts.zip", manifest=replace(manifest, row_counts=counts).to_json())
    before = live.read_bytes()
    with pytest.raises(BackupError, match="row counts"):
        restore_database(sqlite_url(live), bad, actor=ACTOR)
    _untouched(live, before)


# -- an older backup is brought up to this schema ------------------------------------------------


def test_a_backup_of_an_older_schema_is_upgraded_on_restore(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    older = Database(sqlite_url(old))
    try:
        with older.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0001")
        at, head = schema_revisions(older)
        assert at is not None and at != head
        backup = backup_database(older, tmp_path / "old.zip")
    finally:
        older.dispose()
    assert backup.manifest.schema == at
    result = restore_database(sqlite_url(tmp_path / "new.sqlite3"), backup.path, actor=ACTOR)
    assert result.upgraded and result.backup_schema == at and result.schema == head
    # No stray upgrade copies: the archive is the backup.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.sqlite3", "old.sqlite3", "old.zip"]


def test_write_archive_never_leaves_a_partial_file_under_the_final_name(tmp_path: Path, sqlite_backup: Path) -> None:
    manifest = read_manifest(sqlite_backup)
    out = tmp_path / "never.zip"
    with pytest.raises(OSError):
        write_archive(out, manifest, tmp_path / "missing-payload")
    assert not out.exists() and not (tmp_path / "never.zip.partial").exists()
