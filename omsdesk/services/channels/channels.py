"""Shop channels: registration, SKU mapping, sync health and runs, as the CLI and Sync view use them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Channel, ConflictError, NotFound, Product, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.channel_sku import ChannelSku
from omsdesk.models.roles import Permission
from omsdesk.models.sync_state import ChannelSyncState, QuarantinedOrder, SyncRun
from omsdesk.planning.ship_by import (
    DEFAULT_CUTOFF,
    DEFAULT_HANDLING_DAYS,
    ShipByPolicy,
    parse_cutoff,
    ship_by,
)
from omsdesk.services import audit
from omsdesk.services.channels.kinds import ERP_KINDS, shop_kinds, sync_kinds
from omsdesk.services.channels.shop_mapping import ensure_shipping_product_in
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require

_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
# Plain http only to this machine (a local test shop or simulator): secrets never travel.
_LOOPBACK = re.compile(r"^http://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(/|$)")


@dataclass(frozen=True)
class ChannelInfo:
    """A shop channel with its sync health, for `channels list` and the Sync view."""

    code: str
    name: str
    kind: str
    url: str
    active: bool
    cursor: str
    last_success_at: datetime | None
    consecutive_failures: int
    offline: bool
    credentials_invalid: bool
    last_error: str
    warnings: str
    # A wrong address, certificate or API path: the sync waits for new settings or a test.
    config_invalid: bool = False

    @property
    def health(self) -> str:
        """One word for the channel's state: disabled, config, auth, offline, failing or ok."""
        if not self.active:
            return "disabled"
        if self.config_invalid:
            return "config"
        if self.credentials_invalid:
            return "auth"
        if self.offline:
            return "offline"
        return "failing" if self.consecutive_failures else "ok"


def channel_code_for(name: str) -> str:
    """A channel code from a display name: 'Tienda Núñez' -> 'tienda-nunez'."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    code = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:40]
    if not code:
        raise ValidationError(f"cannot make a channel code from the name {name!r}")
    return code


def add_channel(db: Database, *, kind: str, name: str, url: str, actor: Actor,
                code: str | None = None, settings: dict[str, Any] | None = None) -> str:
    """Register a shop channel (settings only; its secret goes to the keyring separately)."""
    if kind not in shop_kinds():
        raise ValidationError(f"channel type must be one of {', '.join(shop_kinds())}, got '{kind}'")
    code = code or channel_code_for(name)
    if not _CODE.match(code):
        raise ValidationError(f"channel code '{code}' must be lower-case letters, digits, - or _")
    url = url.strip().rstrip("/")
    if kind != "demo" and not url.startswith("https://") and not _LOOPBACK.match(url):
        raise ValidationError(f"the shop address must start with https:// (got '{url}')")
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"add channel {code}")
        existing = s.scalar(select(Channel).where(Channel.code == code))
        if existing is not None:
            removed = " (removed; its orders keep the code: choose another)" if existing.removed_at else ""
            raise ConflictError(f"a channel with code '{code}' already exists{removed}")
        channel = Channel(code=code, name=name.strip() or code, kind=kind, url=url,
                          settings=dict(settings or {}), active=True)
        s.add(channel)
        s.flush()
        s.add(ChannelSyncState(channel_id=channel.id, cursor="", consecutive_failures=0,
                               offline=False, credentials_invalid=False, last_error="",
                               warnings=""))
        audit.record(s, actor, entity="channel", entity_id=channel.id, reference=code,
                     action="create", reason=f"{kind} {url}")
        # Shipping charged by the shop always becomes an order line (so totals match the shop).
        ensure_shipping_product_in(s, channel, actor=actor)
    return code


def shop_channel(session: Session, code: str) -> Channel:
    """The shop channel with this code (NotFound names the known ones)."""
    channel = session.scalar(select(Channel).where(Channel.code == code))
    if channel is None or channel.kind not in shop_kinds():
        known = ", ".join(session.scalars(select(Channel.code).where(
            Channel.kind.in_(shop_kinds())).order_by(Channel.code)))
        raise NotFound(f"unknown shop channel '{code}'" + (f" (known: {known})" if known else ""))
    return channel


def sync_state(session: Session, channel_id: int) -> ChannelSyncState:
    """The channel's sync state row, created on first use."""
    state = session.get(ChannelSyncState, channel_id)
    if state is None:
        state = ChannelSyncState(channel_id=channel_id, cursor="", consecutive_failures=0,
                                 offline=False, credentials_invalid=False, last_error="",
                                 warnings="")
        session.add(state)
        session.flush()
    return state


