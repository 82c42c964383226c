"""`omsdesk db backup` and `db restore` as scripts use them: JSON shapes, exit 1 with one line on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.test_cli import Cli
from tests.fixtures.database import Shop, fresh_sqlite

BACKUP_KEYS = {"file", "size", "seconds", "backend", "schema", "created_at", "sha256", "tables", "rows",
               "row_counts"}
RESTORE_KEYS = {"backend", "backup_schema", "schema", "upgraded", "kept_aside", "rows", "ledger_ok",
                "chain_ok", "invoice_records", "seconds"}


@pytest.fixture
def cli(sqlite_template: Path, tmp_path: Path) -> Cli:
    db = fresh_sqlite(sqlite_template, tmp_path / "shop.sqlite3")
    shop = Shop(db)
    shop.warehouses(("MAD",))
    shop.order({shop.product("TAZA-1"): 1})
    db.dispose()
    return Cli(tmp_path / "shop.sqlite3", tmp_path / "home")


def test_backup_and_restore_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    made = json.loads(cli.ok("db", "backup", "--json"))
    assert made.keys() >= BACKUP_KEYS
    path = Path(made["file"])
    assert path.parent == tmp_path / "home" / "data" / "backups" and path.exists()
    assert made["backend"] == "sqlite" and made["row_counts"]["orders"] == 1
    restored = json.loads(cli.ok("db", "restore", str(path), "--json"))
    assert restored.keys() >= RESTORE_KEYS
    assert restored["ledger_ok"] and restored["chain_ok"] and not restored["upgraded"]
    assert Path(restored["kept_aside"]).exists()


def test_backup_to_a_named_file_refuses_to_overwrite(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "mine.zip"
    assert "mine.zip" in cli.ok("db", "backup", "--out", str(out))
    assert "exists already" in cli.refused_here("db", "backup", "--out", str(out))


@pytest.mark.parametrize("content", [None, b"", b"garbage"])
def test_restore_of_a_missing_or_broken_file_exits_1_and_writes_nothing(
        cli: Cli, tmp_path: Path, content: bytes | None) -> None:
    bad = tmp_path / "bad.zip"
    if content is not None:
        bad.write_bytes(content)
    before = cli.dump()
    cli.refused_here("db", "restore", str(bad))
    assert cli.dump() == before
    assert sorted(p.name for p in cli.path.parent.iterdir() if p.name.startswith("shop.sqlite3.")) == []


def test_the_process_reports_a_refusal_in_one_line(cli: Cli, tmp_path: Path) -> None:
    line = cli.refused("db", "restore", str(tmp_path / "nowhere.zip"))
    assert "no backup file" in line
