"""Outbound webhooks (issue 14 point 8): events POSTed through the outbox to a real HTTP receiver on loopback.

Every signature is checked here with the algorithm docs/webhooks.md gives a receiver
(`verify` below is that recipe), not with omsdesk's own signing function.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import OutboxMessage, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.queries.exceptions import exceptions
from omsdesk.services.fulfilment import returns
from omsdesk.services.intake.order_entry import create_order_in
from omsdesk.services.invoicing.company import set_company
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.webhooks import (
    EVENTS,
    TOPIC,
    add_subscription,
    delivery_log,
    order_event,
    secret_entry,
)
from omsdesk.sync.secrets import store_secret
from omsdesk.sync.webhooks import deliver_webhooks, retry_failed_webhooks, send_test
from tests.fixtures.database import ACTOR, Shop

SECRET = "whsec_test_0123456789abcdef"


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """The receiver's check, as docs/webhooks.md writes it."""
    timestamp = headers["X-Omsdesk-Timestamp"]
    expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["X-Omsdesk-Signature"])


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict[str, object]:
        return dict(json.loads(self.body))


@dataclass
class Receiver:
    """A CRM's endpoint: http.server on loopback, answering each POST with the next scripted status.

    Status codes as RFC 9110 defines them: section 15.6.1, "The 500 (Internal Server Error) status
    code indicates that the server encountered an unexpected condition that prevented it from
    fulfilling the request" (so omsdesk tries again later); section 15.5.11, "The 410 (Gone)
    status code indicates that access to the target resource is no longer available at the
    origin server and that this condition is likely to be permanent" (so it gives up at once).
    """

    url: str = ""
    script: list[int] = field(default_factory=list)
    got: list[Received] = field(default_factory=list)

    def answer(self) -> int:
        return self.script.pop(0) if self.script else 204


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    box = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            box.got.append(Received({k: v for k, v in self.headers.items()}, body))
            code = box.answer()
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/omsdesk"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield box
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def lite(sqlite_db: Database) -> Shop:
    """SQLite only, for what is about the HTTP exchange rather than the database."""
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    return shop


def _subscribe(db: Database, url: str, events: tuple[str, ...] = EVENTS) -> int:
    sub = add_subscription(db, url, list(events), actor=ACTOR)
    store_secret(secret_entry(sub.id), SECRET)
    return sub.id


def _messages(db: Database) -> list[OutboxMessage]:
    with db.read() as s:
        return list(s.scalars(select(OutboxMessage).where(OutboxMessage.topic == TOPIC).order_by(OutboxMessage.id)))


def test_every_event_reaches_the_receiver_once_signed(shop: Shop, receiver: Receiver) -> None:
    set_company(shop.db, actor=ACTOR, name="Tienda Demo SL", tax_id="B12345674", address="Calle Mayor 1",
                postcode="28013", city="Madrid")
    sid = _subscribe(shop.db, receiver.url)
    sku = shop.product(price=1210)
    shop.stock(sku, 5)
    ref = shop.order_at("delivered", {sku: 2})
    issue_invoice(shop.db, ref, actor=ACTOR)
    other = shop.order_at("shipped", {sku: 1})
    returns.return_order(shop.db, other, actor=ACTOR)
    report = deliver_webhooks(shop.db)
    assert report.counts["delivered"] == 9
    events = [r.headers["X-Omsdesk-Event"] for r in receiver.got]
    assert events == ["order.created", "order.paid", "order.shipped", "order.delivered", "invoice.issued",
                      "order.created", "order.paid", "order.shipped", "order.returned"]
    for r in receiver.got:
        assert verify(SECRET, r.headers, r.body)
        assert not verify("another secret", r.headers, r.body)
        assert r.headers["Content-Type"] == "application/json"
        assert r.json["delivery"] == r.headers["X-Omsdesk-Delivery"]
        assert r.json["event"] == r.headers["X-Omsdesk-Event"]
    delivered = next(r.json for r in receiver.got if r.headers["X-Omsdesk-Event"] == "order.delivered")
    order = delivered["order"]
    assert isinstance(order, dict)
    assert (order["reference"], order["status"], order["total"], order["currency"]) == (ref, "delivered", 2420, "EUR")
    assert order["lines"][0]["sku"] == sku and order["lines"][0]["qty"] == 2
    assert order["customer"]["email"] == "lucia@example.es"
    assert str(order["shipments"][0]["delivered_at"]).endswith("Z")
    assert str(delivered["occurred_at"]).endswith("Z")
    invoice = next(r.json for r in receiver.got if r.headers["X-Omsdesk-Event"] == "invoice.issued")["invoice"]
    assert isinstance(invoice, dict)
    assert (invoice["order_reference"], invoice["total"], invoice["total_net"] + invoice["total_tax"]) == \
        (ref, 2420, 2420)
    assert str(invoice["number"]).startswith("F")
    # Nothing is sent twice: a second pass finds nothing due.
    assert deliver_webhooks(shop.db, now=utcnow() + timedelta(days=1)).counts["delivered"] == 0
    keys = [m.idempotency_key for m in _messages(shop.db)]
    assert len(keys) == len(set(keys)) == len(receiver.got)
    assert all(k.endswith(f":{sid}") for k in keys)


