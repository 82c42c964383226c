"""Channel actions that reach past the database: test the connection, remove with its secret."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from omsdesk.db import Database
from omsdesk.models import ConflictError
from omsdesk.services.channels.channels import shop_channel
from omsdesk.services.channels.lifecycle import ChannelChange, note_connection_test, remove_channel
from omsdesk.services.context import Actor
from omsdesk.sync.engine import ConnectorFactory, classify, default_factory
from omsdesk.sync.errors import SyncError
from omsdesk.sync.secrets import SecretUnavailable, delete_secret

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConnectionReport:
    """What "Test connection" found for one channel; `health` as the Sync view shows it."""

    code: str
    ok: bool
    health: str  # ok | config | auth | offline | error
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def check_channel_connection(db: Database, code: str, *,
                             factory: ConnectorFactory | None = None) -> ConnectionReport:
    """Reach the shop with its secret: address, TLS, credentials, and (Shopify) version and scopes.

    The outcome is recorded as the channel's health: a success lifts a configuration error,
    so this is also how a user asks the sync to try a held channel again. Messages carry no
    secret (the HTTP client redacts them).
    """
    with db.read() as s:
        channel = shop_channel(s, code)
        if channel.removed_at is not None:
            raise ConflictError(f"channel '{code}' was removed")
        s.expunge(channel)
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()
    try:
        connector = (factory or default_factory())(channel)
    except (SyncError, SecretUnavailable) as exc:
        problems, health = (str(exc),), classify(exc)
    else:
        try:
            check = connector.check_connection()
            problems, notes = check.problems, check.notes
            health = "ok" if check.ok else "error"
        except (SyncError, SecretUnavailable) as exc:
            problems, health = (str(exc),), classify(exc)
        finally:
            connector.close()
    note_connection_test(db, code, health=health, error="\n".join(problems))
    return ConnectionReport(code, not problems, health, tuple(problems), tuple(notes))


@dataclass(frozen=True)
class Removal:
    """A removed channel, and whether its secret left the keyring too."""

    change: ChannelChange
    secret_deleted: bool
    note: str = ""


def remove_channel_and_secret(db: Database, code: str, *, actor: Actor,
                              force: bool = False) -> Removal:
    """Archive the channel (see services.channels.lifecycle.remove_channel), then forget its secret.

    The database change comes first: a keyring that cannot be reached leaves the secret
    behind (said in `note`), never a half-removed channel.
    """
    change = remove_channel(db, code, actor=actor, force=force)
    try:
        delete_secret(code)
    except SecretUnavailable as exc:
        log.warning("%s removed, but its secret could not be deleted: %s", code, exc)
        return Removal(change, False, f"the secret could not be deleted from the keyring: {exc}")
    return Removal(change, True)
