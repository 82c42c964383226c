"""Outgoing mail: SMTP transport and the outbox delivery of purchase orders to suppliers and buyer mails.

At-least-once like the rest of the outbox: a message is claimed, sent, then marked delivered.
Each mail's Message-ID comes from the outbox idempotency key, so a resend after a crash is
the same message to the supplier's or buyer's mail system, not a new one.
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
from omsdesk.services.buyer_mail import BUYER_EMAIL
from omsdesk.services.channels.channels import finish_run, start_run
from omsdesk.services.channels.mail import (
    MAIL_CODE,
    PURCHASE_ORDER_EMAIL,
    MailSettings,
    mail_channel_id,
    mail_settings_in,
)
from omsdesk.services.goods_in.purchasing import purchase_order_pdf
from omsdesk.sync.buyer_mail import (
    NothingToSend,
    TemplateError,
    buyer_mail_facts,
    buyer_message,
    sender,
)
from omsdesk.sync.engine import RunReport, classify
from omsdesk.sync.errors import AuthError, ChannelUnavailable, ConfigurationError, SyncError
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


class MailDeferred(SyncError):
    """The mail server put this one message off (a 4xx to its recipient or data): try it later."""


def _said(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(text.split())}".strip()


def smtp_send(settings: MailSettings, password: str, message: EmailMessage,
              timeout: float = TIMEOUT) -> None:
    """Hand one message to the configured SMTP server; SyncError subclasses say what went wrong.

    RFC 5321 section 4.2.1: a 5yz reply is a permanent refusal (MailRefused, the message is
    parked), a 4yz reply a transient one (MailDeferred, tried again later); a server that cannot
    be reached, drops the line or fails TLS is ChannelUnavailable / ConfigurationError and leaves
    every message waiting.
    """
    where = f"{settings.host}:{settings.port}"
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
        raise AuthError(f"the mail server {where} refused the login {settings.user!r} ({_said(exc)}): "
                        "check the user and the password in the keyring", channel=MAIL_CODE) from None
    except smtplib.SMTPRecipientsRefused as exc:
        codes = {who: code for who, (code, _text) in exc.recipients.items()}
        said = "; ".join(f"{who}: {code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
                         for who, (code, text) in exc.recipients.items())
        if all(code >= 500 for code in codes.values()):
            raise MailRefused(f"the mail server refused the recipient {said}", channel=MAIL_CODE) from None
        raise MailDeferred(f"the mail server put off the recipient {said}; retrying later",
                           channel=MAIL_CODE) from None
    except smtplib.SMTPNotSupportedError:
        raise ConfigurationError(f"the mail server {where} does not offer STARTTLS or login: change the "
                                 "security setting (TLS on port 465, or none on this machine)",
                                 channel=MAIL_CODE) from None
    except smtplib.SMTPResponseException as exc:
        if 500 <= exc.smtp_code < 600:
            raise MailRefused(f"the mail server refused the message: {_said(exc)}", channel=MAIL_CODE) from None
        raise MailDeferred(f"the mail server answered {_said(exc)}; retrying later", channel=MAIL_CODE) from None
    except ssl.SSLError as exc:
        raise ConfigurationError(f"TLS with the mail server {where} failed ({exc.reason or exc}): check the "
                                 "security setting and the port (STARTTLS is usually 587, TLS 465)",
                                 channel=MAIL_CODE) from None
    except ConnectionRefusedError:
        raise ChannelUnavailable(f"the mail server {where} refused the connection: is it running, is the "
                                 "port right?", channel=MAIL_CODE) from None
    except smtplib.SMTPServerDisconnected as exc:
        raise ChannelUnavailable(f"the mail server {where} closed the connection ({exc or 'mid-send'}); "
                                 "the message is sent again later, as the same message", channel=MAIL_CODE) from None
    except TimeoutError:
        raise ChannelUnavailable(f"the mail server {where} did not answer within {timeout:.0f} s",
                                 channel=MAIL_CODE) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise ChannelUnavailable(f"cannot reach the mail server {where}: {exc}", channel=MAIL_CODE) from None


def message_id(idempotency_key: str, settings: MailSettings) -> str:
    """A Message-ID that is the same for every send of one outbox message."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:32]
    return f"<{digest}@{settings.from_address.rpartition('@')[2]}>"


def purchase_order_mail(settings: MailSettings, *, to: str, reference: str, supplier: str,
                        pdf: bytes, idempotency_key: str) -> EmailMessage:
    """The supplier's mail: a short text in Spanish and English, the PO PDF attached."""
    msg = EmailMessage()
    msg["From"] = sender(settings)
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
    msg["From"], msg["To"] = sender(settings), to
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


MAIL_TOPICS = (PURCHASE_ORDER_EMAIL, BUYER_EMAIL)


