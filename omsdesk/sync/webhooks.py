"""Webhook delivery: signed JSON POSTs of the queued events, retried with backoff, parked when refused.

At-least-once like the rest of the outbox: a message is claimed, POSTed, then settled. The
receiver tells a resend by `X-Omsdesk-Delivery` (the outbox idempotency key). The signature
(docs/webhooks.md) is `sha256=` + hex HMAC-SHA256 of `"<timestamp>.<body>"` under the
subscription's secret from the keyring; the timestamp is new on every attempt, so a receiver
can refuse stale replays.

Answers: 2xx delivered; 408, 429, 5xx, a timeout or no connection are tried again later
(exponential backoff, parked after MAX_ATTEMPTS); any other 4xx (and a redirect, never
followed) parks the message at once with the reason, for the exceptions inbox.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import random
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import requests
from sqlalchemy import select, update

from omsdesk import __version__
from omsdesk.db import Database
from omsdesk.models import NotFound, OutboxMessage, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.webhooks import WebhookAttempt, WebhookSubscription
from omsdesk.services.context import Actor
from omsdesk.services.webhooks import (
    PING,
    TOPIC,
    Subscription,
    add_subscription,
    check_events,
    check_url,
    iso,
    remove_subscription,
    secret_entry,
)
from omsdesk.sync.engine import RunReport
from omsdesk.sync.redaction import redact
from omsdesk.sync.secrets import (
    SecretUnavailable,
    delete_secret,
    load_secret,
    prove_keyring,
    store_secret,
)

JOB = "send_webhooks"
CODE = "webhooks"  # the job's "channel" in sync reports
TIMEOUT = 10.0
MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=5)
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=6)
RETRY_STATUSES = frozenset({408, 429})
_EXCERPT = 200


@dataclass(frozen=True)
class Answer:
    """What one POST got: a status code, or none with the transport error."""

    status_code: int | None
    error: str = ""
    retry_after: float | None = None


Poster = Callable[[str, bytes, dict[str, str], float], Answer]


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The X-Omsdesk-Signature value: sha256=<hex HMAC-SHA256 of b"<timestamp>." + body>."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def encode(body: dict[str, Any]) -> bytes:
    """The exact bytes sent (and signed): compact UTF-8 JSON with sorted keys."""
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def headers(event: str, delivery: str, secret: str, body: bytes, timestamp: int) -> dict[str, str]:
    stamp = str(timestamp)
    return {"Content-Type": "application/json", "User-Agent": f"omsdesk-webhooks/{__version__}",
            "X-Omsdesk-Event": event, "X-Omsdesk-Delivery": delivery, "X-Omsdesk-Timestamp": stamp,
            "X-Omsdesk-Signature": sign(secret, stamp, body)}


def http_post(url: str, body: bytes, head: dict[str, str], timeout: float,
              session: requests.Session | None = None) -> Answer:
    """POST once, no redirects followed, no retries here: the outbox retries."""
    try:
        response = (session or requests).post(url, data=body, headers=head, timeout=timeout,
                                              allow_redirects=False)
    except requests.Timeout:
        return Answer(None, f"no answer within {timeout:.0f} s")
    except requests.RequestException as exc:
        return Answer(None, f"cannot reach the receiver: {type(exc).__name__}")
    retry_after: float | None = None
    value = response.headers.get("Retry-After", "")
    if value.isdigit():
        retry_after = float(value)
    text = "" if response.ok else " ".join(response.text[:_EXCERPT].split())
    reason = f"HTTP {response.status_code} {response.reason or ''}".strip()
    return Answer(response.status_code, "" if response.ok else f"{reason}: {text}".rstrip(": "), retry_after)


def outcome_of(answer: Answer) -> str:
    """delivered, retry or parked for one answer (before counting attempts)."""
    code = answer.status_code
    if code is None:
        return "retry"  # timeout or no connection
    if 200 <= code < 300:
        return "delivered"
    if code in RETRY_STATUSES or code >= 500:
        return "retry"
    return "parked"  # 3xx (not followed) and the other 4xx: the receiver refuses this for good


@dataclass
class _Tally:
    delivered: int = 0
    retried: int = 0
    parked: int = 0
    skipped: int = 0
    error: str = ""

    def report(self) -> RunReport:
        status = "partial" if self.parked or self.retried else "ok"
        return RunReport(CODE, JOB, status, {"delivered": self.delivered, "failed": self.retried,
                                            "parked": self.parked, "skipped": self.skipped}, self.error,
                         "ok")


def _backoff(attempts: int, rng: Callable[[], float]) -> timedelta:
    base = min(BACKOFF_BASE * (2 ** (attempts - 1)), BACKOFF_MAX)
    return base * (0.75 + 0.5 * rng())


def webhook_secret(subscription_id: int) -> str:
    return load_secret(secret_entry(subscription_id), missing_hint=(
        f"no signing secret in the keyring for webhook {subscription_id}: remove it and add it again "
        "(omsdesk webhooks add ... --secret-stdin keeps the receiver's secret)"))


def deliver_webhooks(db: Database, *, ids: Sequence[int] | None = None, now: datetime | None = None,
                     post: Poster = http_post, rng: Callable[[], float] = random.random,
                     timeout: float = TIMEOUT) -> RunReport:
    """POST the due webhook messages (or exactly `ids`, due or not), each logged in webhook_attempts."""
    moment = now or utcnow()
    tally = _Tally()
    with db.write() as s:
        # A claim whose lease ran out: the process died mid-POST; it goes again (same delivery id).
        s.execute(update(OutboxMessage).where(OutboxMessage.topic == TOPIC, OutboxMessage.status == "sending",
                                              OutboxMessage.next_attempt_at <= moment)
                  .values(status="pending").execution_options(synchronize_session=False))
    with db.read() as s:
        stmt = select(OutboxMessage.id).where(OutboxMessage.topic == TOPIC, OutboxMessage.status == "pending")
        stmt = stmt.where(OutboxMessage.id.in_(list(ids))) if ids is not None else \
            stmt.where(OutboxMessage.next_attempt_at <= moment)
        due = list(s.scalars(stmt.order_by(OutboxMessage.id)))
    if not due:
        return tally.report()
    keys: dict[int, str] = {}  # one keyring read per subscription and pass
    with requests.Session() as http:
        # One connection per receiver for the pass (keep-alive), unless a test brings its own poster.
        send: Poster = post if post is not http_post else \
            (lambda url, body, head, wait: http_post(url, body, head, wait, http))
        for mid in due:
            _deliver_one(db, mid, moment, send, rng, timeout, tally, keys)
    return tally.report()


def _deliver_one(db: Database, mid: int, now: datetime, post: Poster, rng: Callable[[], float],
                 timeout: float, tally: _Tally, keys: dict[int, str]) -> None:
    with db.write() as s:
        msg = s.get(OutboxMessage, mid)
        if msg is None or msg.status != "pending":
            return  # another pass took it
        payload = dict(msg.payload)
        sub = s.get(WebhookSubscription, int(payload["subscription_id"]))
        if sub is None or not sub.active:
            msg.status, msg.delivered_at = "skipped", now
            msg.last_error = "webhook removed" if sub is None else "webhook switched off"
            tally.skipped += 1
            return
        msg.status, msg.next_attempt_at = "sending", now + LEASE
        url, key, sid = sub.url, msg.idempotency_key, sub.id
    body_data: dict[str, Any] = payload["body"]
    event = str(body_data.get("event") or "")
    try:
        secret = keys[sid] if sid in keys else keys.setdefault(sid, webhook_secret(sid))
    except SecretUnavailable as exc:
        answer = Answer(None, str(exc))
        duration = 0
    else:
        body = encode(body_data)
        started = time.monotonic()
        answer = post(url, body, headers(event, key, secret, body, int(time.time())), timeout)
        duration = int((time.monotonic() - started) * 1000)
    outcome = outcome_of(answer)
    error = redact(answer.error)[:2000]
    with db.write() as s:
        msg = s.get(OutboxMessage, mid)
        assert msg is not None
        msg.attempts += 1
        if outcome == "retry" and msg.attempts >= MAX_ATTEMPTS:
            outcome = "parked"
            error = f"gave up after {msg.attempts} attempts: {error}"
        msg.last_error = "" if outcome == "delivered" else f"webhook {sid} {url}: {error}"[:2000]
        if outcome == "delivered":
            msg.status, msg.delivered_at = "delivered", now
            tally.delivered += 1
        elif outcome == "parked":
            msg.status = "failed"
            tally.parked += 1
            tally.error = msg.last_error
        else:
            msg.status = "pending"
            wait = _backoff(msg.attempts, rng)
            if answer.retry_after is not None:
                wait = max(wait, timedelta(seconds=min(answer.retry_after, BACKOFF_MAX.total_seconds())))
            msg.next_attempt_at = now + wait
            tally.retried += 1
            tally.error = msg.last_error
        s.add(WebhookAttempt(at=now, subscription_id=sid, outbox_id=mid, event=event, delivery=key,
                             attempt=msg.attempts, status_code=answer.status_code, outcome=outcome,
                             error=error, duration_ms=duration))


def send_test(db: Database, subscription_id: int, *, post: Poster = http_post,
              timeout: float = TIMEOUT) -> Answer:
    """POST a signed `ping` to one subscription now (not through the outbox), logged like a delivery."""
    now = utcnow()
    with db.read() as s:
        sub = s.get(WebhookSubscription, subscription_id)
        if sub is None:
            raise NotFound(f"unknown webhook {subscription_id}")
        url = sub.url
    delivery = f"webhook:{PING}:{int(now.timestamp())}:{subscription_id}"
    secret = webhook_secret(subscription_id)
    body = encode({"event": PING, "delivery": delivery, "occurred_at": iso(now)})
    started = time.monotonic()
    answer = post(url, body, headers(PING, delivery, secret, body, int(time.time())), timeout)
    duration = int((time.monotonic() - started) * 1000)
    outcome = "delivered" if outcome_of(answer) == "delivered" else "failed"
    with db.write() as s:
        s.add(WebhookAttempt(at=now, subscription_id=subscription_id, outbox_id=None, event=PING,
                             delivery=delivery, attempt=1, status_code=answer.status_code, outcome=outcome,
                             error=redact(answer.error)[:2000], duration_ms=duration))
    return answer


def retry_failed_webhooks(db: Database, ids: Sequence[int] | None = None, *, now: datetime | None = None) -> int:
    """Queue parked webhook messages again, attempts reset (the exceptions inbox's Retry)."""
    with db.write() as s:
        stmt = update(OutboxMessage).where(OutboxMessage.status == "failed", OutboxMessage.topic == TOPIC)
        if ids is not None:
            stmt = stmt.where(OutboxMessage.id.in_(list(ids)))
        result = s.execute(stmt.values(status="pending", attempts=0, next_attempt_at=now or utcnow())
                           .execution_options(synchronize_session=False))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def webhooks_configured(db: Database) -> bool:
    """Whether the job has anything to do: a subscription, or messages still queued."""
    with db.read() as s:
        if s.scalar(select(WebhookSubscription.id).limit(1)) is not None:
            return True
        return s.scalar(select(OutboxMessage.id).where(
            OutboxMessage.topic == TOPIC, OutboxMessage.status == "pending").limit(1)) is not None


def create_webhook(db: Database, url: str, events: Sequence[str], *, actor: Actor,
                   secret: str | None = None) -> tuple[Subscription, str]:
    """Subscribe `url` and put its signing secret in the keyring (given, else generated).

    The keyring is proven before anything is written; a secret that cannot be stored takes
    the subscription back out. Returns the subscription and the secret, to be shown once.
    """
    check_url(url)
    check_events(list(events))
    if secret is not None and len(secret) < 16:
        raise ValidationError("the signing secret must be at least 16 characters")
    prove_keyring()
    chosen = secret if secret is not None else f"whsec_{secrets.token_urlsafe(32)}"
    sub = add_subscription(db, url, list(events), actor=actor)
    try:
        store_secret(secret_entry(sub.id), chosen)
    except Exception:
        remove_subscription(db, sub.id, actor=actor)
        raise
    return sub, chosen


def delete_webhook(db: Database, subscription_id: int, *, actor: Actor) -> Subscription:
    """Remove the subscription, then forget its secret."""
    sub = remove_subscription(db, subscription_id, actor=actor)
    with contextlib.suppress(SecretUnavailable):  # no keyring: nothing of it to forget here
        delete_secret(secret_entry(subscription_id))
    return sub
