"""Outgoing mail: SMTP transport and the outbox delivery of purchase orders mailed to suppliers.

At-least-once like the rest of the outbox: a message is claimed, sent, then marked delivered.
Each mail's Message-ID comes from the outbox idempotency key, so a resend after a crash is
the same message to the supplier's mail system, not a new order.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate

from sqlalchemy import select, update

from omsdesk.db import Database
from omsdesk.models import OmsError, OutboxMessage
from omsdesk.models.base import utcnow
from omsdesk.services.channels.channels import finish_run, start_run
from omsdesk.services.channels.mail import (
    MAIL_CODE,
    PURCHASE_ORDER_EMAIL,
    MailSettings,
    mail_channel_id,
    mail_settings_in,
)
from omsdesk.services.goods_in.purchasing import purchase_order_pdf
from omsdesk.sync.engine import RunReport, classify
from omsdesk.sync.errors import AuthError, ChannelUnavailable, SyncError
from omsdesk.sync.redaction import redact
from omsdesk.sync.secrets import SecretUnavailable, load_secret

JOB = "send_mail"
TIMEOUT = 30.0
MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=5)
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=2)
NOT_SET_UP = ("outgoing mail is not set up: run 'omsdesk mail set --host HOST --from ADDRESS' "
              "(the message waits in the outbox)")


class MailRefused(SyncError):
    """The mail server refused this message for good (bad recipient, message rejected)."""


def smtp_send(settings: MailSettings, password: str, message: EmailMessage,
              timeout: float = TIMEOUT) -> None:
    """Hand one message to the configured SMTP server; SyncError subclasses say what went wrong."""
    context = ssl.create_default_context()
    try:
        client = (smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
                  if settings.security == "ssl" else smtplib.SMTP(settings.host, settings.port,
                                                                  timeout=timeout))
        with client:
            if settings.security == "starttls":
                client.starttls(context=context)
            if settings.user:
                client.login(settings.user, password)
            client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise AuthError(f"the mail server refused the login {settings.user!r}: {exc.smtp_code}",
                        channel=MAIL_CODE) from None
    except smtplib.SMTPRecipientsRefused as exc:
        who = ", ".join(exc.recipients)
        raise MailRefused(f"the mail server refused the recipient {who}", channel=MAIL_CODE) from None
    except smtplib.SMTPResponseException as exc:
        detail = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) \
            else str(exc.smtp_error)
        if 500 <= exc.smtp_code < 600:
            raise MailRefused(f"the mail server refused the message: {exc.smtp_code} {detail}",
                              channel=MAIL_CODE) from None
        raise ChannelUnavailable(f"the mail server answered {exc.smtp_code} {detail}; retrying later",
                                 channel=MAIL_CODE) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise ChannelUnavailable(f"cannot reach the mail server {settings.host}:{settings.port}: "
                                 f"{exc}", channel=MAIL_CODE) from None


def message_id(idempotency_key: str, settings: MailSettings) -> str:
    """A Message-ID that is the same for every send of one outbox message."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:32]
    return f"<{digest}@{settings.from_address.rpartition('@')[2]}>"


def purchase_order_mail(settings: MailSettings, *, to: str, reference: str, supplier: str,
                        pdf: bytes, idempotency_key: str) -> EmailMessage:
    """The supplier's mail: a short text in Spanish and English, the PO PDF attached."""
    msg = EmailMessage()
    msg["From"] = settings.from_address
    msg["To"] = to
    msg["Subject"] = f"Pedido de compra {reference} / Purchase order {reference}"
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = message_id(idempotency_key, settings)
    msg.set_content(
        f"Estimado proveedor {supplier}:\n\nAdjuntamos el pedido de compra {reference}. "
        "Por favor, confirme la recepción y la fecha de entrega.\n\n"
        f"Dear {supplier},\n\nPlease find attached purchase order {reference}. "
        "Kindly confirm receipt and the delivery date.\n")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"{reference}.pdf")
    return msg


def send_test_mail(settings: MailSettings, password: str, to: str) -> None:
    """Send a short test message now (for `omsdesk mail test`)."""
    msg = EmailMessage()
    msg["From"], msg["To"] = settings.from_address, to
    msg["Subject"] = "omsdesk: prueba de correo saliente / outgoing mail test"
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg.set_content("Este mensaje confirma que omsdesk puede enviar correo.\n"
                    "This message confirms omsdesk can send mail.\n")
    smtp_send(settings, password, msg)


def mail_password(settings: MailSettings) -> str:
    """The login password from the keyring ('' when the server takes mail without login)."""
    if not settings.user:
        return ""
    try:
        return load_secret(MAIL_CODE)
    except SecretUnavailable as exc:
        raise SecretUnavailable(f"no mail password in the keyring for {settings.user} "
                                "(run 'omsdesk mail set ... --password-stdin')"
                                if "no secret stored" in str(exc) else str(exc)) from None


Sender = Callable[[MailSettings, str, EmailMessage], None]


