"""An Orders API 2026-01-01 `Order` as omsdesk's ChannelOrder: lines, shipping, tax, buyer, address.

Field names from the official model (amzn/selling-partner-api-models,
models/orders-api-model/orders_2026-01-01.json): `orderId`, `createdTime`, `lastUpdatedTime`,
`salesChannel.marketplaceId`, `buyer` (`buyerName`, `buyerEmail`, `buyerCompanyName`),
`recipient.deliveryAddress` (`name`, `companyName`, `addressLine1..3`, `city`,
`districtOrCounty`, `stateOrRegion`, `postalCode`, `countryCode`, `phone`),
`fulfillment.fulfillmentStatus`, `orderItems[]` (`orderItemId`, `quantityOrdered`,
`product.sellerSku`, `product.title`, `product.price.unitPrice`, `proceeds.breakdowns[]` of
type ITEM, SHIPPING, GIFT_WRAP, COD_FEE, OTHER, TAX, DISCOUNT, with TAX and DISCOUNT split in
`detailedBreakdowns[]` by subtype ITEM, SHIPPING, ...), `proceeds.grandTotal`,
`tax.taxRegistrations[]` (`entityType` BUYER, `taxRegistrationNumber`). Money is
`{"amount": "<decimal string>", "currencyCode": "EUR"}`.

What the model does not say, and is therefore a guess here (docs/connectors.md lists them):
whether ITEM and SHIPPING include VAT in EU marketplaces (prices shown to EU buyers include it,
so `prices_include_tax` defaults to true for EU and UK marketplace ids, false elsewhere, and a
channel option overrides it); the sign of DISCOUNT amounts (the absolute value is taken); the
tax rate, which the API does not give (it is derived from the amounts and snapped to the
channel's known rates).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from omsdesk.sync.connector import (
    PAYMENT_PAID,
    PAYMENT_PENDING,
    STATUS_CANCELLED,
    STATUS_FULFILLED,
    STATUS_OPEN,
    STATUS_PENDING,
    ChannelAddress,
    ChannelCustomer,
    ChannelDiscount,
    ChannelOrder,
    ChannelOrderLine,
    ChannelPayment,
    ChannelShippingLine,
    parse_utc,
)
from omsdesk.sync.money import AmountError, to_decimal, to_minor

# Marketplace ids of the EU and UK stores (developer-docs.amazon.com/sp-api/docs/
# marketplace-ids), where shown prices include VAT.
VAT_INCLUSIVE_MARKETPLACES = frozenset({
    "A1RKKUPIHCS9HS",  # ES
    "A13V1IB3VIYZZH",  # FR
    "A1PA6795UKMFR9",  # DE
    "APJ6JRA9NG5V4",  # IT
    "A1F83G8C2ARO7P",  # UK
    "A1805IZSGTT6HS",  # NL
    "A2NODRKZP88ZB9",  # SE
    "A1C3SOZRARQ6R3",  # PL
    "AMEN7PMS3EDWL",  # BE
    "A28R8C7NBKEWEA",  # IE
})
DEFAULT_TAX_RATES_BP = (2100, 1000, 400, 0)  # IVA general, reducido, superreducido, exento

_STATUS = {
    "PENDING_AVAILABILITY": STATUS_PENDING,
    "PENDING": STATUS_PENDING,
    "UNSHIPPED": STATUS_OPEN,
    "PARTIALLY_SHIPPED": STATUS_OPEN,
    "SHIPPED": STATUS_FULFILLED,
    "CANCELLED": STATUS_CANCELLED,
    # "The order cannot be fulfilled" (Amazon-fulfilled orders only): it will never ship.
    "UNFULFILLABLE": STATUS_CANCELLED,
}
_EXTRA_CHARGES = {"GIFT_WRAP": "Envoltorio de regalo", "COD_FEE": "Contra reembolso",
                  "OTHER": "Otros cargos"}


def _money(value: Any, currency: str) -> Decimal:
    """The amount of a Money object in the order currency (AmountError when it is not)."""
    if not isinstance(value, Mapping):
        raise AmountError(f"not a Money object: {value!r}")
    code = str(value.get("currencyCode") or currency).upper()
    if code != currency:
        raise AmountError(f"amount in {code} on an order in {currency}")
    return to_decimal(value.get("amount"))


def _breakdowns(item: Mapping[str, Any], currency: str) -> dict[str, Decimal]:
    """Proceeds of one item by type; TAX and DISCOUNT also by subtype ("TAX:SHIPPING")."""
    found: dict[str, Decimal] = {}
    for entry in (item.get("proceeds") or {}).get("breakdowns") or []:
        kind = str(entry.get("type") or "")
        amount = _money(entry.get("subtotal"), currency)
        found[kind] = found.get(kind, Decimal(0)) + amount
        for detail in entry.get("detailedBreakdowns") or []:
            key = f"{kind}:{detail.get('subtype') or ''}"
            found[key] = found.get(key, Decimal(0)) + _money(detail.get("value"), currency)
    return found


def snap_rate(tax: Decimal, base: Decimal, *, inclusive: bool,
              rates: Sequence[int] = DEFAULT_TAX_RATES_BP) -> int:
    """The tax rate in basis points behind a tax amount: the nearest known rate within one
    point, else the rate the amounts imply (the API gives amounts, never the rate)."""
    net = base - tax if inclusive else base
    if net <= 0 or tax <= 0:
        return 0
    implied = tax / net * 10000
    nearest = min(rates, key=lambda r: abs(implied - r)) if rates else None
    if nearest is not None and abs(implied - nearest) <= 100:
        return nearest
    return int(implied.to_integral_value())


def _address(block: Mapping[str, Any] | None) -> ChannelAddress:
    if not block:
        return ChannelAddress()
    line2 = ", ".join(p.strip() for p in (block.get("addressLine2") or "",
                                          block.get("addressLine3") or "") if p and p.strip())
    region = (block.get("stateOrRegion") or block.get("districtOrCounty") or "").strip()
    return ChannelAddress(
        name=(block.get("name") or "").strip(),
        company=(block.get("companyName") or "").strip(),
        line1=(block.get("addressLine1") or "").strip(),
        line2=line2,
        city=(block.get("city") or block.get("municipality") or "").strip(),
        postcode=(block.get("postalCode") or "").strip(),
        region=region,
        country=(block.get("countryCode") or "").strip().upper(),
        phone=(block.get("phone") or "").strip(),
    )


def _buyer_tax_id(raw: Mapping[str, Any]) -> str:
    for reg in (raw.get("tax") or {}).get("taxRegistrations") or []:
        if reg.get("entityType") == "BUYER" and reg.get("taxRegistrationNumber"):
            return str(reg["taxRegistrationNumber"]).strip()
    return ""


def _currency(raw: Mapping[str, Any]) -> str:
    total = (raw.get("proceeds") or {}).get("grandTotal") or {}
    if total.get("currencyCode"):
        return str(total["currencyCode"]).upper()
    for item in raw.get("orderItems") or []:
        price = ((item.get("product") or {}).get("price") or {}).get("unitPrice") or {}
        if price.get("currencyCode"):
            return str(price["currencyCode"]).upper()
    raise KeyError("no currency anywhere in the order (ask for includedData=PROCEEDS)")


def parse_order(raw: Mapping[str, Any], *, taxes_included: bool | None = None,
                rates: Sequence[int] = DEFAULT_TAX_RATES_BP) -> ChannelOrder:
    """Normalise one order; raises KeyError/ValueError/AmountError on data that cannot be read.

    Each item's ITEM proceeds are its goods (unit price x quantity), DISCOUNT (subtype ITEM or
    none) its discount; SHIPPING, less DISCOUNT of subtype SHIPPING, adds up over the items to
    one shipping line; GIFT_WRAP, COD_FEE and OTHER become charge lines, as WooCommerce fees do.
    Without proceeds (not asked for) the unit price is used and nothing else is known.
    """
    currency = _currency(raw)
    marketplace = str((raw.get("salesChannel") or {}).get("marketplaceId") or "")
    incl = (marketplace in VAT_INCLUSIVE_MARKETPLACES) if taxes_included is None \
        else taxes_included
    lines: list[ChannelOrderLine] = []
    shipping = shipping_tax = Decimal(0)
    extras: dict[str, tuple[Decimal, Decimal]] = {}
    for item in raw.get("orderItems") or []:
        quantity = int(item["quantityOrdered"])
        if quantity <= 0:
            raise ValueError(f"item {item.get('orderItemId')} has quantity {quantity}")
        product = item.get("product") or {}
        parts = _breakdowns(item, currency)
        unit_price = (product.get("price") or {}).get("unitPrice")
        goods = parts["ITEM"] if "ITEM" in parts else _money(unit_price, currency) * quantity
        tax = parts.get("TAX:ITEM", parts.get("TAX", Decimal(0)) - parts.get("TAX:SHIPPING",
                                                                              Decimal(0)))
        discount = abs(parts.get("DISCOUNT:ITEM", parts.get("DISCOUNT", Decimal(0))
                                 - parts.get("DISCOUNT:SHIPPING", Decimal(0))))
        gross_goods = to_minor(goods, currency, allow_rounding=True)
        unit = -(-gross_goods // quantity)  # rounded up: the discount below is never negative
        lines.append(ChannelOrderLine(
            external_line_id=str(item["orderItemId"]),
            sku=str(product.get("sellerSku") or "").strip(),
            title=str(product.get("title") or ""),
            quantity=quantity,
            unit_price=unit,
            tax_rate_bp=snap_rate(tax, goods - discount, inclusive=incl, rates=rates),
            tax=to_minor(tax, currency, allow_rounding=True),
            discount=unit * quantity - gross_goods + to_minor(discount, currency,
                                                              allow_rounding=True),
        ))
        shipping += parts.get("SHIPPING", Decimal(0)) - abs(parts.get("DISCOUNT:SHIPPING",
                                                                      Decimal(0)))
        shipping_tax += parts.get("TAX:SHIPPING", Decimal(0))
        for kind in _EXTRA_CHARGES:
            if kind in parts:
                amount, extra_tax = extras.get(kind, (Decimal(0), Decimal(0)))
                extras[kind] = (amount + parts[kind],
                                extra_tax + parts.get(f"TAX:{kind}", Decimal(0)))
    shipping_lines: list[ChannelShippingLine] = []
    discounts: list[ChannelDiscount] = []
    if shipping:
        level = (raw.get("fulfillment") or {}).get("fulfillmentServiceLevel") or ""
        shipping_lines.append(ChannelShippingLine(
            title=f"Envío Amazon {level}".strip(), code=level.lower(),
            price=to_minor(shipping, currency, allow_rounding=True),
            tax_rate_bp=snap_rate(shipping_tax, shipping, inclusive=incl, rates=rates),
            tax=to_minor(shipping_tax, currency, allow_rounding=True)))
    for kind, (amount, extra_tax) in extras.items():
        if amount > 0:
            shipping_lines.append(ChannelShippingLine(
                title=_EXTRA_CHARGES[kind], code=kind.lower(),
                price=to_minor(amount, currency, allow_rounding=True),
                tax_rate_bp=snap_rate(extra_tax, amount, inclusive=incl, rates=rates),
                tax=to_minor(extra_tax, currency, allow_rounding=True)))
        elif amount < 0:
            discounts.append(ChannelDiscount(code=kind.lower(), title=_EXTRA_CHARGES[kind],
                                             amount=to_minor(-amount, currency,
                                                             allow_rounding=True)))
    fulfillment = raw.get("fulfillment") or {}
    status_word = str(fulfillment.get("fulfillmentStatus") or "")
    status = _STATUS.get(status_word, STATUS_OPEN)
    grand = (raw.get("proceeds") or {}).get("grandTotal")
    total = to_minor(_money(grand, currency), currency) if grand else None
    if status == STATUS_PENDING or total is None:
        # "The order has been placed but payment has not been authorized" (v0 `Pending`).
        payment = ChannelPayment(PAYMENT_PENDING, 0, method="Amazon")
    else:
        payment = ChannelPayment(PAYMENT_PAID, total, method="Amazon",
                                 reference=str(raw["orderId"]))
    buyer = raw.get("buyer") or {}
    ship_to = _address((raw.get("recipient") or {}).get("deliveryAddress"))
    name = (buyer.get("buyerName") or "").strip() or ship_to.name
    billing = ChannelAddress(name=name, company=(buyer.get("buyerCompanyName") or "").strip(),
                             country=ship_to.country)
    return ChannelOrder(
        external_id=str(raw["orderId"]),
        number=str(raw["orderId"]),
        status=status,
        raw_status=status_word,
        created_at=parse_utc(raw["createdTime"]),
        updated_at=parse_utc(raw["lastUpdatedTime"]),
        currency=currency,
        taxes_included=incl,
        customer=ChannelCustomer(email=(buyer.get("buyerEmail") or "").strip(),
                                 phone=ship_to.phone, name=name, tax_id=_buyer_tax_id(raw)),
        shipping_address=ship_to,
        billing_address=billing,
        lines=tuple(lines),
        shipping_lines=tuple(shipping_lines),
        discounts=tuple(discounts),
        payment=payment,
        total=total,
        note=f"PO {buyer['buyerPurchaseOrderNumber']}" if buyer.get("buyerPurchaseOrderNumber")
        else "",
        raw=raw,
    )


def lacks_address(raw: Mapping[str, Any]) -> bool:
    """A merchant order ready to ship that came without its street address (a missing role)."""
    status = (raw.get("fulfillment") or {}).get("fulfillmentStatus")
    address = (raw.get("recipient") or {}).get("deliveryAddress") or {}
    return status in ("UNSHIPPED", "PARTIALLY_SHIPPED") and not address.get("addressLine1")
