"""Make a backup of a live database: a consistent copy, its manifest, one archive file."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from omsdesk import __version__
from omsdesk.db import Database
from omsdesk.services.backup import pg_payload, sqlite_payload
from omsdesk.services.backup.archive import sha256_of, write_archive
from omsdesk.services.backup.manifest import BackupError, Manifest

# (what is happening, percent done) for a progress bar; called from the working thread.
Progress = Callable[[str, int], None]
NAME_PREFIX = "omsdesk-backup-"
NAME_SUFFIX = ".zip"


def no_progress(_message: str, _percent: int) -> None:
    return None


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    size: int
    seconds: float


def backup_name(at: datetime) -> str:
    """The file name of a backup taken at `at`; names sort in time order."""
    return f"{NAME_PREFIX}{at.astimezone(UTC):%Y%m%dT%H%M%SZ}{NAME_SUFFIX}"


def backup_database(db: Database, out: Path, *, progress: Progress = no_progress) -> BackupResult:
    """Write a backup of `db` to `out` (a file, or a folder to put a dated file in).

    Safe while other workstations and processes write: the payload is one snapshot of the
    database (SQLite backup API, or pg_dump from an exported snapshot) and the manifest's row
    counts are read from that same snapshot.
    """
    started = time.monotonic()
    db.check()
    created = datetime.now(UTC).replace(microsecond=0)
    if out.is_dir():
        out = out / backup_name(created)
    if out.exists():
        raise BackupError(f"{out} exists already; choose another file")
    backend = db.dialect
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(f"cannot back up a {backend} database")
    with tempfile.TemporaryDirectory(prefix="omsdesk-backup-", dir=out.parent if out.parent.exists() else None) as tmp:
        payload = Path(tmp) / "payload"
        progress("copying the database", 10)
        module = sqlite_payload if backend == "sqlite" else pg_payload
        revisions, counts = module.snapshot(db, payload)
        if not revisions:
            raise BackupError("the database has no omsdesk schema; nothing to back up")
        progress("computing the checksum", 60)
        manifest = Manifest(backend=backend, schema_revisions=revisions, created_at=created,
                            payload_size=payload.stat().st_size, payload_sha256=sha256_of(payload),
                            row_counts=counts, omsdesk_version=__version__, source=db.display_url)
        progress("writing the backup file", 70)
        size = write_archive(out, manifest, payload)
    progress("done", 100)
    return BackupResult(out, manifest, size, time.monotonic() - started)
