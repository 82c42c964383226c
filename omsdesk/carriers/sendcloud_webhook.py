"""Sendcloud webhooks: check the Sendcloud-Signature, then track the parcel it names through the polling path.

Sendcloud's webhooks page (https://sendcloud.dev/api/v2/webhooks): "Sendcloud signs each request
that we send to your endpoint using a HMAC signature (Hash-based Message Authentication Code)
with SHA256 algorithm and the Secret Key or the Webhook Signature Key as secret ... you should
hash the message received from us using your secret and compare against the
Sendcloud-Signature header". Its example: the body `{"key": "value"}` under `secretkey` hashes
to 1eed4b3d41f4653ac64fd56f1bf1cbfd349e4482cbc11dff7134bd93e5da4b0a (hex).

A `parcel_status_changed` call says which parcel moved, not in tracking's words: omsdesk
then asks Sendcloud's tracking for that parcel at once (`poll_tracking(numbers=...)`), so the
event is stored by the same code as the hourly poll, once, whichever of the two sees it first.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from omsdesk.carriers.accounts import secret_entry
from omsdesk.carriers.http import split_secret
from omsdesk.carriers.registry import CarrierFactory
from omsdesk.carriers.tracking import TrackingReport, poll_tracking
from omsdesk.db import Database
from omsdesk.models import OmsError
from omsdesk.services.context import Actor
from omsdesk.sync.secrets import load_secret

SIGNATURE_HEADER = "Sendcloud-Signature"
MAX_BODY = 1_000_000  # a parcel's webhook is a few kB; refuse anything far larger unread


class WebhookRefused(OmsError):
    """The call is not Sendcloud's (no or a wrong signature) or cannot be read."""


@dataclass(frozen=True)
class WebhookResult:
    action: str
    tracking: str = ""
    report: TrackingReport | None = None


def signature(body: bytes, secret: str) -> str:
    """Hex HMAC-SHA256 of the raw body under the account's secret key, as Sendcloud computes it."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def handle_webhook(db: Database, account: str, body: bytes, signed: str, *, actor: Actor,
                   factory: CarrierFactory | None = None) -> WebhookResult:
    """Verify one call of the account's webhook and act on it; WebhookRefused when it is not Sendcloud's."""
    _key, secret = split_secret(load_secret(secret_entry(account)), "Sendcloud")
    if not signed or not hmac.compare_digest(signature(body, secret), signed.strip().lower()):
        raise WebhookRefused("the Sendcloud-Signature does not match the body: not sent by Sendcloud")
    try:
        data = json.loads(body)
    except ValueError:
        raise WebhookRefused("the webhook body is not JSON") from None
    action = str((data or {}).get("action") or "") if isinstance(data, dict) else ""
    parcel = data.get("parcel") if isinstance(data, dict) else None
    tracking = str((parcel or {}).get("tracking_number") or "") if isinstance(parcel, dict) else ""
    if action != "parcel_status_changed" or not tracking:
        return WebhookResult(action, tracking)  # other events (integration, returns) change nothing here
    return WebhookResult(action, tracking, poll_tracking(db, actor=actor, factory=factory, numbers=[tracking]))


class WebhookReceiver:
    """A small HTTP receiver for one Sendcloud account's webhook: 200 handled, 401 unsigned, 400 unreadable."""

    def __init__(self, db: Database, account: str, *, actor: Actor, factory: CarrierFactory | None = None) -> None:
        self.db, self.account, self.actor, self.factory = db, account, actor, factory
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self, host: str = "127.0.0.1", port: int = 0) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                if length > MAX_BODY:
                    self._answer(413, {"error": "body too large"})
                    return
                body = self.rfile.read(length)
                try:
                    done = handle_webhook(receiver.db, receiver.account, body,
                                          self.headers.get(SIGNATURE_HEADER) or "", actor=receiver.actor,
                                          factory=receiver.factory)
                except WebhookRefused as exc:
                    self._answer(401 if "Signature" in str(exc) else 400, {"error": str(exc)})
                    return
                except OmsError as exc:
                    self._answer(500, {"error": str(exc)})  # Sendcloud calls again later
                    return
                self._answer(200, {"action": done.action, "tracked": done.report.updated if done.report else 0})

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's name)
                pass  # the sync log records what was tracked; bodies are not for the console

        self._server = ThreadingHTTPServer((host, port), Handler)
        threading.Thread(target=self._server.serve_forever, name="sendcloud-webhooks", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
