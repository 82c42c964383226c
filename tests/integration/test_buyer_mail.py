"""Buyers told (issue 16 point 4): order news mailed through the outbox to a real SMTP server on loopback.

The messages are read back from the server (tests/fixtures/smtp.py, aiosmtpd): recipients,
subject and language, the tracking link, and a Message-ID that is the same on every send.
"""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Order, OutboxMessage
from omsdesk.models.base import utcnow
from omsdesk.queries.exceptions import exceptions
from omsdesk.services.buyer_mail import (
    BUYER_EMAIL,
    notify_buyer,
    record_delivery_failed,
    set_buyer_mail,
)
from omsdesk.services.channels.mail import set_mail_settings
from omsdesk.services.counter import CounterSale, SaleLine, sell
from omsdesk.services.exceptions_inbox import dismiss_exception
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment.shipping import ship_order
from omsdesk.services.intake.order_entry import CustomerInput
from omsdesk.sync.mail import deliver_mail, message_id, retry_failed_mail
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.smtp import SmtpServer

SHOP_FROM = "hola@tiendasol.example"


@pytest.fixture
def lite(sqlite_db: Database) -> Shop:
    """SQLite only, for what is about the mail server rather than the database."""
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    return shop


def _mail_to(shop: Shop, server: SmtpServer, **kwargs: str) -> None:
    set_mail_settings(shop.db, host=server.host, port=server.port, security="none", from_address=SHOP_FROM,
                      sender_name="Tienda Sol", actor=ACTOR, **kwargs)


def _packed(shop: Shop, channel: str, *, email: str | None = "lucia@example.es", language: str = "es",
            external_id: str | None = None) -> str:
    sku = shop.product()
    shop.stock(sku, 3)
    return shop.order_at("packed", {sku: 1}, channel=channel, external_id=external_id,
                         customer=CustomerInput(name="Lucía Fernández", email=email, language=language))


def _buyer_mails(shop: Shop) -> list[OutboxMessage]:
    with shop.db.read() as s:
        return list(s.scalars(select(OutboxMessage).where(OutboxMessage.topic == BUYER_EMAIL)
                              .order_by(OutboxMessage.id)))


