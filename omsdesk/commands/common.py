"""What every CLI command shares: the opened database, the acting user, JSON output."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import date, datetime
from enum import Enum
from typing import Any

from omsdesk.config import database_url
from omsdesk.db import Database, open_database
from omsdesk.services.context import Actor


class CliContext:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.url = database_url(getattr(args, "db", None))
        self._db: Database | None = None
        self.actor = Actor.current()

    @property
    def db(self) -> Database:
        if self._db is None:
            # Like the app on start: upgrade the schema (backing up a SQLite file first).
            self._db = open_database(self.url, migrate=True)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def print_json(value: Any) -> None:
    json.dump(to_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")


def parse_sku_quantities(items: list[str]) -> dict[str, int] | None:
    """Repeated `--line SKU:QTY` options as {sku: qty} (None when none were given)."""
    from omsdesk.models.errors import ValidationError

    if not items:
        return None
    out: dict[str, int] = {}
    for item in items:
        sku, sep, qty = item.rpartition(":")
        if not sep or not sku or not qty.isdigit() or int(qty) <= 0:
            raise ValidationError(f"--line must be SKU:QTY with a positive quantity, got '{item}'")
        out[sku] = out.get(sku, 0) + int(qty)
    return out
