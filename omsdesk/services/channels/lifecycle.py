"""A channel's life: disable, enable, remove (archived, its orders stay), and when the sync may try it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Channel, ConflictError, OutboxMessage
from omsdesk.models.base import utcnow
from omsdesk.models.roles import Permission
from omsdesk.models.sync_state import ChannelSyncState
from omsdesk.services import audit
from omsdesk.services.channels.channels import mark_health, sync_channel, sync_state
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require

# Outbox states that still mean "to be delivered to this channel".
UNDELIVERED = ("pending", "sending")
HOLD_REMOVED, HOLD_DISABLED, HOLD_CONFIG = "removed", "disabled", "config"


@dataclass(frozen=True)
class ChannelChange:
    """What a lifecycle action left: the channel's state and the outbox messages it dropped."""

    code: str
    active: bool
    removed: bool
    dropped_messages: int = 0


def sync_hold(session: Session, channel: Channel, *, explicit: bool = False) -> str:
    """Why the sync must not contact this channel now ('' when it may).

    'removed' and 'disabled' always hold; 'config' (a configuration error recorded against
    the channel's current settings) holds the scheduler and `sync --once`, not a run the user
    asked for by name (`explicit`).
    """
    if channel.removed_at is not None:
        return HOLD_REMOVED
    if not channel.active:
        return HOLD_DISABLED
    if explicit:
        return ""
    st = session.get(ChannelSyncState, channel.id)  # read only: callers may hold a read session
    if st is not None and st.config_invalid and st.config_fingerprint == channel.settings_fingerprint():
        return HOLD_CONFIG
    return ""


def _live_channel(session: Session, code: str) -> Channel:
    channel = sync_channel(session, code)
    if channel.removed_at is not None:
        raise ConflictError(f"channel '{code}' was removed; its orders and history are kept, "
                            "but it cannot be changed")
    return channel


def undelivered_count(session: Session, channel_id: int) -> int:
    """Outbox messages of this channel not delivered yet (pending or being sent)."""
    return int(session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.channel_id == channel_id, OutboxMessage.status.in_(UNDELIVERED))) or 0)


def disable_channel(db: Database, code: str, *, actor: Actor) -> ChannelChange:
    """Stop syncing a channel: no pulls, no pushes; its orders and queued messages stay."""
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"disable {code}")
        channel = _live_channel(s, code)
        if channel.active:
            channel.active = False
            audit.record(s, actor, entity="channel", entity_id=channel.id, reference=code,
                         action="disable", from_status="active", to_status="disabled")
        return ChannelChange(code, False, False)


def enable_channel(db: Database, code: str, *, actor: Actor) -> ChannelChange:
    """Sync a disabled channel again; a recorded configuration error is forgotten (a fresh try)."""
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"enable {code}")
        channel = _live_channel(s, code)
        st = sync_state(s, channel.id)
        st.config_invalid, st.config_fingerprint = False, ""
        if not channel.active:
            channel.active = True
            audit.record(s, actor, entity="channel", entity_id=channel.id, reference=code,
                         action="enable", from_status="disabled", to_status="active")
        return ChannelChange(code, True, False)


def remove_channel(db: Database, code: str, *, actor: Actor, force: bool = False) -> ChannelChange:
    """Archive a channel: it leaves the lists and the sync; orders, SKU mappings and runs stay.

    Refused while messages for it wait in the outbox (shipments, cancellations, stock the shop
    has not heard of), unless `force`: they are then closed as 'skipped', never sent.
    """
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"remove {code}")
        channel = _live_channel(s, code)
        waiting = undelivered_count(s, channel.id)
        if waiting and not force:
            raise ConflictError(
                f"channel '{code}' still has {waiting} message(s) to deliver (shipments, "
                "cancellations or stock); let the sync send them, or remove it with --force "
                "to drop them")
        if waiting:
            s.execute(update(OutboxMessage).where(
                OutboxMessage.channel_id == channel.id, OutboxMessage.status.in_(UNDELIVERED))
                .values(status="skipped", delivered_at=utcnow(),
                        last_error="not sent: the channel was removed")
                .execution_options(synchronize_session=False))
        before = "active" if channel.active else "disabled"
        channel.active = False
        channel.removed_at = utcnow()
        audit.record(s, actor, entity="channel", entity_id=channel.id, reference=code,
                     action="remove", from_status=before, to_status="removed",
                     reason=f"{waiting} undelivered message(s) dropped" if waiting else "")
        return ChannelChange(code, False, True, waiting)


def note_connection_test(db: Database, code: str, *, health: str, error: str = "") -> None:
    """Record what a "Test connection" found: a success lifts every failure flag (a configuration
    error included, so the sync tries the channel again); a failure sets the matching one."""
    with db.write() as s:
        channel = sync_channel(s, code)
        st = sync_state(s, channel.id)
        if health == "ok":
            st.offline = st.credentials_invalid = st.config_invalid = False
            st.config_fingerprint, st.last_error = "", ""
        else:
            mark_health(s, st, health, error)
