"""The backup file: a zip holding manifest.json and the payload (a SQLite file or pg_dump output)."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path
from typing import BinaryIO

from omsdesk.services.backup.manifest import MANIFEST_NAME, BackupError, Manifest

CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def write_archive(out: Path, manifest: Manifest, payload: Path) -> int:
    """Write the archive next to `out` and move it in place at the end; returns its size.

    A half-written file never carries the final name, so retention and restore only ever see
    complete backups.
    """
    # pg_dump -Fc output is compressed already; a SQLite file shrinks to about a fifth.
    method = zipfile.ZIP_STORED if manifest.backend == "postgresql" else zipfile.ZIP_DEFLATED
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=method, compresslevel=6, allowZip64=True) as zf:
            zf.writestr(MANIFEST_NAME, manifest.to_json(), compress_type=zipfile.ZIP_DEFLATED)
            zf.write(payload, manifest.payload)
        with partial.open("rb") as f:
            os.fsync(f.fileno())
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return out.stat().st_size


def read_manifest(path: Path) -> Manifest:
    """The manifest of a backup file, checked; BackupError for a missing or broken file."""
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if MANIFEST_NAME not in names:
                raise BackupError(f"{path.name} is not an omsdesk backup (no {MANIFEST_NAME})")
            manifest = Manifest.from_json(zf.read(MANIFEST_NAME))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupError(f"{path.name} is damaged or not an omsdesk backup: {exc}") from exc
    if manifest.payload not in names:
        raise BackupError(f"{path.name} is incomplete: it has no {manifest.payload}")
    return manifest


def extract_payload(path: Path, manifest: Manifest, dest: Path) -> None:
    """Copy the payload out to `dest`, checking its size and sha256 against the manifest."""
    try:
        with dest.open("wb") as out:
            _check_payload(path, manifest, out)
    except BackupError:
        dest.unlink(missing_ok=True)
        raise


def verify_archive(path: Path) -> Manifest:
    """Read the manifest and check the payload's checksum without writing anything."""
    manifest = read_manifest(path)
    _check_payload(path, manifest, None)
    return manifest


def _check_payload(path: Path, manifest: Manifest, out: BinaryIO | None) -> None:
    digest = hashlib.sha256()
    size = 0
    try:
        with zipfile.ZipFile(path) as zf, zf.open(manifest.payload) as src:
            while block := src.read(CHUNK):
                digest.update(block)
                size += len(block)
                if out is not None:
                    out.write(block)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupError(f"{path.name} is damaged: {exc}") from exc
    if size != manifest.payload_size or digest.hexdigest() != manifest.payload_sha256:
        raise BackupError(f"{path.name} fails its checksum: the file is damaged or was altered")
