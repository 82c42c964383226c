"""Shopify Admin GraphQL orders, read: an Order node normalised, and its lines checked against its total."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from omsdesk.sync.connector import (
    PAYMENT_AUTHORIZED,
    PAYMENT_PAID,
    PAYMENT_PARTIALLY_PAID,
    PAYMENT_PARTIALLY_REFUNDED,
    PAYMENT_PENDING,
    PAYMENT_REFUNDED,
    PAYMENT_VOIDED,
    STATUS_CANCELLED,
    STATUS_FULFILLED,
    STATUS_ON_HOLD,
    STATUS_OPEN,
    STATUS_PENDING,
    STATUS_REFUNDED,
    ChannelAddress,
    ChannelCustomer,
    ChannelDiscount,
    ChannelOrder,
    ChannelOrderLine,
    ChannelPayment,
    ChannelShippingLine,
    RejectedOrder,
    parse_utc,
)
from omsdesk.sync.money import AmountError, currency_exponent, rate_to_bp, to_minor

_FINANCIAL = {
    "PAID": PAYMENT_PAID,
    "PENDING": PAYMENT_PENDING,
    "AUTHORIZED": PAYMENT_AUTHORIZED,
    "PARTIALLY_PAID": PAYMENT_PARTIALLY_PAID,
    "PARTIALLY_REFUNDED": PAYMENT_PARTIALLY_REFUNDED,
    "REFUNDED": PAYMENT_REFUNDED,
    "VOIDED": PAYMENT_VOIDED,
    "EXPIRED": PAYMENT_VOIDED,
}


def _money(block: Mapping[str, Any] | None, currency: str) -> int:
    if not block:
        return 0
    return to_minor(block["shopMoney"]["amount"], currency)


def nodes_of(connection: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    if not connection:
        return []
    if "nodes" in connection:
        return list(connection["nodes"] or [])
    return [edge["node"] for edge in connection.get("edges") or []]


def _address(block: Mapping[str, Any] | None) -> ChannelAddress:
    if not block:
        return ChannelAddress()
    name = block.get("name") or " ".join(
        p for p in (block.get("firstName"), block.get("lastName")) if p
    )
    return ChannelAddress(
        name=(name or "").strip(),
        company=(block.get("company") or "").strip(),
        line1=(block.get("address1") or "").strip(),
        line2=(block.get("address2") or "").strip(),
        city=(block.get("city") or "").strip(),
        postcode=(block.get("zip") or "").strip(),
        region=(block.get("province") or "").strip(),
        country=(block.get("countryCodeV2") or "").strip().upper(),
        phone=(block.get("phone") or "").strip(),
    )


def _tax(tax_lines: Sequence[Mapping[str, Any]], currency: str) -> tuple[int, int]:
    """Total tax and combined rate (bp) of a line's tax lines."""
    total = sum(to_minor(t["priceSet"]["shopMoney"]["amount"], currency) for t in tax_lines)
    rate = sum(rate_to_bp(t.get("rate")) for t in tax_lines)
    return total, rate


def _status(node: Mapping[str, Any]) -> str:
    if node.get("cancelledAt"):
        return STATUS_CANCELLED
    financial = node.get("displayFinancialStatus") or ""
    fulfillment = node.get("displayFulfillmentStatus") or ""
    if financial == "REFUNDED":
        return STATUS_REFUNDED
    if fulfillment == "FULFILLED":
        return STATUS_FULFILLED
    if fulfillment == "ON_HOLD":
        return STATUS_ON_HOLD
    if financial in ("PENDING", "EXPIRED"):
        return STATUS_PENDING
    return STATUS_OPEN


