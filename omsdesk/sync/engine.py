"""One order pull for one channel: pages in, cursor forward after each committed page, health kept."""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from omsdesk.db import Database
from omsdesk.models import Channel
from omsdesk.models.sync_state import ChannelSyncState
from omsdesk.services.channels.channels import finish_run, save_cursor, shop_channel, start_run
from omsdesk.services.context import SYSTEM, Actor
from omsdesk.services.intake.imports import ImportCounts, quarantine_response
from omsdesk.sync.collector import fewer_collections
from omsdesk.sync.connector import ChannelConfig, Connector, OrderPage
from omsdesk.sync.errors import (
    AuthError,
    BadResponse,
    ChannelUnavailable,
    ConfigurationError,
    RateLimited,
    SyncError,
)
from omsdesk.sync.importer import cancel_deleted, import_orders
from omsdesk.sync.registry import create_connector
from omsdesk.sync.secrets import SecretUnavailable, load_secret
from omsdesk.sync.turns import Turns, waiting

log = logging.getLogger(__name__)

# Seconds the importer waits for its turn before storing a page anyway (see turns.py).
TURN_TIMEOUT = 2.0

# Builds a connector for a channel row (tests and the demo inject their own).
ConnectorFactory = Callable[[Channel], Connector]


@dataclass(frozen=True)
class RunReport:
    """The outcome of one job on one channel, for the CLI (--json) and the GUI bridge."""

    channel: str
    job: str
    status: str
    counts: dict[str, int] = field(default_factory=dict)
    error: str = ""
    health: str = "ok"
    cursor: str = ""
    warnings: tuple[str, ...] = ()


def channel_config(channel: Channel, secret: str) -> ChannelConfig:
    """The connector configuration of a channel row."""
    options = {str(k): str(v) for k, v in (channel.settings or {}).items()}
    return ChannelConfig(name=channel.name or channel.code, type=channel.kind, url=channel.url,
                         secret=secret, options=options)


def default_factory(**http_options: Any) -> ConnectorFactory:
    """Connectors built from the registry with the secret from the keyring."""
    def build(channel: Channel) -> Connector:
        secret = load_secret(channel.code) if channel.kind != "demo" else ""
        return create_connector(channel_config(channel, secret), **http_options)

    return build


def classify(exc: BaseException) -> str:
    """Channel health after a failure: 'config', 'auth', 'offline' or 'error'.

    'config' (a wrong address, certificate or API path) stops the automatic sync of the
    channel until its settings change or the user tests it again; 'offline' is retried.
    """
    if isinstance(exc, ConfigurationError):
        return "config"
    if isinstance(exc, AuthError | SecretUnavailable):
        return "auth"
    if isinstance(exc, ChannelUnavailable | RateLimited):
        return "offline"
    return "error"


def prefetched(pages: Iterator[OrderPage], turns: Turns) -> Iterator[OrderPage]:
    """Fetch the next page in a background thread while the caller stores this one.

    The shop's answer time (network, its own database) then overlaps our inserts; pages
    still arrive one at a time and in order, so the cursor logic is unchanged. The fetching
    thread parses only while it holds `turns` (see omsdesk/sync/turns.py); the caller holds
    it while it stores.
    """
    slot: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def produce() -> None:
        with turns.turn():
            try:
                for page in pages:
                    with waiting():
                        while not stop.is_set():
                            try:
                                slot.put(("page", page), timeout=0.1)
                                break
                            except queue.Full:
                                continue
                    if stop.is_set():
                        return
                with waiting():
                    slot.put(("end", None))
            except BaseException as exc:  # handed to the consumer, which raises it
                with waiting():
                    slot.put(("error", exc))
            finally:
                # Stopped early, the connector's generator is closed here, in the thread that
                # runs it, and at once: a bulk export's reader process goes with it.
                close = getattr(pages, "close", None)
                if close is not None:
                    close()

    worker = threading.Thread(target=produce, name="sync-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            kind, value = slot.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            slot.get_nowait()
        worker.join(timeout=30)


def pull_orders(db: Database, channel_code: str, *, factory: ConnectorFactory | None = None,
                actor: Actor = SYSTEM, auto_allocate: bool = True,
                progress: Callable[[ImportCounts], None] | None = None) -> RunReport:
    """Import every order changed since the channel's cursor; never raises for shop trouble."""
    with db.read() as s:
        channel = shop_channel(s, channel_code)
        state = s.get(ChannelSyncState, channel.id)
        cursor = state.cursor if state else ""
    run_id = start_run(db, channel.id, "pull_orders", cursor)
    counts = ImportCounts()
    connector: Connector | None = None
    try:
        connector = (factory or default_factory())(channel)
        turns = Turns()
        with fewer_collections():
            for page in prefetched(connector.pull_orders(cursor or None), turns):
                # A fetcher that keeps its turn through an unmarked wait delays a page by at
                # most this long, then both run.
                with turns.turn(timeout=TURN_TIMEOUT):
                    counts.add(import_orders(db, channel_code, page.orders, page.rejected,
                                             actor=actor, auto_allocate=auto_allocate))
                    if page.next_cursor:
                        with db.write() as s:
                            # Only after the page is committed: a crash re-reads it, never
                            # skips it.
                            save_cursor(s, channel.id, page.next_cursor, run_id)
                        cursor = max(cursor, page.next_cursor)
                if progress is not None:
                    progress(counts)
        # Orders deleted on the shop never come back in a page: ask about the open ones.
        counts.updated += cancel_deleted(db, channel_code, connector, actor=actor)
    except (SyncError, SecretUnavailable) as exc:
        health = classify(exc)
        if isinstance(exc, BadResponse):
            quarantine_response(db, channel_code, str(exc), exc.body_excerpt)
        log.warning("%s: order pull failed (%s): %s", channel_code, health, exc)
        finish_run(db, run_id, status="failed", error=str(exc), counts=counts.as_dict(),
                   cursor=cursor, health=health)
        return RunReport(channel_code, "pull_orders", "failed", counts.as_dict(), str(exc),
                         health, cursor)
    except Exception as exc:
        # A bug or a database error: the run is closed as failed (and the error kept) so the
        # scheduler goes on with the other channels; the traceback goes to the log.
        log.exception("%s: order pull crashed", channel_code)
        finish_run(db, run_id, status="failed", error=f"{type(exc).__name__}: {exc}",
                   counts=counts.as_dict(), cursor=cursor, health="error")
        return RunReport(channel_code, "pull_orders", "failed", counts.as_dict(),
                         f"{type(exc).__name__}: {exc}", "error", cursor)
    finally:
        if connector is not None:
            connector.close()
    warnings = tuple(connector.warnings) if connector is not None else ()
    status = "ok" if not counts.failed else "partial"
    finish_run(db, run_id, status=status, counts=counts.as_dict(), cursor=cursor,
               warnings="\n".join(warnings))
    return RunReport(channel_code, "pull_orders", status, counts.as_dict(), "", "ok", cursor,
                     warnings)