def _text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _html(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def test_a_phone_order_is_told_confirmed_shipped_with_its_tracking_link_and_delivered(
        shop: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(shop, smtp_server)
    ref = _packed(shop, "phone")
    ship_order(shop.db, ref, actor=ACTOR, carrier="correos", tracking="PK123456789ES")
    svc.deliver_order(shop.db, ref, actor=ACTOR)
    report = deliver_mail(shop.db)
    assert report.counts["delivered"] == 3
    confirmed, shipped, delivered = (r.message for r in smtp_server.inbox)
    assert [r.recipients for r in smtp_server.inbox] == [["lucia@example.es"]] * 3
    assert str(confirmed["From"]) == f"Tienda Sol <{SHOP_FROM}>"
    assert str(confirmed["Subject"]) == f"Tienda Sol: hemos recibido tu pedido {ref}"
    assert str(shipped["Subject"]) == f"Tienda Sol: tu pedido {ref} está en camino"
    assert str(delivered["Subject"]) == f"Tienda Sol: tu pedido {ref} ha sido entregado"
    assert shipped["Content-Language"] == "es"
    link = "https://www.correos.es/es/es/herramientas/localizador/envios/detalle?tracking-number=PK123456789ES"
    assert f"Sigue tu envío aquí: {link}" in _text(shipped)
    assert f'<a href="{link}">' in _html(shipped)
    assert "Número de seguimiento: PK123456789ES" in _text(shipped)
    assert "12,10\xa0€" in _text(confirmed)  # the total through documents/formats.py
    # The Message-ID is the outbox key's: the same whenever this mail is sent.
    keys = [m.idempotency_key for m in _buyer_mails(shop)]
    with shop.db.read() as s:
        order_id = s.scalar(select(Order.id).where(Order.reference == ref))
    assert keys[0] == f"buyer-mail:{order_id}:confirmed"
    from omsdesk.services.channels.mail import mail_settings

    settings = mail_settings(shop.db)
    assert settings is not None
    assert [str(r.message["Message-ID"]) for r in smtp_server.inbox] == [message_id(k, settings) for k in keys]


def test_a_counter_order_in_english_gets_english_mails(lite: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(lite, smtp_server)
    ref = _packed(lite, "counter", email="ann@example.co.uk", language="en")
    ship_order(lite.db, ref, actor=ACTOR, carrier="seur", tracking="SEUR-77 1")
    svc.deliver_order(lite.db, ref, actor=ACTOR)
    deliver_mail(lite.db)
    subjects = [str(r.message["Subject"]) for r in smtp_server.inbox]
    assert subjects == [f"Tienda Sol: we have your order {ref}", f"Tienda Sol: your order {ref} is on its way",
                        f"Tienda Sol: your order {ref} was delivered"]
    shipped = smtp_server.inbox[1].message
    assert shipped["Content-Language"] == "en"
    # The typed number is escaped into the link: a space cannot break it.
    assert "Follow your parcel here: https://www.seur.com/livetracking/?segOnlineIdentificador=SEUR-77%201" \
        in _text(shipped)
    assert smtp_server.inbox[0].recipients == ["ann@example.co.uk"]


def test_a_shopify_order_gets_no_mail_by_default_and_does_when_switched_on(
        shop: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(shop, smtp_server)
    code = shop.marketplace()
    ref = _packed(shop, code, external_id="gid://shopify/Order/1")
    ship_order(shop.db, ref, actor=ACTOR, carrier="gls", tracking="GLS1")
    assert _buyer_mails(shop) == []
    set_buyer_mail(shop.db, code, True, actor=ACTOR)
    svc.deliver_order(shop.db, ref, actor=ACTOR)
    [delivered] = _buyer_mails(shop)
    assert delivered.payload["event"] == "delivered"
    _packed(shop, "phone")
    assert len(_buyer_mails(shop)) == 2
    set_buyer_mail(shop.db, "phone", False, actor=ACTOR)
    _packed(shop, "phone")
    assert len(_buyer_mails(shop)) == 2  # phone switched off: this confirmation was not queued


def test_the_same_event_twice_is_one_mail(shop: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(shop, smtp_server)
    ref = _packed(shop, "manual")
    ship_order(shop.db, ref, actor=ACTOR, carrier="mrw", tracking="MRW9")
    with shop.db.write() as s:
        order = s.scalars(select(Order).where(Order.reference == ref)).one()
        parcel = order.shipments[0].id
        assert notify_buyer(s, order.id, "shipped", parcel) is None
        assert notify_buyer(s, order.id, "confirmed") is None
    deliver_mail(shop.db)
    deliver_mail(shop.db)  # a second pass finds nothing due
    assert len(smtp_server.inbox) == 2
    failed_once = record_delivery_failed(shop.db, ref, shipment_id=parcel, reason="ausente", occurrence="ev-1",
                                         actor=ACTOR)
    again = record_delivery_failed(shop.db, ref, shipment_id=parcel, reason="ausente", occurrence="ev-1",
                                   actor=ACTOR)
    second_attempt = record_delivery_failed(shop.db, ref, shipment_id=parcel, reason="dirección incompleta",
                                            occurrence="ev-2", actor=ACTOR)
    assert failed_once is not None and again is None and second_attempt is not None
    deliver_mail(shop.db)
    failed = smtp_server.inbox[2].message
    assert str(failed["Subject"]) == f"Tienda Sol: no hemos podido entregar tu pedido {ref}"
    assert "Motivo: ausente" in _text(failed)
    assert len(smtp_server.inbox) == 4


def test_a_refused_recipient_is_parked_in_the_inbox_and_can_be_dismissed_or_sent_again(
        lite: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(lite, smtp_server)
    smtp_server.refuse["nadie@example.es"] = "550 5.1.1 no such mailbox"
    _packed(lite, "phone", email="nadie@example.es")
    report = deliver_mail(lite.db)
    assert report.counts["failed"] == 1 and smtp_server.inbox == []
    [msg] = _buyer_mails(lite)
    assert msg.status == "failed" and "550 5.1.1 no such mailbox" in msg.last_error
    with lite.db.read() as s:
        [item] = exceptions(s, kinds=("parked",))
    assert item.key == str(msg.id) and "nadie@example.es" in item.reason
    dismiss_exception(lite.db, item.key, note="la clienta dará otro correo", actor=ACTOR)
    with lite.db.read() as s:
        assert exceptions(s, kinds=("parked",)) == []
    del smtp_server.refuse["nadie@example.es"]
    assert retry_failed_mail(lite.db, [msg.id]) == 1
    assert deliver_mail(lite.db).counts["delivered"] == 1
    assert smtp_server.inbox[0].recipients == ["nadie@example.es"]


def test_a_dropped_connection_sends_the_same_message_again(lite: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(lite, smtp_server)
    smtp_server.drop_after_data = 1
    _packed(lite, "phone")
    report = deliver_mail(lite.db)
    assert report.counts["waiting"] == 1
    [msg] = _buyer_mails(lite)
    assert msg.status == "pending" and "closed the connection" in msg.last_error
    # Not due before its backoff; due after it.
    assert deliver_mail(lite.db).counts["delivered"] == 0
    deliver_mail(lite.db, now=utcnow() + timedelta(minutes=2))
    assert [m.status for m in _buyer_mails(lite)] == ["delivered"]
    first, second = (r.message for r in smtp_server.inbox)
    # The server took the data before the line dropped: the retry is the same message.
    assert first["Message-ID"] == second["Message-ID"]


def test_a_temporary_refusal_waits_alone_and_goes_later(lite: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(lite, smtp_server)
    smtp_server.refuse["busy@example.es"] = "450 4.2.1 mailbox busy, try later"
    _packed(lite, "phone", email="busy@example.es")
    _packed(lite, "phone", email="ok@example.es")
    now = utcnow()
    report = deliver_mail(lite.db, now=now)
    assert (report.counts["delivered"], report.counts["waiting"]) == (1, 1)
    busy = _buyer_mails(lite)[0]
    assert (busy.status, busy.attempts) == ("pending", 1) and "put off" in busy.last_error
    assert busy.next_attempt_at >= now + timedelta(seconds=59)
    del smtp_server.refuse["busy@example.es"]
    deliver_mail(lite.db, now=now + timedelta(minutes=1, seconds=1))
    assert [r.recipients for r in smtp_server.inbox] == [["ok@example.es"], ["busy@example.es"]]


def test_a_buyer_without_an_address_is_skipped_with_a_note(lite: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(lite, smtp_server)
    ref = _packed(lite, "phone", email=None)
    ship_order(lite.db, ref, actor=ACTOR, carrier="correos", tracking="PK1")
    [confirmed, shipped] = _buyer_mails(lite)
    assert (confirmed.status, confirmed.last_error) == (
        "skipped", f"buyer not told (confirmed): {ref} has no e-mail address")
    assert shipped.status == "skipped"
    # Nothing to send, nothing retried, nothing in the exceptions inbox.
    assert deliver_mail(lite.db).counts["delivered"] == 0 and smtp_server.inbox == []
    with lite.db.read() as s:
        assert exceptions(s, kinds=("parked",)) == []


def test_manual_carrier_link_comes_from_the_settings_or_there_is_none(
        lite: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(lite, smtp_server, tracking_url="https://seguimiento.tiendasol.example/?n={tracking}")
    ref = _packed(lite, "phone")
    ship_order(lite.db, ref, actor=ACTOR, carrier="Transportes Paco", tracking="TP-1")
    other = _packed(lite, "phone")
    ship_order(lite.db, other, actor=ACTOR)  # no tracking number typed
    deliver_mail(lite.db)
    shipped = [r.message for r in smtp_server.inbox if "en camino" in str(r.message["Subject"])]
    assert "https://seguimiento.tiendasol.example/?n=TP-1" in _text(shipped[0])
    assert "Sigue tu envío" not in _text(shipped[1]) and "seguimiento" not in _text(shipped[1]).lower()


def test_a_counter_sale_handed_over_sends_nothing(lite: Shop, smtp_server: SmtpServer) -> None:
    _mail_to(lite, smtp_server)
    sku = lite.product()
    lite.stock(sku, 2)
    with lite.db.write() as s:
        from omsdesk.models import Customer

        buyer = Customer(name="Ana", email="ana@example.es", language="es")
        s.add(buyer)
        s.flush()
        buyer_id = buyer.id
    sell(lite.db, CounterSale(lines=(SaleLine(sku, 1),), method="card", warehouse="MAD", customer_id=buyer_id),
         actor=ACTOR)
    report = deliver_mail(lite.db)
    assert smtp_server.inbox == []
    assert [m.status for m in _buyer_mails(lite)] == ["skipped"]
    assert report.counts["skipped"] == 1


def test_a_paid_csv_batch_is_confirmed_once_per_order(shop: Shop) -> None:
    from omsdesk.services.intake.batch import place_orders
    from omsdesk.services.intake.order_entry import LineInput, OrderInput

    sku = shop.product()
    batch = [OrderInput(lines=(LineInput(sku=sku, qty=1),), channel="csv",
                        customer=CustomerInput(name=f"Cliente {i}", email=f"c{i}@example.es")) for i in range(3)]
    placed = place_orders(shop.db, batch, actor=ACTOR, pay_method="transfer")
    mails = _buyer_mails(shop)
    assert sorted(m.payload["order"] for m in mails) == sorted(p.reference for p in placed)
    assert {m.payload["event"] for m in mails} == {"confirmed"}


def test_a_crash_after_the_server_took_the_mail_resends_the_same_message(
        lite: Shop, smtp_server: SmtpServer) -> None:
    from sqlalchemy import update

    from omsdesk.sync.outbox import OutboxDispatcher

    _mail_to(lite, smtp_server)
    _packed(lite, "phone")
    deliver_mail(lite.db)
    # The process died after the server's 250 and before the outbox row was settled.
    with lite.db.write() as s:
        s.execute(update(OutboxMessage).where(OutboxMessage.topic == BUYER_EMAIL)
                  .values(status="sending", delivered_at=None))
    assert OutboxDispatcher(lite.db).recover_orphaned_claims() == 1
    deliver_mail(lite.db)
    first, again = (r.message for r in smtp_server.inbox)
    assert first["Message-ID"] == again["Message-ID"]  # the buyer's mail system sees one message
    assert [m.status for m in _buyer_mails(lite)] == ["delivered"]


def test_the_same_key_from_two_writers_is_one_row_and_the_change_goes_on(shop: Shop) -> None:
    from unittest import mock

    from omsdesk.services.buyer_mail import mail_key

    ref = _packed(shop, "phone")
    with shop.db.write() as s:
        order = s.scalars(select(Order).where(Order.reference == ref)).one()
        order_id, parcel_id = order.id, order.parcels[0].id
        # Another workstation queued this mail a moment ago.
        s.add(OutboxMessage(topic=BUYER_EMAIL, key=f"buyer:{order_id}", payload={},
                            idempotency_key=mail_key(order_id, "delivery_failed", parcel_id)))
    with shop.db.write() as s:
        real = s.scalar

        def unseen(stmt: object) -> object:
            # As if that row were not committed yet when this writer looked for it.
            return None if "idempotency_key" in str(stmt) else real(stmt)  # type: ignore[call-overload]

        with mock.patch.object(s, "scalar", side_effect=unseen):
            assert notify_buyer(s, order_id, "delivery_failed", parcel_id) is None
        order = s.get(Order, order_id)
        assert order is not None
        order.notes = "still written"
    with shop.db.read() as s:
        assert s.scalars(select(Order.notes).where(Order.id == order_id)).one() == "still written"
    assert len([m for m in _buyer_mails(shop) if m.payload == {}]) == 1


def test_a_buyer_without_a_language_gets_the_channels(lite: Shop, smtp_server: SmtpServer) -> None:
    from omsdesk.models import Customer

    _mail_to(lite, smtp_server)
    ref = _packed(lite, "phone")
    set_buyer_mail(lite.db, "phone", None, actor=ACTOR, language="en")
    with lite.db.write() as s:
        order = s.scalars(select(Order).where(Order.reference == ref)).one()
        customer = s.get(Customer, order.customer_id)
        assert customer is not None
        customer.language = ""
    deliver_mail(lite.db)
    assert str(smtp_server.inbox[0].message["Subject"]) == f"Tienda Sol: we have your order {ref}"
