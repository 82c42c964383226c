"""Outgoing mail settings (SMTP server, sender), kept on a channel row; the password lives in the keyring.

The mail server is shown and delivered to like a shop or an ERP: its sends are sync runs of a
channel of kind 'smtp', so the Sync view shows its health and the outbox names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Channel, ValidationError
from omsdesk.models.roles import Permission
from omsdesk.services import audit
from omsdesk.services.channels.channels import sync_state
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require

# Outbox topic of a purchase order's PDF mailed to its supplier (delivered by sync/mail.py).
PURCHASE_ORDER_EMAIL = "purchase_order.email"
MAIL_CODE = "mail-out"
MAIL_KIND = "smtp"
SECURITY = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
# Enough to catch a typo; the server is the judge of the rest.
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
_HOST = re.compile(r"^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$")


@dataclass(frozen=True)
class MailSettings:
    """Where outgoing mail goes: server, port, transport security, login user and sender."""

    host: str
    port: int
    security: str
    user: str
    from_address: str
    # The name buyers see beside the address ("Tienda Sol <pedidos@...>"); empty: the address alone.
    sender_name: str = ""
    # Tracking page for parcels of the manual carrier (typed tracking number), with {tracking};
    # empty: their mails carry the number without a link.
    tracking_url: str = ""

    @property
    def needs_password(self) -> bool:
        return bool(self.user)


def valid_address(address: str, what: str = "e-mail address") -> str:
    """The address trimmed, or ValidationError naming `what`."""
    address = address.strip()
    if not _ADDRESS.match(address):
        raise ValidationError(f"{what} '{address}' is not an e-mail address")
    return address


def valid_tracking_url(template: str) -> str:
    """A tracking page address with the {tracking} placeholder, or '' for none."""
    template = template.strip()
    if not template:
        return ""
    if not template.startswith(("https://", "http://")) or "{tracking}" not in template \
            or any(c.isspace() for c in template):
        raise ValidationError(f"tracking address '{template}' must be an http(s) address containing {{tracking}}")
    try:
        template.format(tracking="X")
    except (KeyError, IndexError, ValueError):
        raise ValidationError(f"tracking address '{template}' may only use the placeholder {{tracking}}") from None
    return template


def _mail_channel(session: Session) -> Channel | None:
    return session.scalar(select(Channel).where(Channel.code == MAIL_CODE))


def mail_settings_in(session: Session) -> MailSettings | None:
    """The outgoing mail settings, or None while they were never set."""
    channel = _mail_channel(session)
    if channel is None or not channel.active:
        return None
    o = channel.settings or {}
    return MailSettings(str(o.get("host") or ""), int(o.get("port") or 0), str(o.get("security") or "none"),
                        str(o.get("user") or ""), str(o.get("from_address") or ""),
                        str(o.get("sender_name") or ""), str(o.get("tracking_url") or ""))


def mail_channel_id(session: Session) -> int | None:
    """The id of the mail channel row (the outbox names it), None before mail is set up."""
    channel = _mail_channel(session)
    return channel.id if channel is not None else None


def mail_settings(db: Database) -> MailSettings | None:
    """The same as mail_settings_in, in its own read."""
    with db.read() as s:
        return mail_settings_in(s)


def set_mail_settings(db: Database, *, host: str, from_address: str, actor: Actor,
                      security: str = "starttls", port: int | None = None,
                      user: str = "", sender_name: str = "", tracking_url: str = "") -> MailSettings:
    """Validate and keep the outgoing mail settings (no password: the keyring keeps that)."""
    host = host.strip()
    if not host or not _HOST.match(host):
        raise ValidationError(f"mail server '{host}' is not a host name or address")
    if security not in SECURITY:
        raise ValidationError(f"security must be one of {', '.join(SECURITY)}, got '{security}'")
    port = DEFAULT_PORTS[security] if port is None else port
    if not 1 <= port <= 65535:
        raise ValidationError(f"port must be 1 to 65535, got {port}")
    sender_name = " ".join(sender_name.split())
    if len(sender_name) > 100 or any(c in sender_name for c in '<>"'):
        raise ValidationError("the sender name is at most 100 characters, without < > or \"")
    settings = MailSettings(host, port, security, user.strip(),
                            valid_address(from_address, "sender address"), sender_name,
                            valid_tracking_url(tracking_url))
    if settings.user and security == "none" and host not in _LOOPBACK_HOSTS:
        # A login over plain SMTP sends the password in clear: only to this machine.
        raise ValidationError("a login needs starttls or ssl (plain SMTP only to this machine)")
    values = {"host": settings.host, "port": settings.port, "security": settings.security,
              "user": settings.user, "from_address": settings.from_address,
              "sender_name": settings.sender_name, "tracking_url": settings.tracking_url}
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject="mail settings")
        channel = _mail_channel(s)
        if channel is None:
            channel = Channel(code=MAIL_CODE, name="Outgoing mail", kind=MAIL_KIND, url="",
                              settings={}, active=True)
            s.add(channel)
            s.flush()
        channel.url = f"smtp://{host}:{port}"
        channel.settings = values
        channel.active = True
        sync_state(s, channel.id)
        audit.record(s, actor, entity="channel", entity_id=channel.id, reference=MAIL_CODE,
                     action="set", reason=f"{security} {host}:{port} as {settings.from_address}")
    return settings