def parse_order(node: Mapping[str, Any]) -> ChannelOrder:
    """Normalise one GraphQL Order node; raises KeyError/ValueError on a bad payload."""
    currency = node["currencyCode"]
    lines: list[ChannelOrderLine] = []
    allocated = 0
    for item in nodes_of(node.get("lineItems")):
        quantity = item.get("currentQuantity")
        if quantity is None:
            quantity = item["quantity"]
        tax, rate = _tax(item.get("taxLines") or [], currency)
        discount = sum(
            _money(a["allocatedAmountSet"], currency) for a in item.get("discountAllocations") or []
        )
        allocated += discount
        lines.append(
            ChannelOrderLine(
                external_line_id=str(item["id"]),
                sku=(item.get("sku") or "").strip(),
                title=item.get("title") or "",
                quantity=int(quantity),
                unit_price=_money(item["originalUnitPriceSet"], currency),
                tax_rate_bp=rate,
                tax=tax,
                discount=discount,
            )
        )
    shipping = []
    for ship in nodes_of(node.get("shippingLines")):
        tax, rate = _tax(ship.get("taxLines") or [], currency)
        shipping.append(
            ChannelShippingLine(
                title=ship.get("title") or "",
                code=ship.get("code") or "",
                price=_money(ship["originalPriceSet"], currency),
                tax_rate_bp=rate,
                tax=tax,
            )
        )
    # Discounts Shopify allocated to lines are on the lines; only the rest is order-level.
    remainder = _money(node.get("totalDiscountsSet"), currency) - allocated
    discounts = (
        (ChannelDiscount(code=", ".join(node.get("discountCodes") or []), amount=remainder),)
        if remainder > 0
        else ()
    )
    total = _money(node.get("totalPriceSet"), currency)
    outstanding = _money(node.get("totalOutstandingSet"), currency)
    financial = node.get("displayFinancialStatus") or ""
    payment = ChannelPayment(
        status=_FINANCIAL.get(financial, PAYMENT_PENDING),
        amount=max(0, total - outstanding) if node.get("totalOutstandingSet") else 0,
        method=", ".join(node.get("paymentGatewayNames") or []),
    )
    tax_id = ""
    for fld in nodes_of(node.get("localizedFields")):
        if str(fld.get("key", "")).startswith("TAX_CREDENTIAL"):
            tax_id = (fld.get("value") or "").strip()
    shipping_address = _address(node.get("shippingAddress"))
    billing_address = _address(node.get("billingAddress"))
    customer_block = node.get("customer") or {}
    return ChannelOrder(
        external_id=str(node["id"]),
        number=node.get("name") or str(node["id"]),
        status=_status(node),
        raw_status=f"{financial}/{node.get('displayFulfillmentStatus') or ''}",
        created_at=parse_utc(node["createdAt"]),
        updated_at=parse_utc(node["updatedAt"]),
        currency=currency.upper(),
        taxes_included=bool(node.get("taxesIncluded")),
        customer=ChannelCustomer(
            email=(node.get("email") or "").strip(),
            phone=(node.get("phone") or shipping_address.phone or "").strip(),
            name=customer_block.get("displayName") or billing_address.name
            or shipping_address.name,
            tax_id=tax_id,
            external_id=str(customer_block.get("id") or ""),
        ),
        shipping_address=shipping_address,
        billing_address=billing_address,
        lines=tuple(lines),
        shipping_lines=tuple(shipping),
        discounts=discounts,
        payment=payment,
        total=total,
        note=node.get("note") or "",
        raw=node,
    )


def read_order(node: Any, with_all_lines: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
               ) -> ChannelOrder | RejectedOrder:
    """An order node read, or why it cannot be: one rule for the paged reads and the bulk export.

    `with_all_lines` completes a node whose line items run over one page (paged reads only; a
    bulk export holds every line).
    """
    if not isinstance(node, Mapping):
        return RejectedOrder("", "unreadable Shopify order: not an object", {"value": node})
    try:
        full = with_all_lines(node) if with_all_lines is not None else node
        problem = total_mismatch(full)
        order = parse_order(full)
    except (KeyError, TypeError, ValueError, AmountError) as exc:
        return RejectedOrder(external_id=str(node.get("id", "")),
                             reason=f"unreadable Shopify order: {exc.__class__.__name__}: {exc}",
                             raw=node)
    if problem is not None:
        return RejectedOrder(str(full["id"]), f"Shopify order {full.get('name') or full['id']}: {problem}",
                             full)
    return order


def split_reads(reads: Iterable[ChannelOrder | RejectedOrder],
                ) -> tuple[list[ChannelOrder], list[RejectedOrder]]:
    """The orders read, and those refused, each in their order."""
    orders: list[ChannelOrder] = []
    rejected: list[RejectedOrder] = []
    for read in reads:
        if isinstance(read, ChannelOrder):
            orders.append(read)
        else:
            rejected.append(read)
    return orders, rejected


def total_mismatch(node: Mapping[str, Any]) -> str | None:
    """Why the order's lines do not add up to Shopify's `totalPriceSet`, or None when they do.

    Shopify's total is the lines at their original quantity and unit price, plus shipping, less
    every discount (line, shipping and order level: `totalDiscountsSet`), plus tax when prices
    exclude it. Lines missing from the read (a truncated page) or charges omsdesk does not read
    (tips, duties, additional fees) show up here instead of as a wrong order total.
    """
    currency = node["currencyCode"]
    items = nodes_of(node.get("lineItems"))
    shipping = nodes_of(node.get("shippingLines"))
    lines = sum(_money(i["originalUnitPriceSet"], currency) * int(i["quantity"]) for i in items)
    ships = sum(_money(s["originalPriceSet"], currency) for s in shipping)
    tax = 0
    if not node.get("taxesIncluded"):
        tax = sum(_tax(i.get("taxLines") or [], currency)[0] for i in items + shipping)
    expected = lines + ships + tax - _money(node.get("totalDiscountsSet"), currency)
    total = _money(node.get("totalPriceSet"), currency)
    if expected == total:
        return None
    return (f"the {len(items)} line(s) and {len(shipping)} shipping line(s) read add up to "
            f"{_show(expected, currency)} {currency} but Shopify's order total is "
            f"{_show(total, currency)} "
            f"{currency}: lines missing from the read, or charges omsdesk does not import "
            "(tips, duties, fees); nothing was imported for this order")


def _show(minor: int, currency: str) -> str:
    places = currency_exponent(currency)
    return f"{Decimal(minor).scaleb(-places):.{places}f}"
