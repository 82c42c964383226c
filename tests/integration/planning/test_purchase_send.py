"""`purchasing send` really delivers: the PO PDF by SMTP to the supplier, the PO to each ERP."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from omsdesk.models import OutboxMessage, ValidationError
from omsdesk.models.sync_state import SyncRun
from omsdesk.services.channels.erp import ErpSettings, erp_channel_in
from omsdesk.services.channels.mail import MAIL_CODE, PURCHASE_ORDER_EMAIL, set_mail_settings
from omsdesk.services.goods_in.purchasing import (
    TOPIC_PURCHASE,
    add_supplier,
    cancel_purchase_order,
    create_purchase_order,
    purchase_deliveries,
    send_purchase_order,
)
from omsdesk.sync.mail import deliver_mail
from omsdesk.sync.outbox import OutboxDispatcher
from omsdesk.sync.purchase_send import deliver_purchase_order
from omsdesk.sync.secrets import store_secret
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.smtp import SMTP_PASSWORD, SMTP_USER, SmtpServer


def _po(shop: Shop, *, email: str = "pedidos@acme.example") -> str:
    sku = shop.product("SIL-001")
    add_supplier(shop.db, "ACME", "Acme Suministros S.L.", actor=ACTOR, email=email)
    return create_purchase_order(shop.db, "ACME", "MAD", [(sku, 10, 800)], actor=ACTOR).reference


def _mail_to(shop: Shop, server: SmtpServer, *, user: str = "") -> None:
    set_mail_settings(shop.db, host=server.host, port=server.port, security="none", user=user,
                      from_address="compras@tienda.example", actor=ACTOR)


def test_send_mails_the_pdf_to_the_supplier_through_a_real_smtp_server(
        shop: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(shop, smtp_server, user=SMTP_USER)
    store_secret(MAIL_CODE, SMTP_PASSWORD)
    ref = _po(shop)
    send_purchase_order(shop.db, ref, actor=ACTOR)
    [delivery] = deliver_purchase_order(shop.db, ref)
    assert (delivery.channel, delivery.to, delivery.status, delivery.error) == (
        "email", "pedidos@acme.example", "sent", "")
    [got] = smtp_server.inbox
    assert smtp_server.logins == [SMTP_USER]
    assert got.recipients == ["pedidos@acme.example"]
    assert got.sender == "compras@tienda.example"
    assert ref in str(got.message["Subject"])
    [attachment] = list(got.message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == f"{ref}.pdf"
    text = PdfReader(io.BytesIO(attachment.get_content())).pages[0].extract_text()
    assert ref in text and "SIL-001" in text and "Acme Suministros S.L." in text
    with shop.db.read() as s:
        run = s.scalars(select(SyncRun).where(SyncRun.job == "send_mail")).one()
        assert (run.status, run.delivered) == ("ok", 1)


def test_a_server_that_is_down_leaves_the_mail_failed_then_the_dispatcher_sends_it(
        shop: Shop, smtp_server: SmtpServer) -> None:
    set_mail_settings(shop.db, host="127.0.0.1", port=9, security="none",
                      from_address="compras@tienda.example", actor=ACTOR)
    ref = _po(shop)
    send_purchase_order(shop.db, ref, actor=ACTOR)
    [delivery] = deliver_purchase_order(shop.db, ref)
    assert delivery.status == "failed"
    assert "the mail server 127.0.0.1:9 refused the connection" in delivery.error
    with shop.db.read() as s:
        msg = s.scalars(select(OutboxMessage).where(OutboxMessage.topic == PURCHASE_ORDER_EMAIL)).one()
        assert (msg.status, msg.attempts) == ("pending", 1)
        msg_id = msg.id
    _mail_to(shop, smtp_server)  # the server is back (fixed settings)
    report = deliver_mail(shop.db, ids=[msg_id])
    assert report.counts["delivered"] == 1
    assert len(smtp_server.inbox) == 1
    with shop.db.read() as s:
        assert [d.status for d in purchase_deliveries(s, ref)] == ["sent"]
    # Delivered once: the dispatcher's own pass finds nothing more to send.
    assert OutboxDispatcher(shop.db).send_mail().counts["delivered"] == 0
    assert len(smtp_server.inbox) == 1


def test_a_refused_login_keeps_the_mail_waiting_with_the_reason(
        shop: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(shop, smtp_server, user=SMTP_USER)
    store_secret(MAIL_CODE, "wrong-password")
    ref = _po(shop)
    send_purchase_order(shop.db, ref, actor=ACTOR)
    [delivery] = deliver_purchase_order(shop.db, ref)
    assert delivery.status == "failed"
    assert "refused the login" in delivery.error
    assert "wrong-password" not in delivery.error
    assert smtp_server.inbox == []


def test_mail_waits_while_outgoing_mail_is_not_set_up(shop: Shop) -> None:
    ref = _po(shop)
    send_purchase_order(shop.db, ref, actor=ACTOR)
    [delivery] = deliver_purchase_order(shop.db, ref)
    assert delivery.status == "failed"
    assert "outgoing mail is not set up" in delivery.error
    with shop.db.read() as s:
        assert s.scalars(select(OutboxMessage.status).where(
            OutboxMessage.topic == PURCHASE_ORDER_EMAIL)).one() == "pending"


def test_a_supplier_without_email_gets_no_mail_message(shop: Shop) -> None:
    ref = _po(shop, email="")
    send_purchase_order(shop.db, ref, actor=ACTOR)
    with shop.db.read() as s:
        assert purchase_deliveries(s, ref) == []


def test_each_configured_erp_gets_the_purchase_order_in_the_same_transaction(shop: Shop) -> None:
    with shop.db.write() as s:
        erp_channel_in(s, ErpSettings(erp="tryton", prefix="OMS-"))
    ref = _po(shop)
    send_purchase_order(shop.db, ref, actor=ACTOR)
    cancel_purchase_order(shop.db, ref, actor=ACTOR, reason="supplier out of stock")
    [mail, erp, cancel] = sorted(shop.outbox(), key=lambda m: m.id)[-3:]
    assert mail.topic == PURCHASE_ORDER_EMAIL
    assert mail.payload == {"reference": ref, "to": "pedidos@acme.example",
                            "supplier": "Acme Suministros S.L.", "language": "es"}
    assert erp.topic == TOPIC_PURCHASE and erp.idempotency_key == f"{TOPIC_PURCHASE}:tryton:{ref}"
    assert erp.payload["erp"] == "tryton" and erp.payload["reference"] == ref
    assert cancel.topic == TOPIC_PURCHASE and cancel.payload["cancelled"] is True
    with shop.db.read() as s:
        channels = sorted(d.channel for d in purchase_deliveries(s, ref))
    assert channels == ["email", "erp:tryton"]


@pytest.mark.parametrize(("kwargs", "problem"), [
    ({"host": "smtp example"}, "not a host name"),
    ({"security": "tls"}, "security must be one of"),
    ({"port": 70000}, "port must be 1 to 65535"),
    ({"from_address": "compras"}, "not an e-mail address"),
    ({"host": "smtp.example.com", "security": "none", "user": "u"}, "a login needs starttls"),
])
def test_bad_mail_settings_are_refused(shop: Shop, kwargs: dict[str, object], problem: str) -> None:
    args: dict[str, object] = {"host": "smtp.example.com", "from_address": "compras@tienda.example"}
    with pytest.raises(ValidationError, match=problem):
        set_mail_settings(shop.db, actor=ACTOR, **(args | kwargs))  # type: ignore[arg-type]
    with shop.db.read() as s:
        assert s.scalars(select(SyncRun)).first() is None
