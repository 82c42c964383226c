"""What every CLI command shares: the opened database, the acting user, JSON output."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import sys
from datetime import date, datetime
from enum import Enum
from typing import Any

from omsdesk.config import database_url
from omsdesk.db import Database, open_database
from omsdesk.models.errors import SignInRequired
from omsdesk.models.roles import Permission
from omsdesk.services.context import Actor

ENV_PIN = "OMSDESK_PIN"
ENV_APPROVER_PIN = "OMSDESK_APPROVER_PIN"
# Keyring entry of a service account's token (services/users: `omsdesk users add --service`).
TOKEN_ENTRY = "user-token:{login}"


def read_secret(prompt: str) -> str:
    """One secret line: typed without echo at a terminal, else the next line of standard input."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


class CliContext:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.url = database_url(getattr(args, "db", None))
        self._db: Database | None = None
        # Setup mode (no users yet): the OS login or OMSDESK_USER, as before. sign_in() replaces it.
        self.actor = Actor.current()

    def sign_in(self) -> None:
        """Sign in as --user (and --approver) before the command runs, reading their secrets.

        The PIN comes from OMSDESK_PIN, else a service account's token from the keyring, else
        standard input (first line; the approver's PIN is the next line or OMSDESK_APPROVER_PIN).
        """
        login = getattr(self.args, "sign_in_user", None)
        approver = getattr(self.args, "sign_in_approver", None)
        if not login:
            if approver:
                raise SignInRequired("--approver goes with --user: the approval is for a signed-in user",
                                     user=self.actor.user, workstation=self.actor.workstation,
                                     permission="sign-in")
            return
        from omsdesk.models import ValidationError
        from omsdesk.services.users.permissions import users_exist
        from omsdesk.services.users.sign_in import sign_in

        with self.db.read() as s:
            if not users_exist(s):
                raise ValidationError("there are no users yet (setup mode): run without --user, or create "
                                      "the administrator first with `omsdesk users add LOGIN --role administrator`")
        station = self.actor.workstation
        actor = sign_in(self.db, login, self._secret(login, ENV_PIN), workstation=station)
        if approver:
            manager = sign_in(self.db, approver, self._secret(approver, ENV_APPROVER_PIN),
                              workstation=station, purpose="approve")
            actor = actor.approved_by(manager)
        self.actor = actor

    def require(self, permission: Permission | None = None) -> None:
        """Refuse (and audit) a command that changes nothing in the database itself (a keyring
        secret, the sync daemon) unless the signed-in user may run it; open in setup mode."""
        from omsdesk.services.users.permissions import check_signed_in, require

        with self.db.write() as s:
            if permission is None:
                check_signed_in(s, self.actor)
            else:
                require(s, self.actor, permission)

    def _secret(self, login: str, env: str) -> str:
        given = os.environ.get(env)
        if given:
            return given
        token = _service_token(login)
        return token if token is not None else read_secret(f"PIN for {login}: ")

    @property
    def db(self) -> Database:
        if self._db is None:
            # Like the app on start: upgrade the schema (backing up a SQLite file first).
            self._db = open_database(self.url, migrate=True)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def _service_token(login: str) -> str | None:
    """A service account's token from the keyring; None when the keyring has none (a person)."""
    from omsdesk.sync.secrets import SecretUnavailable, load_secret

    try:
        return load_secret(TOKEN_ENTRY.format(login=login.strip().lower()))
    except SecretUnavailable:
        return None


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


def positive_int(text: str) -> int:
    """An argparse type: a whole number above zero, with a one-line reason otherwise (exit 2)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("must be greater than zero")
    return n


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