def test_a_500_is_tried_again_and_the_log_shows_both_attempts(lite: Shop, receiver: Receiver) -> None:
    _subscribe(lite.db, receiver.url, ("order.created",))
    receiver.script = [500]
    sku = lite.product()
    ref = lite.order({sku: 1})
    now = utcnow()
    first = deliver_webhooks(lite.db, now=now, rng=lambda: 0.5)
    assert (first.counts["delivered"], first.counts["failed"]) == (0, 1)
    (msg,) = _messages(lite.db)
    assert msg.status == "pending" and msg.attempts == 1 and "HTTP 500" in msg.last_error
    assert msg.next_attempt_at >= now + timedelta(seconds=30)  # backed off, not due at once
    assert deliver_webhooks(lite.db, now=now + timedelta(seconds=1)).counts["delivered"] == 0
    second = deliver_webhooks(lite.db, now=now + timedelta(minutes=1), rng=lambda: 0.5)
    assert second.counts["delivered"] == 1
    assert len(receiver.got) == 2
    a, b = receiver.got
    # The same delivery id both times (the receiver can drop the resend), each signed afresh.
    assert a.headers["X-Omsdesk-Delivery"] == b.headers["X-Omsdesk-Delivery"]
    assert a.body == b.body and verify(SECRET, b.headers, b.body)
    assert b.json["order"]["reference"] == ref  # type: ignore[index]
    log = delivery_log(lite.db)
    assert [(r.attempt, r.status_code, r.outcome) for r in log] == [(2, 204, "delivered"), (1, 500, "retry")]
    assert "HTTP 500" in log[1].error


def test_a_410_parks_the_message_with_the_reason_in_the_exceptions_inbox(lite: Shop, receiver: Receiver) -> None:
    _subscribe(lite.db, receiver.url, ("order.created",))
    receiver.script = [410]
    sku = lite.product()
    lite.order({sku: 1})
    report = deliver_webhooks(lite.db)
    assert report.counts["parked"] == 1
    (msg,) = _messages(lite.db)
    assert msg.status == "failed" and "HTTP 410" in msg.last_error
    with lite.db.read() as s:
        parked = [e for e in exceptions(s) if e.kind == "parked"]
    assert len(parked) == 1 and parked[0].key == str(msg.id) and "HTTP 410" in parked[0].reason
    # Not tried again by itself, however long one waits ...
    assert deliver_webhooks(lite.db, now=utcnow() + timedelta(days=3)).counts["delivered"] == 0
    assert len(receiver.got) == 1
    # ... until someone retries it from the inbox.
    assert retry_failed_webhooks(lite.db, [msg.id]) == 1
    assert deliver_webhooks(lite.db).counts["delivered"] == 1
    assert [r.outcome for r in delivery_log(lite.db)] == ["delivered", "parked"]


def test_replaying_an_event_does_not_queue_it_twice(lite: Shop, receiver: Receiver) -> None:
    _subscribe(lite.db, receiver.url)
    second = _subscribe(lite.db, receiver.url, ("order.paid",))
    sku = lite.product()
    lite.stock(sku, 2)
    ref = lite.order_at("paid", {sku: 1})
    with lite.db.write() as s:
        from omsdesk.services.fulfilment.status import load_order

        order = load_order(s, ref)
        assert order_event(s, order, "order.paid") == []
        assert order_event(s, order, "order.created") == []
    keys = sorted(m.idempotency_key for m in _messages(lite.db))
    # created once (first subscription), paid once per subscription.
    assert len(keys) == 3 and len(set(keys)) == 3
    assert sum(k.startswith("webhook:order.paid:") for k in keys) == 2
    assert any(k.endswith(f":{second}") for k in keys)
    deliver_webhooks(lite.db)
    assert len(receiver.got) == 3


