"""Factur-X export: EN 16931 CII XML, valid against the profile's XSD, embedded in a PDF/A-3."""

from __future__ import annotations

import io

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader

from omsdesk.db import Database
from omsdesk.models import ValidationError
from omsdesk.services.intake.order_entry import AddressInput, CustomerInput
from omsdesk.services.invoicing.credit import credit_invoice
from omsdesk.services.invoicing.export import export_invoice, facturx_xml
from omsdesk.services.invoicing.issue import issue_invoice
from tests.fixtures.database import ACTOR, Shop
from tests.integration.test_invoicing import NOW, setup_company

NS = {"rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
      "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"}
B2B = CustomerInput(name="Distribuciones Norte SA", tax_id="A58818501",
                    address=AddressInput(line1="Av. Diagonal 1", city="Barcelona", postcode="08019"))


@pytest.fixture
def sqlite_shop(sqlite_db: Database) -> Shop:
    shop = Shop(sqlite_db)
    setup_company(sqlite_db)
    return shop


def test_invoice_xml_is_valid_en16931_cii(sqlite_shop: Shop) -> None:
    shop = sqlite_shop
    a, b = shop.product(price=1210), shop.product(price=1040, tax_rate_bp=400)
    inv = issue_invoice(shop.db, shop.order({a: 3, b: 1}, customer=B2B), actor=ACTOR, now=NOW)
    xml = facturx_xml(shop.db, inv.number)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931") is True
    assert facturx.get_level(etree.fromstring(xml)) == "en16931"
    root = etree.fromstring(xml)
    assert root.findtext("rsm:ExchangedDocument/ram:ID", namespaces=NS) == inv.number
    assert root.findtext("rsm:ExchangedDocument/ram:TypeCode", namespaces=NS) == "380"
    sums = root.find(".//ram:SpecifiedTradeSettlementHeaderMonetarySummation", NS)
    assert sums.findtext("ram:GrandTotalAmount", namespaces=NS) == "46.70"
    assert sums.findtext("ram:TaxBasisTotalAmount", namespaces=NS) == "40.00"
    rates = [t.findtext("ram:RateApplicablePercent", namespaces=NS) for t in
             root.findall(".//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", NS)]
    assert rates == ["21.00", "4.00"]
    assert root.findtext(".//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID",
                         namespaces=NS) == "ESA58818501"


def test_credit_note_is_type_381_with_positive_amounts_and_the_original(sqlite_shop: Shop) -> None:
    shop = sqlite_shop
    sku = shop.product(price=1210)
    inv = issue_invoice(shop.db, shop.order({sku: 2}, customer=B2B), actor=ACTOR, now=NOW)
    credit = credit_invoice(shop.db, inv.number, actor=ACTOR, reason_code="R4", quantities={sku: 1},
                            now=NOW)
    xml = facturx_xml(shop.db, credit.number)
    facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    root = etree.fromstring(xml)
    assert root.findtext("rsm:ExchangedDocument/ram:TypeCode", namespaces=NS) == "381"
    assert root.findtext(".//ram:GrandTotalAmount", namespaces=NS) == "12.10"
    assert root.findtext(".//ram:InvoiceReferencedDocument/ram:IssuerAssignedID",
                         namespaces=NS) == inv.number


def test_export_embeds_the_xml_in_a_pdf_a3(sqlite_shop: Shop) -> None:
    shop = sqlite_shop
    inv = issue_invoice(shop.db, shop.order({shop.product(): 1}, customer=B2B), actor=ACTOR, now=NOW)
    pdf = export_invoice(shop.db, inv.number, "facturx")
    name, xml = facturx.get_xml_from_pdf(io.BytesIO(pdf), check_xsd=True)
    assert name == "factur-x.xml"
    assert etree.fromstring(xml).findtext("rsm:ExchangedDocument/ram:ID", namespaces=NS) == inv.number
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root and "/AF" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp
    assert b"urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#" in xmp
    assert inv.number in reader.pages[0].extract_text()


def test_recargo_invoices_export_the_recargo_as_a_charge(sqlite_shop: Shop) -> None:
    shop = sqlite_shop
    inv = issue_invoice(shop.db, shop.order({shop.product(): 1}, customer=B2B), actor=ACTOR,
                        recargo=True, now=NOW)
    root = etree.fromstring(facturx_xml(shop.db, inv.number))
    # 10.00 + 2.10 VAT + 0.52 recargo (5.2 %): the charge keeps the payable amount the invoice's.
    assert root.findtext(".//ram:ChargeTotalAmount", namespaces=NS) == "0.52"
    assert root.findtext(".//ram:GrandTotalAmount", namespaces=NS) == "12.62"
    with pytest.raises(ValidationError, match="unknown export format"):
        export_invoice(shop.db, inv.number, "ubl")
