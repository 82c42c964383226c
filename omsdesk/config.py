"""Settings: database URL, workstation identity, per-workstation preferences in a JSON file."""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_data_dir

APP = "omsdesk"
ENV_DB = "OMSDESK_DATABASE_URL"


def data_dir() -> Path:
    override = os.environ.get("OMSDESK_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get("OMSDESK_CONFIG_DIR")
    return Path(override) if override else Path(user_config_dir(APP, appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'omsdesk.sqlite3'}"


SETTINGS_DB_KEY = "database_url"  # the shared server `omsdesk db connect` saved (no password)


def database_url(explicit: str | None = None) -> str:
    """--db wins, then OMSDESK_DATABASE_URL, then the server `omsdesk db connect` saved, then
    the SQLite file in the user data directory."""
    return explicit or os.environ.get(ENV_DB) or configured_database_url() or default_database_url()


def configured_database_url() -> str | None:
    value = load_settings().get(SETTINGS_DB_KEY)
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class Identity:
    user: str
    workstation: str


def current_identity() -> Identity:
    user = os.environ.get("OMSDESK_USER") or _login_name()
    station = os.environ.get("OMSDESK_WORKSTATION") or socket.gethostname()
    return Identity(user=user, workstation=station)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry inside some containers
        return "unknown"


def settings_file() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> dict[str, Any]:
    """Per-workstation preferences (printers per document, language); never secrets."""
    path = settings_file()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(data: dict[str, Any]) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(path)  # atomic, so a crash never leaves half a settings file


ENV_CLAIM_TIMEOUT = "OMSDESK_CLAIM_TIMEOUT"
DEFAULT_CLAIM_TIMEOUT_S = 120.0


def claim_timeout_seconds(settings: dict[str, Any] | None = None) -> float:
    """How long a desk may stay silent before its pick claims expire (issue 17): the
    workstation setting `claim_timeout_s`, then OMSDESK_CLAIM_TIMEOUT, then 2 minutes."""
    for raw in ((settings or {}).get("claim_timeout_s"), os.environ.get(ENV_CLAIM_TIMEOUT)):
        try:
            value = float(raw) if raw not in (None, "") else 0.0
        except (TypeError, ValueError):
            continue
        if value > 0:
            return value
    return DEFAULT_CLAIM_TIMEOUT_S
