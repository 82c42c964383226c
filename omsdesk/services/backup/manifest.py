"""What a backup archive says about itself: format, backend, schema, time, row counts, checksum."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from omsdesk.models.errors import OmsError

FORMAT = "omsdesk-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
BACKENDS = ("sqlite", "postgresql")
# The payload's name inside the archive, per backend.
PAYLOADS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(OmsError):
    """A backup that cannot be made or a file that cannot be restored; nothing was changed."""


@dataclass(frozen=True)
class Manifest:
    backend: str
    schema_revisions: tuple[str, ...]
    created_at: datetime  # UTC
    payload_size: int
    payload_sha256: str
    row_counts: dict[str, int] = field(default_factory=dict)
    omsdesk_version: str = ""
    source: str = ""  # the database URL, without its password
    format_version: int = FORMAT_VERSION

    @property
    def payload(self) -> str:
        return PAYLOADS[self.backend]

    @property
    def schema(self) -> str:
        return "+".join(self.schema_revisions)

    @property
    def rows(self) -> int:
        return sum(self.row_counts.values())

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT, "format_version": self.format_version, "backend": self.backend,
            "schema_revisions": list(self.schema_revisions), "created_at": self.created_at.isoformat(),
            "omsdesk_version": self.omsdesk_version, "source": self.source, "payload": self.payload,
            "payload_size": self.payload_size, "payload_sha256": self.payload_sha256,
            "row_counts": dict(sorted(self.row_counts.items())),
        }
        return json.dumps(data, indent=2).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        """Read and check a manifest; BackupError says in one line what is wrong with it."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BackupError(f"the backup's manifest is not valid JSON: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError("not an omsdesk backup (its manifest names another format)")
        version = data.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise BackupError(f"backup format {version} is newer than this omsdesk reads "
                              f"({FORMAT_VERSION}); upgrade omsdesk first")
        try:
            manifest = cls(
                backend=str(data["backend"]),
                schema_revisions=tuple(str(r) for r in data["schema_revisions"]),
                created_at=datetime.fromisoformat(str(data["created_at"])),
                payload_size=int(data["payload_size"]),
                payload_sha256=str(data["payload_sha256"]),
                row_counts={str(k): int(v) for k, v in dict(data.get("row_counts") or {}).items()},
                omsdesk_version=str(data.get("omsdesk_version", "")),
                source=str(data.get("source", "")),
                format_version=version,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise BackupError(f"the backup's manifest is incomplete or malformed: {exc!r}") from exc
        if manifest.backend not in BACKENDS:
            raise BackupError(f"the backup is of an unknown database kind '{manifest.backend}'")
        if len(manifest.payload_sha256) != 64:
            raise BackupError("the backup's manifest has no valid checksum")
        return manifest

    def summary(self) -> dict[str, Any]:
        """The manifest as plain data, for --json and the GUI."""
        return {"backend": self.backend, "schema": self.schema, "created_at": self.created_at,
                "omsdesk_version": self.omsdesk_version, "source": self.source,
                "payload_size": self.payload_size, "sha256": self.payload_sha256,
                "tables": len(self.row_counts), "rows": self.rows}
