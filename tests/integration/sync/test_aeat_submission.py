"""VERI*FACTU records reach the (local) AEAT through the outbox: batches, TiempoEsperaEnvio,
answers per record, corrections, late sends, faults and dropped connections.

The server (tests/fixtures/aeat_server.py) is built from SistemaFacturacion.wsdl,
SuministroLR.xsd and RespuestaSuministro.xsd and quotes the documents it follows; it requires a
client certificate of a CA made for this test run (ssl.CERT_REQUIRED).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import requests
from lxml import etree
from sqlalchemy import select

from omsdesk.models import OutboxMessage
from omsdesk.models.aeat import AeatBatch, RecordSubmission
from omsdesk.models.invoice import InvoiceRecord
from omsdesk.services.intake.order_entry import AddressInput, CustomerInput
from omsdesk.services.invoicing.aeat import correct_record
from omsdesk.services.invoicing.credit import cancel_invoice
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.invoicing.records import verify_chain
from omsdesk.sync.aeat.delivery import AeatPolicy, AeatSender
from omsdesk.sync.aeat.settings import configure
from tests.fixtures.aeat_server import NS, AeatServer, Clock
from tests.fixtures.database import ACTOR, Shop
from tests.integration.test_invoicing import NOW, setup_company

BUYER = CustomerInput(name="Ana López", tax_id="12345678Z",
                      address=AddressInput(line1="C/ Sol 2", city="Sevilla", postcode="41001"))


@pytest.fixture
def aeat(shop: Shop, aeat_server: AeatServer, monkeypatch: pytest.MonkeyPatch) -> AeatServer:
    """The company set up to send to the local AEAT with the test client certificate."""
    monkeypatch.setenv("OMSDESK_AEAT_ENDPOINT", aeat_server.url)
    monkeypatch.setenv("OMSDESK_AEAT_CA_BUNDLE", str(aeat_server.pki.ca_pem))
    setup_company(shop.db)
    configure(shop.db, actor=ACTOR, environment="test", certificate=str(aeat_server.pki.client_p12),
              password=aeat_server.pki.client_password)
    return aeat_server


def sender(shop: Shop, clock: Clock, **policy: Any) -> AeatSender:
    return AeatSender(shop.db, policy=AeatPolicy(**policy), now=clock, rng=lambda: 0.5)


def issue(shop: Shop, n: int, customer: CustomerInput | None = BUYER) -> list[str]:
    sku = shop.product(price=1210)
    return [issue_invoice(shop.db, shop.order({sku: 1}, customer=customer), actor=ACTOR,
                          now=NOW).number for _ in range(n)]


def states(shop: Shop) -> dict[str, tuple[str, str, str]]:
    with shop.db.read() as s:
        return {r.num_serie + ("" if r.kind == "alta" else "/anulacion") + ("*" if r.subsanacion or r.rechazo_previo else ""):
                (sub.state, sub.error_code, sub.csv) for r, sub in s.execute(
                    select(InvoiceRecord, RecordSubmission)
                    .join(RecordSubmission, RecordSubmission.record_id == InvoiceRecord.id))}


def test_records_go_in_batches_and_each_waits_for_tiempo_espera_envio(
        shop: Shop, aeat: AeatServer, aeat_clock: Clock) -> None:
    numbers = issue(shop, 5)
    aeat.state.wait_seconds = 90
    send = sender(shop, aeat_clock, max_records=2)
    first = send.send()
    # One message; the next may go 90 s later (fewer than 1,000 records are waiting).
    assert (first.batches, first.sent, first.accepted, first.waiting) == (1, 2, 2, 3)
    assert first.next_send_at == aeat_clock() + timedelta(seconds=90)
    aeat_clock.advance(60)
    assert send.send().batches == 0  # still inside the 90 s the AEAT asked for
    aeat.state.wait_seconds = 30  # each answer may change the wait
    aeat_clock.advance(31)
    assert send.send().accepted == 2
    aeat_clock.advance(29)
    assert send.send().batches == 0
    aeat_clock.advance(1)
    last = send.send()
    assert (last.batches, last.accepted, last.waiting, last.next_send_at) == (1, 1, 0, None)
    assert aeat.state.violations == 0
    assert [len(m.findall("sum:RegistroFactura", NS)) for m in aeat.state.requests] == [2, 2, 1]
    got = states(shop)
    assert {n: got[n][0] for n in numbers} == {n: "accepted" for n in numbers}
    assert all(got[n][2].startswith("A-CSV") for n in numbers)  # the AEAT's CSV is kept
    with shop.db.read() as s:
        assert {m.status for m in s.scalars(select(OutboxMessage).where(
            OutboxMessage.topic == "verifactu.record"))} == {"delivered"}


def test_rejected_record_is_corrected_and_accepted_as_alta_por_rechazo(
        shop: Shop, aeat: AeatServer, aeat_clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    (good,) = issue(shop, 1)
    # F1 without recipient (Validaciones §3.1.3.13), as omsdesk wrote them before it refused
    # such an invoice before issuing: the local checks are switched off for this one.
    monkeypatch.setattr("omsdesk.services.invoicing.issue._check_buyer", lambda *a: None)
    monkeypatch.setattr("omsdesk.services.invoicing.records.alta_refusal", lambda *a, **k: "")
    (bad,) = issue(shop, 1, customer=CustomerInput(name="Sin NIF"))
    report = sender(shop, aeat_clock).send()
    assert (report.accepted, report.rejected) == (1, 1)
    assert states(shop)[bad][:2] == ("rejected", "1237")
    assert aeat.state.answers[-1].count(b"ParcialmenteCorrecto") == 1
    fixed = correct_record(shop.db, bad, actor=ACTOR, now=aeat_clock())
    assert (fixed.subsanacion, fixed.rechazo_previo) == ("S", "X")
    aeat_clock.advance(61)
    again = sender(shop, aeat_clock).send()
    # Still no recipient on the immutable invoice: the AEAT rejects it again, now as a
    # correction it did receive; the point is that it was built and sent as one.
    sent = aeat.state.requests[-1].find("sum:RegistroFactura/sf:RegistroAlta", NS)
    assert sent is not None
    assert (sent.findtext("sf:Subsanacion", "", NS), sent.findtext("sf:RechazoPrevio", "", NS)) \
        == ("S", "X")
    assert again.rejected == 1 and states(shop)[bad][0] == "corrected"
    assert verify_chain(shop.db).ok
    assert states(shop)[good][0] == "accepted"


def test_accepted_with_errors_is_corrected_by_a_subsanacion(
        shop: Shop, aeat: AeatServer, aeat_clock: Clock) -> None:
    (number,) = issue(shop, 1)
    aeat.state.skew = -timedelta(hours=1)  # the AEAT's clock an hour behind ours
    report = sender(shop, aeat_clock).send()
    assert report.accepted_with_errors == 1
    assert states(shop)[number][:2] == ("accepted_with_errors", "2004")
    aeat.state.skew = timedelta(0)
    aeat_clock.advance(61)
    fixed = correct_record(shop.db, number, actor=ACTOR, now=aeat_clock())
    assert (fixed.subsanacion, fixed.rechazo_previo) == ("S", "")
    report = sender(shop, aeat_clock).send()
    assert report.accepted == 1
    assert states(shop)[number + "*"][0] == "accepted"
    key = ("B12345674", number, NOW.strftime("%d-%m-%Y"), "Alta")
    assert aeat.state.times_registered()[key] == 2  # original and subsanación, both kept


def test_connection_dropped_after_the_aeat_registered_loses_nothing_and_registers_once(
        shop: Shop, aeat: AeatServer, aeat_clock: Clock) -> None:
    numbers = issue(shop, 3)
    aeat.state.drop_after = 1
    first = sender(shop, aeat_clock).send()
    assert (first.batches, first.unanswered, first.accepted) == (1, 3, 0)
    assert {states(shop)[n][0] for n in numbers} == {"queued"}
    assert first.next_send_at is not None
    aeat_clock.at = first.next_send_at
    second = sender(shop, aeat_clock).send()
    # The AEAT answers them as duplicates of what it holds: accepted, and held once each.
    assert (second.batches, second.accepted, second.rejected) == (1, 3, 0)
    assert set(aeat.state.times_registered().values()) == {1}
    assert len(aeat.state.times_registered()) == 3
    with shop.db.read() as s:
        batches = list(s.scalars(select(AeatBatch).order_by(AeatBatch.id)))
    assert [(b.status, b.records) for b in batches] == [("", 3), ("Incorrecto", 3)]


def test_connection_dropped_before_processing_then_sent_once(
        shop: Shop, aeat: AeatServer, aeat_clock: Clock) -> None:
    numbers = issue(shop, 2)
    aeat.state.drop_before = 1
    first = sender(shop, aeat_clock).send()
    assert (first.unanswered, first.waiting) == (2, 2) and aeat.state.registered == {}
    aeat_clock.at = first.next_send_at or aeat_clock()
    assert sender(shop, aeat_clock).send().accepted == 2
    assert {states(shop)[n][0] for n in numbers} == {"accepted"}
    assert set(aeat.state.times_registered().values()) == {1}


def test_server_fault_and_throttle_mean_waiting_and_retrying(
        shop: Shop, aeat: AeatServer, aeat_clock: Clock) -> None:
    issue(shop, 2)
    aeat.state.server_faults = 1
    first = sender(shop, aeat_clock).send()
    assert first.unanswered == 2 and "Server" in first.error
    # Nothing is due before the backoff runs out, so nothing is sent.
    assert sender(shop, aeat_clock).send().batches == 0
    assert aeat.state.received == 1
    aeat_clock.at = first.next_send_at or aeat_clock()
    assert sender(shop, aeat_clock).send().accepted == 2
    with shop.db.read() as s:
        attempts = {sub.attempts for sub in s.scalars(select(RecordSubmission))}
    assert attempts == {2}


def test_offline_means_the_records_wait(shop: Shop, aeat: AeatServer, aeat_clock: Clock,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    issue(shop, 2)
    monkeypatch.setenv("OMSDESK_AEAT_ENDPOINT", "https://127.0.0.1:9/VerifactuSOAP")
    offline = sender(shop, aeat_clock).send()
    assert (offline.sent, offline.accepted, offline.waiting) == (2, 0, 2)
    assert "did not answer" in offline.error
    monkeypatch.setenv("OMSDESK_AEAT_ENDPOINT", aeat.url)
    aeat_clock.at = offline.next_send_at or aeat_clock()
    assert sender(shop, aeat_clock).send().accepted == 2


def test_records_sent_late_are_marked_incidencia(shop: Shop, aeat: AeatServer,
                                                  aeat_clock: Clock) -> None:
    (number,) = issue(shop, 1)
    aeat_clock.advance(3600)  # an hour offline
    assert sender(shop, aeat_clock).send().accepted == 1
    head = aeat.state.requests[-1].find("sum:Cabecera", NS)
    assert head is not None
    assert head.findtext("sf:RemisionVoluntaria/sf:Incidencia", "", NS) == "S"
    with shop.db.read() as s:
        assert [sub.incidencia for sub in s.scalars(select(RecordSubmission))] == [True]


def test_a_message_the_aeat_refuses_is_parked_with_its_reason(
        shop: Shop, aeat: AeatServer, aeat_clock: Clock) -> None:
    issue(shop, 1)
    aeat.state.known_nifs.clear()  # Codigo[4104]: the NIF in the Cabecera is not identified
    report = sender(shop, aeat_clock).send()
    assert report.refused == 1 and "4104" in report.error
    with shop.db.read() as s:
        (msg,) = s.scalars(select(OutboxMessage).where(OutboxMessage.topic == "verifactu.record"))
        assert msg.status == "failed"
    aeat_clock.advance(3600)
    assert sender(shop, aeat_clock).send().batches == 0  # not retried by itself


def test_an_anulacion_is_sent_after_its_alta(shop: Shop, aeat: AeatServer,
                                             aeat_clock: Clock) -> None:
    (number,) = issue(shop, 1)
    cancel_invoice(shop.db, number, actor=ACTOR, reason="duplicado", now=NOW)
    assert sender(shop, aeat_clock).send().accepted == 2
    ops = [el.tag.rpartition("}")[2] for el in aeat.state.requests[0].iter(
        "{*}RegistroAlta", "{*}RegistroAnulacion")]
    assert ops == ["RegistroAlta", "RegistroAnulacion"]


def test_every_request_was_schema_valid_and_the_certificate_is_required(
        aeat: AeatServer) -> None:
    # Without a client certificate the TLS handshake fails (the server has CERT_REQUIRED).
    with pytest.raises(requests.exceptions.SSLError):
        requests.post(aeat.url, data=b"<x/>", verify=str(aeat.pki.ca_pem), timeout=10)
    assert aeat.state.received == 0
    assert etree.XMLSchema  # the server validates each body; see the fixture's handler


def test_a_full_message_need_not_wait() -> None:
    from datetime import datetime

    from omsdesk.sync.aeat.delivery import must_wait

    t = datetime(2026, 3, 10, 11, 0, tzinfo=NOW.tzinfo)
    later = t + timedelta(seconds=60)
    # Art. 16.2 c): t seconds since the last message, or 1,000 records waiting, whichever first.
    assert must_wait(t, later, 999) and not must_wait(t, later, 1000)
    assert not must_wait(later, later, 1) and not must_wait(t, None, 1)
