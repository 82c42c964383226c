"""Marketplace order to omsdesk order: SKUs, customer, addresses, taxes, discounts, shipping."""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import operator
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from omsdesk.models import OmsError
from omsdesk.models.money import check_currency
from omsdesk.services.intake.order_entry import AddressInput, CustomerInput, LineInput, OrderInput
from omsdesk.services.validation import country_alpha2, valid_tax_id
from omsdesk.sync.connector import (
    ChannelAddress,
    ChannelCustomer,
    ChannelDiscount,
    ChannelOrder,
    ChannelOrderLine,
    ChannelPayment,
    ChannelShippingLine,
    parse_utc,
)
from omsdesk.sync.inbound_limits import address_problems, order_problems


class MappingError(Exception):
    """The order cannot become an omsdesk order as it is; `kind` says which quarantine shelf."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True)
class MappedOrder:
    """What the import service stores for one shop order."""

    order: OrderInput
    line_ids: tuple[str, ...]
    shipping_total: int
    content_hash: str
    paid: int
    fully_paid: bool
    notes: tuple[str, ...] = ()


_NOT_PHONE = re.compile(r"[^\d+]")


def _clean(text: str) -> str:
    """Trimmed, with each run of whitespace one space (split/join: cheaper than a regex)."""
    return " ".join(text.split()) if text else ""


def normalise_phone(phone: str, country: str = "ES") -> str:
    """Digits with an international prefix where we can tell it: '600 11 22 33' -> '+34600112233'."""
    digits = _NOT_PHONE.sub("", phone or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not digits.startswith("+") and country == "ES" and len(digits) == 9:
        digits = "+34" + digits
    return digits


def shop_country(value: str) -> str:
    """The alpha-2 code of a shop's country ('ESP', 'Spain' -> 'ES'); an unknown one as sent.

    Unknown values are kept (upper-cased) so `check_address` can name them in the reason.
    """
    try:
        return country_alpha2(value or "ES")
    except OmsError:
        return _clean(value).upper()


def normalise_address(address: ChannelAddress) -> AddressInput:
    """Trimmed fields, ISO alpha-2 country, Spanish postcodes with their leading zero."""
    country = shop_country(address.country)
    postcode = address.postcode.replace(" ", "").upper()
    if country == "ES" and postcode.isdigit() and len(postcode) == 4:
        postcode = "0" + postcode  # a spreadsheet ate the zero of 08001
    return AddressInput(
        name=_clean(address.name), company=_clean(address.company), line1=_clean(address.line1),
        line2=_clean(address.line2), city=_clean(address.city), postcode=postcode,
        province=_clean(address.region), country=country,
        phone=normalise_phone(address.phone, country),
    )


def check_address(address: AddressInput, what: str) -> None:
    """Raise MappingError unless the address has a real country and fits its columns."""
    problems = address_problems(address, what)
    try:
        country_alpha2(address.country)
    except OmsError as exc:
        # An unknown country's length says nothing more: name the country only.
        problems = [f"{what}: {exc}"] + [p for p in problems if " country " not in p]
    if problems:
        raise MappingError("invalid", "; ".join(problems))


def _spread(total: int, weights: list[int]) -> list[int]:
    """Split `total` over weights proportionally, to the cent, largest remainder first."""
    base = sum(weights)
    if total <= 0 or base <= 0:
        return [0] * len(weights)
    shares = [total * w // base for w in weights]
    rest = total - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % base), i))
    for i in order[:rest]:
        shares[i] += 1
    return shares


def content_hash(order: ChannelOrder) -> str:
    """A digest of what matters in an order, so a touch that changed nothing is recognised.

    Every field the dataclasses show (the raw payload is repr=False, so left out), nested
    values included; the update time and the shop's raw status word are left out so only real
    changes count. The values are serialised with `marshal` at format version 2, which has no
    back-references, so equal values always give equal bytes (the dataclasses' repr took half
    the time of mapping an order). A later Python may write other bytes: a digest unlike the
    stored one only costs the full comparison once (the importer then finds nothing changed
    and stores the new digest).
    """
    values = tuple(_flat(v) for v in _ORDER_FIELDS(order))
    return hashlib.sha256(marshal.dumps(values, 2)).hexdigest()


def _shown(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.repr)


# The parts of a shop order (all of plain values) and the order's own fields that count.
_PART_FIELDS: dict[type, Any] = {
    cls: operator.attrgetter(*_shown(cls))
    for cls in (ChannelCustomer, ChannelAddress, ChannelOrderLine, ChannelShippingLine,
                ChannelDiscount, ChannelPayment)
}
_ORDER_FIELDS = operator.attrgetter(
    *(name for name in _shown(ChannelOrder) if name not in ("updated_at", "raw_status")))


def _flat(value: Any) -> Any:
    """Plain values marshal can write: parts as tuples, instants as ISO text."""
    getter = _PART_FIELDS.get(type(value))
    if getter is not None:
        return getter(value)
    if type(value) is tuple:
        return tuple(_flat(v) for v in value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def map_order(order: ChannelOrder, *, channel: str, sku_map: Mapping[str, str],
              known_skus: Collection[str], shipping_sku: str | None = None) -> MappedOrder:
    """Build the OrderInput for a shop order, or raise MappingError with a clear reason.

    Order-level discounts are spread over the product lines (so each tax rate keeps its
    share); every priced shipping line becomes a line of `shipping_sku`, the channel's
    shipping service product (not stock tracked, so allocation reserves nothing for it), so
    the order's total is the shop's. Without a `shipping_sku` (callers outside the importer)
    shipping is only noted. The shipping amount is also kept in the notes and on the link.
    """
    try:
        check_currency(order.currency)
    except OmsError as exc:
        raise MappingError("invalid", str(exc)) from None
    if not order.lines:
        raise MappingError("invalid", f"order {order.number} has no product lines")
    notes: list[str] = []
    lines: list[LineInput] = []
    unknown: list[str] = []
    for line in order.lines:
        if line.quantity <= 0:
            raise MappingError("invalid", f"line '{line.title}' has quantity {line.quantity}")
        if line.unit_price < 0:
            raise MappingError("invalid", f"line '{line.title}' has a negative price")
        if not line.sku:
            unknown.append(f"'{line.title}' (no SKU on the shop)")
            continue
        local = sku_map.get(line.sku) or (line.sku if line.sku in known_skus else None)
        if local is None or local not in known_skus:
            unknown.append(f"'{line.sku}' ({line.title})")
            continue
        lines.append(LineInput(sku=local, qty=line.quantity, unit_price=line.unit_price,
                               discount=max(0, line.discount), tax_rate_bp=line.tax_rate_bp))
    if unknown:
        raise MappingError("unmapped", "unknown SKU " + ", ".join(unknown)
                           + ": map it to a product (omsdesk channels map-sku) and re-import")
    order_discount = sum(d.amount for d in order.discounts)
    if order_discount:
        amounts = [li.qty * (li.unit_price or 0) - li.discount for li in lines]
        if order_discount > sum(amounts):
            raise MappingError("invalid", f"discount {order_discount} exceeds the order's goods")
        extra = _spread(order_discount, amounts)
        lines = [dataclasses.replace(li, discount=li.discount + x) for li, x in zip(lines, extra,
                                                                                    strict=True)]
        codes = ", ".join(d.code or d.title for d in order.discounts if d.code or d.title)
        notes.append(f"discount {order_discount} {order.currency}" + (f" ({codes})" if codes else ""))
    shipping_total = sum(s.price for s in order.shipping_lines)
    line_ids = [line.external_line_id for line in order.lines]
    if shipping_total and shipping_sku:
        if shipping_sku not in known_skus:
            raise MappingError("unmapped", f"shipping product '{shipping_sku}' is not an active "
                               "product: add it as a service (omsdesk products add --service) "
                               "or change the channel's shipping_sku, then re-import")
        for ship in order.shipping_lines:
            if ship.price:  # a free-shipping line adds nothing to the total
                lines.append(LineInput(sku=shipping_sku, qty=1, unit_price=ship.price,
                                       tax_rate_bp=ship.tax_rate_bp))
                line_ids.append("")
    if shipping_total:
        titles = ", ".join(s.title for s in order.shipping_lines if s.title)
        notes.append(f"shipping {shipping_total} {order.currency}" + (f" ({titles})" if titles else ""))
    ship_to = normalise_address(order.shipping_address if not order.shipping_address.is_empty
                                else order.billing_address)
    customer = _customer(order.customer, ship_to, order.billing_address, notes)
    paid, fully_paid = _paid(order.payment, order.total)
    text = [f"{channel} {order.number}"]
    if order.note:
        text.append(_clean(order.note))
    text.extend(notes)
    check_address(ship_to, "ship-to")
    mapped = MappedOrder(
        order=OrderInput(
            lines=tuple(lines), channel=channel, currency=order.currency.upper(),
            customer=customer, ship_to=ship_to, external_id=order.external_id,
            prices_include_tax=order.taxes_included, placed_at=order.created_at,
            notes="; ".join(text)[:2000], external_updated_at=order.updated_at,
        ),
        line_ids=tuple(line_ids), shipping_total=shipping_total, content_hash=content_hash(order),
        paid=paid, fully_paid=fully_paid, notes=tuple(notes),
    )
    problems = order_problems(mapped.order, paid=paid, shipping_total=shipping_total)
    if problems:
        # Before any write: a value the database would refuse (or SQLite would keep and
        # PostgreSQL refuse) sends this one order to quarantine, not the page to a crash.
        raise MappingError("invalid", "does not fit: " + "; ".join(problems))
    return mapped


def _customer(c: ChannelCustomer, ship_to: AddressInput, billing: ChannelAddress,
              notes: list[str]) -> CustomerInput | None:
    name = _clean(c.name) or _clean(billing.name) or ship_to.name or c.email
    if not name:
        return None
    tax_id: str | None = None
    if c.tax_id:
        try:
            tax_id = valid_tax_id(c.tax_id, ship_to.country or "ES")
        except OmsError:
            # A mistyped NIF from a checkout form must not hold the order back.
            notes.append(f"tax id '{c.tax_id}' from the shop is not valid and was not stored")
    return CustomerInput(
        name=name, email=(c.email or "").strip().lower() or None,
        phone=normalise_phone(c.phone, ship_to.country) or None, tax_id=tax_id,
        address=ship_to,
    )


def _paid(payment: ChannelPayment | None, total: int | None) -> tuple[int, bool]:
    if payment is None or payment.status not in ("paid", "partially_paid", "partially_refunded"):
        return 0, False
    amount = payment.amount or (total or 0)
    return amount, payment.status != "partially_paid"


# -- JSON round trip for the quarantine (re-import without fetching again) ---------------


def to_json(order: ChannelOrder) -> dict[str, Any]:
    """The normalised order as plain JSON (no raw payload)."""
    # asdict deep-copies every field: leave the raw payload out before, not after.
    data = dataclasses.asdict(dataclasses.replace(order, raw={}))
    data.pop("raw", None)
    for key in ("created_at", "updated_at"):
        data[key] = data[key].isoformat()
    return data


def from_json(data: Mapping[str, Any]) -> ChannelOrder:
    """Inverse of to_json."""
    def times(key: str) -> datetime:
        return parse_utc(data[key])

    return ChannelOrder(
        external_id=data["external_id"], number=data["number"], status=data["status"],
        created_at=times("created_at"), updated_at=times("updated_at"),
        currency=data["currency"], taxes_included=data["taxes_included"],
        customer=ChannelCustomer(**data["customer"]),
        shipping_address=ChannelAddress(**data["shipping_address"]),
        billing_address=ChannelAddress(**data["billing_address"]),
        lines=tuple(ChannelOrderLine(**x) for x in data["lines"]),
        shipping_lines=tuple(ChannelShippingLine(**x) for x in data.get("shipping_lines") or ()),
        discounts=tuple(ChannelDiscount(**x) for x in data.get("discounts") or ()),
        payment=ChannelPayment(**data["payment"]) if data.get("payment") else None,
        total=data.get("total"), raw_status=data.get("raw_status", ""), note=data.get("note", ""),
    )
