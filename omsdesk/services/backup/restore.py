"""Restore a backup file: check it, bring it to this schema, check it is whole, then swap it in.

Whatever fails before the swap leaves the current database exactly as it was; the swap keeps
the current database aside (a renamed file, or a renamed PostgreSQL database).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from omsdesk.db import (
    Database,
    DatabaseError,
    check_known_revisions,
    is_at_head,
    sqlite_file,
    upgrade,
)
from omsdesk.models.roles import Permission
from omsdesk.models.users import User
from omsdesk.services import audit
from omsdesk.services.backup import pg_payload, sqlite_payload
from omsdesk.services.backup.archive import extract_payload, read_manifest
from omsdesk.services.backup.backup import Progress, no_progress
from omsdesk.services.backup.checks import Consistency, check_consistency, revisions_of, row_counts
from omsdesk.services.backup.manifest import BackupError, Manifest
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require


@dataclass(frozen=True)
class RestoreResult:
    backend: str
    backup_schema: str
    schema: str  # after the upgrade
    upgraded: bool
    kept_aside: str | None  # the file or database the current one became (None: there was none)
    rows: int
    consistency: Consistency
    seconds: float


def check_backup(path: Path, url: str) -> Manifest:
    """The manifest of a backup that this omsdesk can restore into `url`, else BackupError."""
    manifest = read_manifest(path)
    backend = make_url(url).get_backend_name()
    if backend != manifest.backend:
        raise BackupError(f"{path.name} is a backup of a {manifest.backend} database; "
                          f"it cannot be restored into a {backend} one")
    try:
        check_known_revisions(set(manifest.schema_revisions))
    except DatabaseError as exc:
        raise BackupError(f"{path.name} comes from a newer omsdesk (schema {manifest.schema}); "
                          f"upgrade omsdesk before restoring it") from exc
    return manifest


def restore_database(url: str, path: Path, *, actor: Actor, progress: Progress = no_progress) -> RestoreResult:
    """Replace the database at `url` with the backup in `path`; see the module docstring.

    Replacing the database is a settings change of the highest kind: once users exist, only a
    role with the settings permission (or a manager approving) may do it. The restored database
    records who restored it.
    """
    started = time.monotonic()
    progress("checking the backup", 5)
    manifest = check_backup(path, url)
    _check_allowed(url, actor, path)
    stamp = datetime.now(UTC)
    if manifest.backend == "sqlite":
        schema, upgraded, consistency, aside = _restore_sqlite(url, path, manifest, stamp, progress)
    else:
        schema, upgraded, consistency, aside = _restore_postgres(url, path, manifest, stamp, progress)
    _record(url, actor, path, manifest)
    progress("done", 100)
    return RestoreResult(manifest.backend, manifest.schema, schema, upgraded, aside, manifest.rows,
                         consistency, time.monotonic() - started)


def _restore_sqlite(url: str, path: Path, manifest: Manifest, stamp: datetime,
                    progress: Progress) -> tuple[str, bool, Consistency, str | None]:
    live = sqlite_file(url)
    if live is None:
        raise BackupError("cannot restore into an in-memory SQLite database")
    live.parent.mkdir(parents=True, exist_ok=True)
    work = live.with_name(f"{live.name}.restoring-{stamp:%Y%m%dT%H%M%SZ}")
    try:
        progress("unpacking and checking the checksum", 15)
        extract_payload(path, manifest, work)
        sqlite_payload.check_integrity(work)
        _same_as_manifest(manifest, *sqlite_payload.describe(work))
        schema, upgraded, consistency = _bring_up(f"sqlite:///{work}", manifest, progress)
        progress("putting the restored database in place", 90)
        aside = sqlite_payload.take_place(live, work, stamp)
    finally:
        work.unlink(missing_ok=True)
    return schema, upgraded, consistency, str(aside) if aside else None


def _restore_postgres(url: str, path: Path, manifest: Manifest, stamp: datetime,
                      progress: Progress) -> tuple[str, bool, Consistency, str | None]:
    target = pg_payload.url_of(url)
    with tempfile.TemporaryDirectory(prefix="omsdesk-restore-") as tmp:
        payload = Path(tmp) / manifest.payload
        progress("unpacking and checking the checksum", 10)
        extract_payload(path, manifest, payload)
        progress("restoring into a new database", 20)
        new_url = pg_payload.restore_into_new(target, payload, stamp)
    new_name = str(new_url.database)
    try:
        new = new_url.render_as_string(hide_password=False)
        probe = Database(new)
        try:
            with probe.engine.connect() as conn:
                _same_as_manifest(manifest, revisions_of(conn), row_counts(conn))
        finally:
            probe.dispose()
        schema, upgraded, consistency = _bring_up(new, manifest, progress)
        progress("swapping the restored database in", 90)
        aside = pg_payload.swap_in(target, new_name, stamp)
    except BaseException:
        pg_payload.drop_database(target, new_name)
        raise
    return schema, upgraded, consistency, aside


def _same_as_manifest(manifest: Manifest, revisions: tuple[str, ...], counts: dict[str, int]) -> None:
    if tuple(sorted(revisions)) != tuple(sorted(manifest.schema_revisions)):
        raise BackupError("the backup's database is not at the schema its manifest names")
    if counts != manifest.row_counts:
        differ = sorted(t for t in counts.keys() | manifest.row_counts.keys()
                        if counts.get(t) != manifest.row_counts.get(t))
        raise BackupError(f"the backup's row counts differ from its manifest ({', '.join(differ[:3])})")


def _bring_up(url: str, manifest: Manifest, progress: Progress) -> tuple[str, bool, Consistency]:
    """Upgrade a restored copy to this omsdesk's schema and check it is whole."""
    db = Database(url)
    try:
        upgraded = not is_at_head(set(manifest.schema_revisions))
        if upgraded:
            progress("upgrading the schema", 50)
            side_copy = upgrade(db)
            if side_copy:  # the archive is the backup of this copy already
                Path(side_copy).unlink(missing_ok=True)
        progress("checking the stock ledger and the invoice chain", 70)
        consistency = check_consistency(db)
        if not consistency.ok:
            raise BackupError(f"the restored database is not consistent ({consistency.describe()}); "
                              f"nothing was changed")
        with db.engine.connect() as conn:
            schema = "+".join(revisions_of(conn))
    finally:
        db.dispose()
    return schema, upgraded, consistency


def _check_allowed(url: str, actor: Actor, path: Path) -> None:
    """Refuse (audited in the current database) unless the actor may change settings.

    A database that cannot be opened at all (missing, or broken: the case a restore is for)
    has no users to ask; whoever can reach its files may restore it.
    """
    file = sqlite_file(url)
    if file is not None and not file.exists():
        return  # a new database: nobody to ask (and opening it would create the file)
    try:
        current = Database(url)
    except Exception:  # noqa: BLE001 - a database we cannot even open has no users to ask
        return
    try:
        with current.read() as s:
            s.execute(select(User.id).limit(1)).first()
    except SQLAlchemyError:
        current.dispose()
        return
    try:
        with current.write() as s:
            require(s, actor, Permission.SETTINGS, subject=f"restore {path.name}")
    finally:
        current.dispose()


def _record(url: str, actor: Actor, path: Path, manifest: Manifest) -> None:
    """The restored database's own audit trail says who restored it, from which backup."""
    restored = Database(url)
    try:
        with restored.write() as s:
            audit.record(s, actor, entity="database", entity_id=0, reference=path.name[:64], action="restore",
                         reason=f"backup of {manifest.created_at} (schema {manifest.schema}, {manifest.rows} rows)")
    finally:
        restored.dispose()