@dataclass
class _Tally:
    delivered: int = 0
    failed: int = 0
    waiting: int = 0
    skipped: int = 0
    error: str = ""
    health: str = "ok"

    def report(self) -> RunReport:
        status = "failed" if self.health != "ok" else ("partial" if self.failed else "ok")
        return RunReport(MAIL_CODE, JOB, status, {"delivered": self.delivered, "failed": self.failed,
                                                  "waiting": self.waiting, "skipped": self.skipped},
                         self.error, self.health)


def _message(db: Database, settings: MailSettings, topic: str, payload: dict[str, object],
             key: str) -> EmailMessage:
    """The mail an outbox message stands for; its Message-ID comes from the outbox key."""
    if topic == BUYER_EMAIL:
        with db.read() as s:
            facts = buyer_mail_facts(s, payload, settings)
        return buyer_message(facts, settings, message_id(key, settings))
    reference = str(payload["reference"])
    pdf = purchase_order_pdf(db, reference, language=str(payload.get("language") or "es"))
    return purchase_order_mail(settings, to=str(payload["to"]), reference=reference,
                               supplier=str(payload.get("supplier") or ""), pdf=pdf, idempotency_key=key)


def deliver_mail(db: Database, *, ids: Sequence[int] | None = None, now: datetime | None = None,
                 send: Sender = smtp_send) -> RunReport:
    """Send the due mails, to suppliers and to buyers (or exactly the messages `ids`, due or not).

    A server that cannot be reached, drops the line or refuses the login leaves every message
    waiting with the error and a growing delay; a message it puts off (4xx) waits alone; one it
    refuses for good (5xx) is parked as failed with its reason (the exceptions inbox shows it)
    and the others go on. A buyer mail with nobody to go to is skipped with that note. The run
    is recorded on the mail channel.
    """
    now = now or utcnow()
    tally = _Tally()
    with db.read() as s:
        settings = mail_settings_in(s)
        channel_id = mail_channel_id(s)
        stmt = select(OutboxMessage.id, OutboxMessage.topic, OutboxMessage.payload,
                      OutboxMessage.idempotency_key).where(
            OutboxMessage.topic.in_(MAIL_TOPICS), OutboxMessage.status == "pending")
        stmt = stmt.where(OutboxMessage.id.in_(list(ids))) if ids is not None else \
            stmt.where(OutboxMessage.next_attempt_at <= now)
        due = list(s.execute(stmt.order_by(OutboxMessage.id)))
    if not due:
        return tally.report()
    if settings is None or channel_id is None:
        _note(db, [mid for mid, _, _, _ in due], NOT_SET_UP)
        tally.waiting, tally.error, tally.health = len(due), NOT_SET_UP, "error"
        return tally.report()
    run_id = start_run(db, channel_id, JOB)
    try:
        password = mail_password(settings)
    except SecretUnavailable as exc:
        return _away(db, run_id, [mid for mid, _, _, _ in due], exc, tally, now)
    for index, (mid, topic, payload, key) in enumerate(due):
        _claim(db, mid, now)
        try:
            send(settings, password, _message(db, settings, topic, payload, key))
        except NothingToSend as exc:
            _settle(db, mid, "skipped", str(exc), now)
            tally.skipped += 1
            continue
        except (MailRefused, OmsError, TemplateError) as exc:
            # Refused for good, or the mail cannot be made (PO PDF, a shop's template): retrying
            # cannot help until someone acts; parked with the reason for the exceptions inbox.
            _settle(db, mid, "failed", str(exc), now)
            tally.failed += 1
            tally.error = str(exc)
            continue
        except MailDeferred as exc:
            # Put off by the server for this message alone (greylisting, a full mailbox).
            _postpone(db, [mid], str(exc), now)
            tally.waiting += 1
            tally.error = str(exc)
            continue
        except SyncError as exc:
            # The server is away, dropped the line or refused us: nothing else gets through now.
            return _away(db, run_id, [m for m, _, _, _ in due[index:]], exc, tally, now)
        _settle(db, mid, "delivered", "", now)
        tally.delivered += 1
    report = tally.report()
    finish_run(db, run_id, status=report.status, error=report.error,
               counts={"delivered": tally.delivered, "failed": tally.failed})
    return report


def retry_failed_mail(db: Database, ids: Sequence[int] | None = None, *, now: datetime | None = None) -> int:
    """Queue parked (failed) mails again, attempts reset: after the address or the server was fixed."""
    with db.write() as s:
        stmt = update(OutboxMessage).where(OutboxMessage.status == "failed", OutboxMessage.topic.in_(MAIL_TOPICS))
        if ids is not None:
            stmt = stmt.where(OutboxMessage.id.in_(list(ids)))
        result = s.execute(stmt.values(status="pending", attempts=0, next_attempt_at=now or utcnow())
                           .execution_options(synchronize_session=False))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


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
