"""VERI*FACTU fingerprints, QR URL and record XML against the AEAT's published examples.

Sources: AEAT, "Detalle de las especificaciones técnicas para generación de la huella o hash
de los registros de facturación" v0.1.2 (27/08/2024), section 6 (worked examples 1 to 3);
"Detalle de las especificaciones técnicas del código QR de la factura ..." section 4 (the
URL-encoding example); SuministroInformacion.xsd (element sequences).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from omsdesk.invoicing.verifactu import (
    ALTA,
    ANULACION,
    RecordFields,
    amount_text,
    fingerprint,
    fingerprint_input,
    qr_url,
    record_timestamp,
)
from omsdesk.invoicing.verifactu_xml import (
    NS_LR,
    NS_SF,
    AltaContent,
    Detail,
    InvoiceRef,
    Recipient,
    Software,
    alta_xml,
    anulacion_xml,
    submission,
)

# The AEAT's worked example 1: the first record of a chain (no previous fingerprint).
EXAMPLE_1 = RecordFields(ALTA, "89890001K", "12345678/G33", "01-01-2024", "F1", "12.35", "123.45",
                         "", "2024-01-01T19:20:30+01:00")
EXAMPLE_1_TEXT = ("IDEmisorFactura=89890001K&NumSerieFactura=12345678/G33&FechaExpedicionFactura="
                  "01-01-2024&TipoFactura=F1&CuotaTotal=12.35&ImporteTotal=123.45&Huella=&"
                  "FechaHoraHusoGenRegistro=2024-01-01T19:20:30+01:00")
EXAMPLE_1_HASH = "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60"
EXAMPLE_2_HASH = "F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97"
EXAMPLE_3_HASH = "177547C0D57AC74748561D054A9CEC14B4C4EA23D1BEFD6F2E69E3A388F90C68"


def test_first_alta_record_reproduces_the_aeat_worked_example() -> None:
    assert fingerprint_input(EXAMPLE_1) == EXAMPLE_1_TEXT
    assert fingerprint(EXAMPLE_1) == EXAMPLE_1_HASH


def test_fingerprint_is_sha256_of_the_utf8_text_in_upper_case_hex() -> None:
    # Computed by hand from the rule, independently of fingerprint().
    expected = hashlib.sha256(EXAMPLE_1_TEXT.encode("utf-8")).hexdigest().upper()
    assert fingerprint(EXAMPLE_1) == expected
    assert len(expected) == 64 and expected == expected.upper()


def test_chained_alta_and_anulacion_reproduce_the_aeat_examples_2_and_3() -> None:
    second = RecordFields(ALTA, "89890001K", "12345679/G34", "01-01-2024", "F1", "12.35", "123.45",
                          EXAMPLE_1_HASH, "2024-01-01T19:20:35+01:00")
    assert fingerprint(second) == EXAMPLE_2_HASH
    cancel = RecordFields(ANULACION, "89890001K", "12345679/G34", "01-01-2024", "", "", "",
                          EXAMPLE_2_HASH, "2024-01-01T19:20:40+01:00")
    assert fingerprint_input(cancel) == (
        "IDEmisorFacturaAnulada=89890001K&NumSerieFacturaAnulada=12345679/G34&"
        "FechaExpedicionFacturaAnulada=01-01-2024&Huella=" + EXAMPLE_2_HASH +
        "&FechaHoraHusoGenRegistro=2024-01-01T19:20:40+01:00")
    assert fingerprint(cancel) == EXAMPLE_3_HASH


def test_values_are_trimmed_but_inner_spaces_are_kept() -> None:
    # The specification's own example: "    12345678 / G33  " is hashed as "12345678 / G33".
    padded = RecordFields(ALTA, " 89890001K", "    12345678 / G33  ", "01-01-2024", "F1", "12.35",
                          "123.45", "", "2024-01-01T19:20:30+01:00")
    assert "NumSerieFactura=12345678 / G33&" in fingerprint_input(padded)
    assert "IDEmisorFactura=89890001K&" in fingerprint_input(padded)


def test_any_change_of_a_hashed_field_changes_the_fingerprint() -> None:
    for name in ("issuer_tax_id", "num_serie", "issue_date", "invoice_type", "cuota_total",
                 "importe_total", "previous_hash", "generated_at"):
        changed = RecordFields(**{**EXAMPLE_1.__dict__, name: getattr(EXAMPLE_1, name) + "9"})
        assert fingerprint(changed) != EXAMPLE_1_HASH, name


def test_qr_url_encodes_parameters_as_the_aeat_example() -> None:
    # QR specification, section 4: numserie "12345678&G33" must travel as 12345678%26G33.
    assert qr_url("89890001K", "12345678&G33", "01-01-2024", "241.4", "test") == (
        "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33"
        "&fecha=01-01-2024&importe=241.4")


def test_qr_url_production_host_and_java_style_encoding() -> None:
    url = qr_url("B12345674", "F 2026/1~*", "25-11-2026", "10.00", "production")
    assert url.startswith("https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=")
    # java.net.URLEncoder: space -> '+', '/' escaped, '~' escaped, '*' left alone.
    assert "numserie=F+2026%2F1%7E*&" in url
    with pytest.raises(ValueError):
        qr_url("B12345674", "F1", "25-11-2026", "1.00", "staging")


def test_amounts_and_timestamps_are_written_as_the_record_design_asks() -> None:
    assert amount_text(12345) == "123.45"
    assert amount_text(5) == "0.05"
    assert amount_text(-1176) == "-11.76"
    moment = datetime(2024, 1, 1, 18, 20, 30, 123456, tzinfo=UTC)
    assert record_timestamp(moment.astimezone(ZoneInfo("Europe/Madrid"))) == "2024-01-01T19:20:30+01:00"
    assert record_timestamp(moment) == "2024-01-01T18:20:30+00:00"
    with pytest.raises(ValueError):
        record_timestamp(datetime(2024, 1, 1, 12, 0))


SOFTWARE = Software(producer_name="Tienda Demo SL", producer_tax_id="B12345674", version="0.1.0",
                    installation="inst-1")


def _children(xml: str) -> list[str]:
    return [etree.QName(el).localname for el in etree.fromstring(xml)]


def test_registro_alta_follows_the_xsd_sequence_and_namespace() -> None:
    content = AltaContent(
        issuer_name="Tienda Demo SL", description="Venta",
        details=(Detail(base="100.00", rate="21.00", cuota="21.00", recargo_rate="5.20",
                        recargo="5.20"), Detail(base="10.00", exemption="E5")),
        recipient=Recipient("Cliente SA", "A58818501"),
        rectified=(InvoiceRef("B12345674", "F2026-000001", "02-01-2026"),))
    fields = RecordFields(ALTA, "B12345674", "R2026-000001", "03-01-2026", "R4", "26.20", "136.20",
                          EXAMPLE_1_HASH, "2026-01-03T10:00:00+01:00")
    xml = alta_xml(fields, "AB" * 32, content,
                   InvoiceRef("B12345674", "F2026-000001", "02-01-2026"), SOFTWARE)
    root = etree.fromstring(xml)
    assert root.tag == f"{{{NS_SF}}}RegistroAlta"
    # RegistroFacturacionAltaType is an xsd:sequence: these must come in this order.
    assert _children(xml) == [
        "IDVersion", "IDFactura", "NombreRazonEmisor", "TipoFactura", "TipoRectificativa",
        "FacturasRectificadas", "DescripcionOperacion", "Destinatarios", "Desglose", "CuotaTotal",
        "ImporteTotal", "Encadenamiento", "SistemaInformatico", "FechaHoraHusoGenRegistro",
        "TipoHuella", "Huella"]
    ns = {"sf": NS_SF}
    detail = root.find("sf:Desglose/sf:DetalleDesglose", ns)
    assert [etree.QName(e).localname for e in detail] == [
        "Impuesto", "ClaveRegimen", "CalificacionOperacion", "TipoImpositivo",
        "BaseImponibleOimporteNoSujeto", "CuotaRepercutida", "TipoRecargoEquivalencia",
        "CuotaRecargoEquivalencia"]
    exempt = root.findall("sf:Desglose/sf:DetalleDesglose", ns)[1]
    assert exempt.findtext("sf:OperacionExenta", namespaces=ns) == "E5"
    assert exempt.find("sf:CuotaRepercutida", ns) is None
    assert root.findtext("sf:Encadenamiento/sf:RegistroAnterior/sf:Huella", namespaces=ns) == EXAMPLE_1_HASH
    assert root.findtext("sf:TipoHuella", namespaces=ns) == "01"
    assert [etree.QName(e).localname for e in root.find("sf:SistemaInformatico", ns)] == [
        "NombreRazon", "NIF", "NombreSistemaInformatico", "IdSistemaInformatico", "Version",
        "NumeroInstalacion", "TipoUsoPosibleSoloVerifactu", "TipoUsoPosibleMultiOT",
        "IndicadorMultiplesOT"]


def test_first_record_says_primer_registro_and_consumer_invoice_says_art_61d() -> None:
    content = AltaContent(issuer_name="Tienda", description="Venta",
                          details=(Detail(base="10.00", rate="21.00", cuota="2.10"),))
    xml = alta_xml(EXAMPLE_1, EXAMPLE_1_HASH, content, None, SOFTWARE)
    root = etree.fromstring(xml)
    ns = {"sf": NS_SF}
    assert root.findtext("sf:Encadenamiento/sf:PrimerRegistro", namespaces=ns) == "S"
    assert root.findtext("sf:FacturaSinIdentifDestinatarioArt61d", namespaces=ns) == "S"


def test_anulacion_and_submission_envelope() -> None:
    fields = RecordFields(ANULACION, "89890001K", "12345679/G34", "01-01-2024", "", "", "",
                          EXAMPLE_2_HASH, "2024-01-01T19:20:40+01:00")
    xml = anulacion_xml(fields, EXAMPLE_3_HASH,
                        InvoiceRef("89890001K", "12345679/G34", "01-01-2024"), SOFTWARE)
    assert _children(xml) == ["IDVersion", "IDFactura", "Encadenamiento", "SistemaInformatico",
                              "FechaHoraHusoGenRegistro", "TipoHuella", "Huella"]
    env = etree.fromstring(submission("Emisor", "89890001K", [xml]))
    assert env.tag == f"{{{NS_LR}}}RegFactuSistemaFacturacion"
    assert [etree.QName(e).text for e in env] == [f"{{{NS_LR}}}Cabecera", f"{{{NS_LR}}}RegistroFactura"]
    assert env.find(f"{{{NS_LR}}}RegistroFactura/{{{NS_SF}}}RegistroAnulacion") is not None
    with pytest.raises(ValueError):
        submission("Emisor", "89890001K", [])