def list_channels(db: Database, kinds: tuple[str, ...] | None = None) -> list[ChannelInfo]:
    """Every channel of these kinds with its health: shops by default, sync_kinds() adds ERPs.

    Removed channels are left out (their orders and history stay in the database).
    """
    kinds = shop_kinds() if kinds is None else kinds
    with db.read() as s:
        rows = s.execute(
            select(Channel, ChannelSyncState)
            .outerjoin(ChannelSyncState, ChannelSyncState.channel_id == Channel.id)
            .where(Channel.kind.in_(kinds), Channel.removed_at.is_(None))
            .order_by(Channel.code)).all()
        return [ChannelInfo(
            code=ch.code, name=ch.name, kind=ch.kind, url=ch.url, active=ch.active,
            cursor=st.cursor if st else "", last_success_at=st.last_success_at if st else None,
            consecutive_failures=st.consecutive_failures if st else 0,
            offline=bool(st and st.offline), credentials_invalid=bool(st and st.credentials_invalid),
            last_error=st.last_error if st else "", warnings=st.warnings if st else "",
            config_invalid=bool(st and st.config_invalid),
        ) for ch, st in rows]


def map_channel_sku(db: Database, channel: str, external_sku: str, sku: str, *,
                    actor: Actor) -> None:
    """Say which local product a shop SKU stands for; quarantined orders can then be re-imported."""
    external_sku = external_sku.strip()
    if not external_sku:
        raise ValidationError("the shop SKU is empty")
    with db.write() as s:
        ch = shop_channel(s, channel)
        product = s.scalar(select(Product).where(Product.sku == sku))
        if product is None:
            raise NotFound(f"unknown SKU '{sku}'")
        row = s.scalar(select(ChannelSku).where(ChannelSku.channel_id == ch.id,
                                                ChannelSku.external_sku == external_sku))
        if row is None:
            row = ChannelSku(channel_id=ch.id, external_sku=external_sku, product_id=product.id)
            s.add(row)
        row.product_id = product.id
        s.flush()
        audit.record(s, actor, entity="channel_sku", entity_id=row.id,
                     reference=f"{ch.code}:{external_sku}", action="map", reason=f"-> {sku}")


def sku_map(session: Session, channel_id: int) -> dict[str, str]:
    """Shop SKU -> local SKU for a channel's explicit mappings."""
    rows = session.execute(
        select(ChannelSku.external_sku, Product.sku)
        .join(Product, Product.id == ChannelSku.product_id)
        .where(ChannelSku.channel_id == channel_id))
    return {external: local for external, local in rows}


def sync_channel(session: Session, code: str) -> Channel:
    """The shop or ERP channel with this code (NotFound names the known ones)."""
    channel = session.scalar(select(Channel).where(Channel.code == code))
    if channel is None or channel.kind not in sync_kinds():
        known = ", ".join(session.scalars(select(Channel.code).where(
            Channel.kind.in_(sync_kinds())).order_by(Channel.code)))
        raise NotFound(f"unknown channel '{code}'" + (f" (known: {known})" if known else ""))
    return channel


def recent_runs(db: Database, channel: str | None = None, limit: int = 50) -> list[SyncRun]:
    """The latest sync runs of shops and ERPs, newest first (detached rows, read-only)."""
    with db.read() as s:
        stmt = select(SyncRun).order_by(SyncRun.id.desc()).limit(limit)
        if channel is not None:
            stmt = stmt.where(SyncRun.channel_id == sync_channel(s, channel).id)
        return list(s.scalars(stmt))


@dataclass(frozen=True)
class RunInfo:
    """One sync run as the Sync view lists it, with its channel's code."""

    id: int
    channel: str
    job: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    fetched: int
    created: int
    updated: int
    quarantined: int
    failed: int
    delivered: int
    error: str


def run_history(db: Database, limit: int = 200) -> list[RunInfo]:
    """The latest runs of every channel, newest first, for the Sync view."""
    with db.read() as s:
        rows = s.execute(select(SyncRun, Channel.code).join(Channel, Channel.id == SyncRun.channel_id)
                         .order_by(SyncRun.id.desc()).limit(limit)).all()
        return [RunInfo(r.id, code, r.job, r.started_at, r.finished_at, r.status, r.fetched,
                        r.created, r.updated, r.quarantined, r.failed, r.delivered, r.error)
                for r, code in rows]


@dataclass(frozen=True)
class QuarantineInfo:
    """An open quarantine entry: which order, why, and the raw payload as received."""

    id: int
    channel: str
    external_id: str
    number: str
    kind: str
    reason: str
    seen: int
    updated_at: datetime
    raw: dict[str, Any]


def open_quarantine_entries(db: Database, limit: int = 500) -> list[QuarantineInfo]:
    """Open quarantine entries of every channel, newest first."""
    with db.read() as s:
        rows = s.execute(select(QuarantinedOrder, Channel.code)
                         .join(Channel, Channel.id == QuarantinedOrder.channel_id)
                         .where(QuarantinedOrder.status == "open")
                         .order_by(QuarantinedOrder.id.desc()).limit(limit)).all()
        return [QuarantineInfo(q.id, code, q.external_id or "", q.external_number, q.kind, q.reason,
                               q.seen_count, q.updated_at, dict(q.raw or {})) for q, code in rows]