@dataclass
class _Tally:
    delivered: int = 0
    failed: int = 0
    waiting: int = 0
    error: str = ""
    health: str = "ok"

    def report(self) -> RunReport:
        status = "failed" if self.health != "ok" else ("partial" if self.failed else "ok")
        return RunReport(MAIL_CODE, JOB, status, {"delivered": self.delivered, "failed": self.failed,
                                                  "waiting": self.waiting}, self.error, self.health)


def deliver_mail(db: Database, *, ids: Sequence[int] | None = None, now: datetime | None = None,
                 send: Sender = smtp_send) -> RunReport:
    """Send the due purchase-order mails (or exactly the messages `ids`, due or not).

    A server that cannot be reached or refuses the login leaves every message waiting with
    the error and a growing delay; a message the server refuses for good is marked failed
    with its reason, and the others go on. The run is recorded on the mail channel.
    """
    now = now or utcnow()
    tally = _Tally()
    with db.read() as s:
        settings = mail_settings_in(s)
        channel_id = mail_channel_id(s)
        stmt = select(OutboxMessage.id, OutboxMessage.payload, OutboxMessage.idempotency_key).where(
            OutboxMessage.topic == PURCHASE_ORDER_EMAIL, OutboxMessage.status == "pending")
        stmt = stmt.where(OutboxMessage.id.in_(list(ids))) if ids is not None else \
            stmt.where(OutboxMessage.next_attempt_at <= now)
        due = list(s.execute(stmt.order_by(OutboxMessage.id)))
    if not due:
        return tally.report()
    if settings is None or channel_id is None:
        _note(db, [mid for mid, _, _ in due], NOT_SET_UP)
        tally.waiting, tally.error, tally.health = len(due), NOT_SET_UP, "error"
        return tally.report()
    run_id = start_run(db, channel_id, JOB)
    try:
        password = mail_password(settings)
    except SecretUnavailable as exc:
        return _away(db, run_id, [mid for mid, _, _ in due], exc, tally, now)
    for index, (mid, payload, key) in enumerate(due):
        _claim(db, mid, now)
        reference = str(payload["reference"])
        try:
            pdf = purchase_order_pdf(db, reference, language=str(payload.get("language") or "es"))
            send(settings, password, purchase_order_mail(
                settings, to=str(payload["to"]), reference=reference,
                supplier=str(payload.get("supplier") or ""), pdf=pdf, idempotency_key=key))
        except (MailRefused, OmsError) as exc:
            # Refused for good, or the purchase order cannot be printed: retrying cannot help.
            _settle(db, mid, "failed", str(exc), now)
            tally.failed += 1
            tally.error = str(exc)
            continue
        except SyncError as exc:
            # The server is away or refused us: nothing else will get through this run either.
            return _away(db, run_id, [m for m, _, _ in due[index:]], exc, tally, now)
        _settle(db, mid, "delivered", "", now)
        tally.delivered += 1
    report = tally.report()
    finish_run(db, run_id, status=report.status, error=report.error,
               counts={"delivered": tally.delivered, "failed": tally.failed})
    return report


def _away(db: Database, run_id: int, ids: list[int], exc: Exception, tally: _Tally,
          now: datetime) -> RunReport:
    tally.error = redact(str(exc))
    _postpone(db, ids, tally.error, now)
    tally.waiting += len(ids)
    tally.health = classify(exc)
    if tally.health == "error":
        tally.health = "offline"  # never reached the point of a refusal: the server is away
    finish_run(db, run_id, status="failed", error=tally.error, health=tally.health,
               counts={"delivered": tally.delivered, "failed": tally.failed})
    return tally.report()


def _note(db: Database, ids: list[int], error: str) -> None:
    with db.write() as s:
        s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids)).values(last_error=error)
                  .execution_options(synchronize_session=False))


def _claim(db: Database, mid: int, now: datetime) -> None:
    with db.write() as s:
        s.execute(update(OutboxMessage).where(OutboxMessage.id == mid)
                  .values(status="sending", next_attempt_at=now + LEASE)
                  .execution_options(synchronize_session=False))


def _settle(db: Database, mid: int, status: str, error: str, now: datetime) -> None:
    with db.write() as s:
        msg = s.get(OutboxMessage, mid)
        if msg is not None:
            msg.attempts += 1
            msg.status, msg.last_error = status, error[:2000]
            msg.delivered_at = now if status == "delivered" else None


def _postpone(db: Database, ids: list[int], error: str, now: datetime) -> None:
    """Back to pending with the error; parked as failed after MAX_ATTEMPTS."""
    with db.write() as s:
        for msg in s.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))):
            msg.attempts += 1
            msg.last_error = error[:2000]
            if msg.attempts >= MAX_ATTEMPTS:
                msg.status = "failed"
            else:
                msg.status = "pending"
                msg.next_attempt_at = now + min(BACKOFF_MAX, BACKOFF_BASE * 2 ** (msg.attempts - 1))
