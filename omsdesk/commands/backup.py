"""`omsdesk db backup` and `omsdesk db restore`: a whole database to one file and back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.config import load_settings
from omsdesk.db import Database
from omsdesk.services.backup.backup import BackupResult, backup_database
from omsdesk.services.backup.restore import RestoreResult, restore_database
from omsdesk.services.backup.schedule import default_folder


def register(dsub: argparse._SubParsersAction) -> None:
    """Add `backup` and `restore` to the `db` command's actions."""
    bk = dsub.add_parser("backup", help="a consistent copy of the live database in one file, with a manifest")
    bk.add_argument("--out", metavar="FILE", type=Path,
                    help="the backup file or a folder (default: the daily backups' folder, "
                         "else backups/ in the user data directory)")
    add_json_flag(bk)
    bk.set_defaults(func=_backup)
    rs = dsub.add_parser("restore", help="replace the database with a backup (the current one is kept aside)")
    rs.add_argument("file", metavar="FILE", type=Path)
    add_json_flag(rs)
    rs.set_defaults(func=_restore)


def _backup(ctx: CliContext) -> int:
    out: Path = ctx.args.out or default_folder(load_settings())
    if ctx.args.out is None:
        out.mkdir(parents=True, exist_ok=True)
    # As it is: a backup taken before an upgrade is what one wants to have.
    db = Database(ctx.url)
    try:
        result = backup_database(db, out)
    finally:
        db.dispose()
    if ctx.args.json:
        print_json(backup_json(result))
    else:
        m = result.manifest
        print(f"backup {result.path}: {m.backend} schema {m.schema}, {len(m.row_counts)} tables, "
              f"{m.rows:,} rows, {result.size / 1e6:.1f} MB in {result.seconds:.1f} s")
    return 0


def _restore(ctx: CliContext) -> int:
    def say(message: str, _percent: int) -> None:
        # Steps only for a person watching: a script reads one line on failure (docs/cli.md).
        if not ctx.args.json and sys.stderr.isatty():
            print(f"... {message}", file=sys.stderr)

    result = restore_database(ctx.url, ctx.args.file, actor=ctx.actor, progress=say)
    if ctx.args.json:
        print_json(restore_json(result))
    else:
        upgraded = f", upgraded from {result.backup_schema}" if result.upgraded else ""
        aside = f"; the previous database is kept as {result.kept_aside}" if result.kept_aside else ""
        print(f"restored {ctx.args.file} ({result.rows:,} rows): schema {result.schema}{upgraded}; "
              f"stock ledger and invoice chain verified ({result.consistency.chain_records} records){aside}")
    return 0


def backup_json(result: BackupResult) -> dict[str, Any]:
    return {"file": str(result.path), "size": result.size, "seconds": round(result.seconds, 3),
            **result.manifest.summary(), "row_counts": dict(result.manifest.row_counts)}


def restore_json(result: RestoreResult) -> dict[str, Any]:
    return {"backend": result.backend, "backup_schema": result.backup_schema, "schema": result.schema,
            "upgraded": result.upgraded, "kept_aside": result.kept_aside, "rows": result.rows,
            "ledger_ok": not result.consistency.ledger_problems, "chain_ok": result.consistency.chain_ok,
            "invoice_records": result.consistency.chain_records, "seconds": round(result.seconds, 3)}