def start_run(db: Database, channel_id: int, job: str, cursor: str = "") -> int:
    """Open a sync-run record; returns its id."""
    with db.write() as s:
        run = SyncRun(channel_id=channel_id, job=job, cursor_before=cursor, cursor_after=cursor,
                      error="", status="running")
        s.add(run)
        st = sync_state(s, channel_id)
        st.last_attempt_at = utcnow()
        s.flush()
        return run.id


def finish_run(db: Database, run_id: int, *, status: str, error: str = "",
               counts: dict[str, int] | None = None, cursor: str | None = None,
               health: str = "ok", warnings: str = "") -> None:
    """Close a run and update the channel's health in one transaction.

    health: 'ok' (success), 'offline' (network/5xx/rate limit), 'auth' (credentials refused),
    'config' (wrong address, certificate or API path: recorded against the channel's current
    settings, which the sync then stops trying), 'error' (anything else) or 'idle' (nothing
    to send, the shop was not contacted: the channel's health stays as it was).
    """
    with db.write() as s:
        run = s.get(SyncRun, run_id)
        if run is None:
            raise NotFound(f"unknown sync run {run_id}")
        run.status, run.error, run.finished_at = status, error[:2000], utcnow()
        for name, value in (counts or {}).items():
            setattr(run, name, value)
        if cursor is not None:
            run.cursor_after = cursor
        st = sync_state(s, run.channel_id)
        if health == "idle":
            return
        if health == "ok":
            st.last_success_at = run.finished_at
            st.consecutive_failures = 0
            st.offline = False
            st.credentials_invalid = False
            st.config_invalid, st.config_fingerprint = False, ""
            st.last_error = ""
            st.warnings = warnings
        else:
            st.consecutive_failures += 1
            mark_health(s, st, health, error)


def mark_health(session: Session, st: ChannelSyncState, health: str, error: str) -> None:
    """Set a channel's failure flags from a health word ('config', 'auth', 'offline', 'error')."""
    st.offline = health == "offline"
    st.credentials_invalid = health == "auth"
    st.config_invalid = health == "config"
    channel = session.get(Channel, st.channel_id) if st.config_invalid else None
    st.config_fingerprint = channel.settings_fingerprint() if channel is not None else ""
    st.last_error = error[:2000]


def save_cursor(session: Session, channel_id: int, cursor: str, run_id: int | None = None) -> None:
    """Move the channel's order cursor forward (never back) inside the caller's transaction."""
    st = sync_state(session, channel_id)
    if cursor and (not st.cursor or cursor > st.cursor):
        st.cursor = cursor
    if run_id is not None:
        run = session.get(SyncRun, run_id)
        if run is not None:
            run.cursor_after = st.cursor


def close_stale_runs(db: Database) -> int:
    """Mark runs left 'running' by a process that died as interrupted (at scheduler start)."""
    with db.write() as s:
        stale = list(s.scalars(select(SyncRun).where(SyncRun.status == "running")))
        for run in stale:
            run.status, run.finished_at = "interrupted", utcnow()
            run.error = run.error or "the sync process stopped during this run"
        return len(stale)


def active_erp_channels(db: Database) -> list[str]:
    """Codes of the ERP channels the scheduler delivers to."""
    with db.read() as s:
        return list(s.scalars(select(Channel.code).where(
            Channel.kind.in_(ERP_KINDS), Channel.active.is_(True), Channel.removed_at.is_(None))
            .order_by(Channel.code)))


def active_shop_channels(db: Database) -> list[str]:
    """Codes of the shop channels the scheduler serves."""
    with db.read() as s:
        return list(s.scalars(select(Channel.code).where(
            Channel.kind.in_(shop_kinds()), Channel.active.is_(True), Channel.removed_at.is_(None))
            .order_by(Channel.code)))


DEMO_CODE = "demo-shop"