def test_no_subscription_no_message_and_bad_urls_are_refused(lite: Shop) -> None:
    sku = lite.product()
    lite.stock(sku, 1)
    lite.order_at("paid", {sku: 1})
    assert _messages(lite.db) == []
    with pytest.raises(ValidationError, match="only allowed to this machine"):
        add_subscription(lite.db, "http://crm.example.com/hook", ["order.paid"], actor=ACTOR)
    with pytest.raises(ValidationError, match="unknown event"):
        add_subscription(lite.db, "https://crm.example.com/hook", ["order.lost"], actor=ACTOR)
    assert add_subscription(lite.db, "https://crm.example.com/hook", ["order.paid"], actor=ACTOR).id > 0


def test_the_test_ping_is_signed_and_logged(lite: Shop, receiver: Receiver) -> None:
    sid = _subscribe(lite.db, receiver.url, ("order.created",))
    answer = send_test(lite.db, sid)
    assert answer.status_code == 204
    (got,) = receiver.got
    assert got.headers["X-Omsdesk-Event"] == "ping" and verify(SECRET, got.headers, got.body)
    assert [(r.event, r.outcome) for r in delivery_log(lite.db)] == [("ping", "delivered")]


def test_created_in_a_caller_transaction_is_queued_with_it(lite: Shop) -> None:
    # The message is part of the order's transaction: rolled back with it.
    _subscribe(lite.db, "https://crm.example.com/hook", ("order.created",))
    sku = lite.product()
    from omsdesk.services.intake.order_entry import LineInput, OrderInput

    with pytest.raises(RuntimeError), lite.db.write() as s:
        create_order_in(s, OrderInput(lines=(LineInput(sku=sku, qty=1),)), actor=ACTOR)
        assert len(list(s.scalars(select(OutboxMessage).where(OutboxMessage.topic == TOPIC)))) == 1
        raise RuntimeError("the order is not stored")
    assert _messages(lite.db) == []


def test_cli_add_with_a_given_secret_then_sync_once_delivers(lite: Shop, receiver: Receiver,
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from omsdesk.cli import main

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", lite.db.url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, _, err = run("webhooks", "add", "--url", "http://crm.example.com/x", "--event", "order.paid")
    assert code == 2 and "only allowed to this machine" in err
    code, out, _ = run("webhooks", "add", "--url", receiver.url, "--event", "order.created", "--secret-stdin",
                       "--json", stdin=SECRET + "\n")
    assert code == 0 and json.loads(out)["secret"] is None
    code, out, _ = run("webhooks", "add", "--url", receiver.url, "--event", "invoice.issued")
    assert code == 0 and "signing secret (shown only now" in out and "whsec_" in out
    sku = lite.product()
    ref = lite.order({sku: 1})
    code, out, _ = run("sync", "--once", "--json")
    assert code == 0, out
    (got,) = receiver.got
    assert got.json["order"]["reference"] == ref and verify(SECRET, got.headers, got.body)  # type: ignore[index]
    code, out, _ = run("webhooks", "log", "--json")
    assert code == 0 and [(r["event"], r["status_code"], r["attempt"]) for r in json.loads(out)] == \
        [("order.created", 204, 1)]
    code, out, _ = run("webhooks", "remove", "2")
    assert code == 0
    code, out, _ = run("webhooks", "list", "--json")
    assert [s["id"] for s in json.loads(out)] == [1]


def test_a_batch_import_stored_paid_queues_created_and_paid_once_each(lite: Shop) -> None:
    from omsdesk.services.intake.batch import place_orders
    from omsdesk.services.intake.order_entry import LineInput, OrderInput

    _subscribe(lite.db, "https://crm.example.com/hook", ("order.created", "order.paid"))
    sku = lite.product()
    lite.stock(sku, 5)
    batch = [OrderInput(lines=(LineInput(sku=sku, qty=1),), external_id=f"EXT-{i}") for i in range(3)]
    made = place_orders(lite.db, batch, actor=ACTOR, pay_method="card")
    keys = [m.idempotency_key for m in _messages(lite.db)]
    assert len(keys) == 6 and len(set(keys)) == 6
    paid = [m.payload["body"] for m in _messages(lite.db) if m.payload["body"]["event"] == "order.paid"]
    assert sorted(str(b["order"]["reference"]) for b in paid) == sorted(str(c.reference) for c in made if c)
