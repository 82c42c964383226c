"""The buyer's mail for one queued event: facts read at send time, the shop's templates, text + HTML.

Templates are files, `resources/mail/<language>/<event>.txt` and `.html`, so a shop can change
the wording: a file of the same name under `<data dir>/mail/<language>/` wins (docs/mail-templates.md).
A template's first line is `Subject: ...`, then a blank line and the body; `$name` places a
value (HTML-escaped in the .html file) and a line starting `?name:` is kept only when that value
is not empty (the tracking link of a parcel that has one).
"""

from __future__ import annotations

import html
import os
import string
import sys
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.config import data_dir
from omsdesk.documents.formats import format_day, format_money
from omsdesk.models import Channel, Order, OrderStatus, Shipment
from omsdesk.models.invoice import CompanySettings
from omsdesk.services.buyer_mail import (
    CONFIRMED,
    HANDED_OVER,
    buyer_address,
    buyer_language,
)
from omsdesk.services.channels.mail import MailSettings
from omsdesk.services.tracking_links import tracking_url

LANGUAGES = ("es", "en")


class NothingToSend(Exception):
    """This mail has no reason to go any more (no address, handed over at the counter, cancelled)."""


class TemplateError(Exception):
    """A shop's template cannot be used (no Subject line, an unknown $name)."""


def resources_dir() -> Path:
    """The resources/ folder: beside the package in a checkout, in _MEIPASS in a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "resources" if bundle else Path(__file__).resolve().parents[2] / "resources"


def template_dirs() -> tuple[Path, ...]:
    """Where templates are looked for, the shop's own first."""
    override = os.environ.get("OMSDESK_MAIL_TEMPLATES")
    shop = Path(override) if override else data_dir() / "mail"
    return (shop, resources_dir() / "mail")


def _template(event: str, language: str, ext: str) -> str:
    for base in template_dirs():
        path = base / language / f"{event}.{ext}"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise TemplateError(f"no mail template {language}/{event}.{ext} in {', '.join(map(str, template_dirs()))}")


def _fill(text: str, values: dict[str, str], escape: bool) -> str:
    kept = []
    for line in text.splitlines():
        if line.startswith("?") and ":" in line:
            name, _, rest = line[1:].partition(":")
            if not values.get(name.strip()):
                continue
            line = rest[1:] if rest.startswith(" ") else rest
        kept.append(line)
    safe = {k: html.escape(v) for k, v in values.items()} if escape else values
    try:
        return string.Template("\n".join(kept)).substitute(safe)
    except (KeyError, ValueError) as exc:
        raise TemplateError(f"mail template uses an unknown or malformed placeholder: {exc}") from None


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def render(event: str, language: str, values: dict[str, str]) -> RenderedMail:
    """The subject, plain text and HTML of one event's mail in `language`."""
    source = _template(event, language, "txt")
    head, sep, body = source.partition("\n\n")
    if not sep or not head.startswith("Subject:"):
        raise TemplateError(f"mail template {language}/{event}.txt must start with 'Subject: ...' and a blank line")
    subject = _fill(head.removeprefix("Subject:").strip(), values, escape=False)
    text = _fill(body.strip("\n"), values, escape=False) + "\n"
    markup = _fill(_template(event, language, "html"), values, escape=True)
    return RenderedMail(" ".join(subject.split()), text, markup)


@dataclass(frozen=True)
class BuyerMail:
    to: str
    language: str
    event: str
    values: dict[str, str]


def buyer_mail_facts(session: Session, payload: dict[str, object], settings: MailSettings) -> BuyerMail:
    """What the mail says, read now (the tracking link as it is now); NothingToSend when it should not go."""
    order = session.scalar(select(Order).where(Order.reference == str(payload["order"])))
    if order is None:
        raise NothingToSend(f"order {payload['order']} no longer exists")
    event = str(payload["event"])
    if event == CONFIRMED and order.status == OrderStatus.CANCELLED.value:
        raise NothingToSend(f"order {order.reference} was cancelled before its confirmation went")
    if event == CONFIRMED and order.shipments and all(
            p.carrier.strip().lower() == HANDED_OVER for p in order.shipments):
        raise NothingToSend(f"order {order.reference} was handed over at the counter")
    to = buyer_address(session, order)
    if not to:
        raise NothingToSend(f"the buyer of {order.reference} has no e-mail address")
    language = buyer_language(session, order)
    company = session.get(CompanySettings, 1)  # read only: never created here
    channel = session.get(Channel, order.channel_id)
    values = {
        "shop": settings.sender_name or (company.name if company else "") or (channel.name if channel else ""),
        "buyer": (order.customer_name or order.ship_name or "").strip(),
        "order": order.reference,
        "total": format_money(order.total, order.currency, language),
        "placed": format_day(order.placed_at.date(), language),
        "shop_email": settings.from_address,
        "carrier": "", "tracking": "", "tracking_url": "", "day": "", "reason": str(payload.get("reason") or ""),
        "items": "\n".join(f"  {ln.qty} x {ln.name}" for ln in order.lines),
        "ship_to": ", ".join(x for x in (order.ship_line1, order.ship_postcode, order.ship_city) if x),
    }
    if payload.get("shipment_id") is not None:
        parcel = session.get(Shipment, int(str(payload["shipment_id"])))
        if parcel is None:
            raise NothingToSend(f"parcel {payload['shipment_id']} of {order.reference} no longer exists")
        moment = parcel.delivered_at if event != "shipped" and parcel.delivered_at else parcel.shipped_at
        values.update(carrier=parcel.carrier, tracking=parcel.tracking,
                      tracking_url=tracking_url(parcel.carrier, parcel.tracking, settings.tracking_url),
                      day=format_day(moment.date(), language) if moment else "")
    return BuyerMail(to, language, event, values)


def sender(settings: MailSettings) -> str:
    """The From header: the shop's name and address."""
    return formataddr((settings.sender_name, settings.from_address)) if settings.sender_name \
        else settings.from_address


def buyer_message(mail: BuyerMail, settings: MailSettings, message_id: str) -> EmailMessage:
    """The MIME message: plain text with an HTML alternative, in the buyer's language."""
    rendered = render(mail.event, mail.language, mail.values)
    msg = EmailMessage()
    msg["From"] = sender(settings)
    msg["To"] = mail.to
    msg["Subject"] = rendered.subject
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = message_id
    # RFC 3834: an automatic notification; auto-responders should not answer it.
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(rendered.text)
    msg.add_alternative(rendered.html, subtype="html")
    # After the parts exist: making the message multipart moves Content-* headers into its first part.
    msg["Content-Language"] = mail.language
    return msg


def sample_values(language: str) -> dict[str, str]:
    """Values to preview a template with (the docs and the template test)."""
    if language not in LANGUAGES:
        raise ValueError(language)
    return {"shop": "Tienda Sol", "buyer": "Lucía Fernández", "order": "SO-2026-000123",
            "total": format_money(4235, "EUR", language), "placed": "01/12/2026", "shop_email": "hola@sol.example",
            "carrier": "correos", "tracking": "PK123456789ES",
            "tracking_url": tracking_url("correos", "PK123456789ES"), "day": "02/12/2026",
            "reason": "", "items": "  1 x Lámpara", "ship_to": "Calle Mayor 1, 28013, Madrid"}