def register_demo_channel_in(session: Session, shop_skus: list[str], *, actor: Actor,
                             epoch: datetime | None = None) -> Channel:
    """The demo shop channel, with its SKUs mapped onto the first local products (idempotent).

    The demo shop sells its own catalogue; mapping it onto whatever products the demo
    business has also shows the SKU mapping at work.
    """
    channel = session.scalar(select(Channel).where(Channel.code == DEMO_CODE))
    if channel is not None:
        return channel
    products = list(session.scalars(select(Product).where(Product.active.is_(True),
                                                          Product.stock_tracked.is_(True))
                                    .order_by(Product.id).limit(len(shop_skus))))
    if not products:
        raise ValidationError("the demo shop needs products: seed the catalogue first")
    settings: dict[str, str] = {"demo_epoch": (epoch or utcnow()).isoformat()}
    shipping = session.scalar(select(Product.sku).where(Product.stock_tracked.is_(False),
                                                        Product.active.is_(True)).order_by(Product.id).limit(1))
    if shipping:
        settings["shipping_sku"] = shipping  # shipping charged by the shop becomes an order line
    channel = Channel(code=DEMO_CODE, name="Tienda demo", kind="demo", url="demo://local",
                      settings=settings, active=True)
    session.add(channel)
    session.flush()
    session.add(ChannelSyncState(channel_id=channel.id, cursor="", consecutive_failures=0,
                                 offline=False, credentials_invalid=False, last_error="",
                                 warnings=""))
    for shop_sku, product in zip(shop_skus, products, strict=False):
        session.add(ChannelSku(channel_id=channel.id, external_sku=shop_sku,
                               product_id=product.id))
    audit.record(session, actor, entity="channel", entity_id=channel.id, reference=DEMO_CODE,
                 action="create", reason="demo shop on loopback")
    return channel


# -- ship-by promise -----------------------------------------------------------------------------
# Kept in the channel's settings (JSON) as 'handling_days' and 'cutoff' ('HH:MM', Madrid time),
# so every kind of channel has one without a column per connector option.

HANDLING_DAYS_KEY, CUTOFF_KEY = "handling_days", "cutoff"


def ship_by_policy(channel: Channel) -> ShipByPolicy:
    """The channel's handling time and cut-off, the defaults where none were set."""
    options = channel.settings or {}
    days = options.get(HANDLING_DAYS_KEY)
    cutoff = options.get(CUTOFF_KEY)
    try:
        # `channels add --option` stores strings, `channels set` numbers: both are read.
        return ShipByPolicy(int(days) if days is not None else DEFAULT_HANDLING_DAYS,
                            parse_cutoff(str(cutoff)) if cutoff else DEFAULT_CUTOFF)
    except ValueError as exc:
        raise ValidationError(f"channel {channel.code}: {exc} (fix it with 'omsdesk channels set "
                              f"{channel.code} --handling-days N --cutoff HH:MM')") from None


def ship_by_for(session: Session, channel_id: int, placed_at: datetime) -> datetime:
    """The ship-by instant (UTC) of an order of this channel placed at `placed_at`.

    For orders whose marketplace gave no date. The channel comes from the session's identity
    map after the first order, so a batch import reads it once.
    """
    channel = session.get(Channel, channel_id)
    if channel is None:
        raise NotFound(f"unknown channel id {channel_id}")
    return ship_by_under(ship_by_policy(channel), placed_at)


def ship_by_under(policy: ShipByPolicy, placed_at: datetime) -> datetime:
    """The ship-by instant (UTC) of an order placed at `placed_at` under a channel's policy.

    For a batch that reads the channel's policy once instead of once per order.
    """
    if placed_at.tzinfo is None:
        placed_at = placed_at.replace(tzinfo=UTC)  # the database keeps UTC; SQLite drops the zone
    return ship_by(placed_at, policy)


def set_ship_by(db: Database, code: str, *, actor: Actor, handling_days: int | None = None,
                cutoff: str | None = None) -> ShipByPolicy:
    """Change a channel's handling days and/or cut-off (validated first); returns the new policy."""
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"ship-by of {code}")
        channel = s.scalar(select(Channel).where(Channel.code == code))
        if channel is None:
            known = ", ".join(s.scalars(select(Channel.code).order_by(Channel.code)))
            raise NotFound(f"unknown channel '{code}'" + (f" (known: {known})" if known else ""))
        before = ship_by_policy(channel)
        try:
            after = ShipByPolicy(before.handling_days if handling_days is None else handling_days,
                                 before.cutoff if cutoff is None else parse_cutoff(cutoff))
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        if after != before:
            # A new dict: SQLAlchemy sees a JSON column change only when the value is replaced.
            channel.settings = {**(channel.settings or {}), HANDLING_DAYS_KEY: after.handling_days,
                                CUTOFF_KEY: after.cutoff.strftime("%H:%M")}
            audit.record(s, actor, entity="channel", entity_id=channel.id, reference=code,
                         action="set_ship_by",
                         reason=f"handling {before.handling_days} -> {after.handling_days} "
                                f"working day(s), cut-off {before.cutoff:%H:%M} -> {after.cutoff:%H:%M}")
        return after


def channel_ship_by(db: Database, code: str) -> ShipByPolicy:
    """The ship-by policy of the channel with this code (any kind)."""
    with db.read() as s:
        channel = s.scalar(select(Channel).where(Channel.code == code))
        if channel is None:
            raise NotFound(f"unknown channel '{code}'")
        return ship_by_policy(channel)
