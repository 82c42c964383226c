"""What a shop order may hold before anything is written: the schema's own limits, per column.

The limits are read from the SQLAlchemy model metadata, never restated by hand, and the
stricter dialect wins: a String(n) is n characters everywhere (SQLite would accept more,
PostgreSQL refuses), an Integer is the 32-bit range of PostgreSQL `integer` (SQLite would
store up to 2**63-1), a BigInteger the 64-bit range. So SQLite and PostgreSQL refuse the
same orders, and they are refused here, with a reason, instead of by the database mid-page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Column, Integer, SmallInteger, String

from omsdesk.models import Address, Customer, Order, OrderLine, Payment
from omsdesk.models.money import split_gross, tax_on_net
from omsdesk.models.sync_state import ChannelOrderLink, QuarantinedOrder
from omsdesk.services.intake.order_entry import AddressInput, CustomerInput, LineInput, OrderInput

# A tax rate above 100 % is a typo or garbage from the shop, whatever the column could hold.
MAX_TAX_RATE_BP = 10000


@dataclass(frozen=True)
class IntRange:
    """The values an integer column holds on every supported database."""

    low: int
    high: int

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.low <= value <= self.high


def int_range(column: Column[int]) -> IntRange:
    """The portable range of an integer column (BigInteger 64-bit, Integer 32-bit, SmallInteger 16-bit)."""
    kind = column.type
    if isinstance(kind, BigInteger):
        bits = 64
    elif isinstance(kind, SmallInteger):
        bits = 16
    elif isinstance(kind, Integer):
        bits = 32  # PostgreSQL `integer`; SQLite's INTEGER is wider, so this is the bound
    else:
        raise TypeError(f"{column} is not an integer column")
    return IntRange(-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)


def max_length(*columns: Column[str]) -> int:
    """The shortest declared length of these String columns (a value lands in all of them)."""
    lengths = [c.type.length for c in columns if isinstance(c.type, String) and c.type.length]
    if not lengths:
        raise TypeError(f"{columns} have no declared length")
    return min(lengths)


def _col(model: type, name: str) -> Column[Any]:
    return model.__table__.c[name]  # type: ignore[attr-defined]


# Where each inbound value is stored: a shop's ship-to goes to the order and to the new
# customer's address book, so it must fit the narrower of both.
_ADDRESS_FIELDS = {
    "name": (_col(Address, "name"), _col(Order, "ship_name")),
    "company": (_col(Address, "company"),),
    "line1": (_col(Address, "line1"), _col(Order, "ship_line1")),
    "line2": (_col(Address, "line2"), _col(Order, "ship_line2")),
    "city": (_col(Address, "city"), _col(Order, "ship_city")),
    "postcode": (_col(Address, "postcode"), _col(Order, "ship_postcode")),
    "province": (_col(Address, "province"), _col(Order, "ship_province")),
    "country": (_col(Address, "country"), _col(Order, "ship_country")),
    "phone": (_col(Address, "phone"),),
}
_CUSTOMER_FIELDS = {
    "name": (_col(Customer, "name"), _col(Order, "customer_name")),
    "email": (_col(Customer, "email"), _col(Order, "customer_email")),
    "phone": (_col(Customer, "phone"),),
    "tax_id": (_col(Customer, "tax_id"),),
}
_LINE_INTS = {
    "qty": _col(OrderLine, "qty"),
    "unit_price": _col(OrderLine, "unit_price"),
    "discount": _col(OrderLine, "discount"),
    "tax_rate_bp": _col(OrderLine, "tax_rate_bp"),
}


# The limits themselves, read from the metadata once: an import checks every order of every
# page against them, and walking the column types per value cost more than the rest of the check.
_ADDRESS_LIMITS = {name: max_length(*cols) for name, cols in _ADDRESS_FIELDS.items()}
_CUSTOMER_LIMITS = {name: max_length(*cols) for name, cols in _CUSTOMER_FIELDS.items()}
_LINE_RANGES = {name: int_range(col) for name, col in _LINE_INTS.items()}
# In the order of the values order_problems checks: qty, unit_price, discount, tax_rate_bp.
_LINE_BOUNDS = tuple((r.low, r.high) for r in _LINE_RANGES.values())
_SHOP_ID_LIMIT = max_length(_col(Order, "external_id"), _col(ChannelOrderLink, "external_id"))
_CURRENCY_LIMIT = max_length(_col(Order, "currency"))
_SKU_LIMIT = max_length(_col(OrderLine, "sku"))
_LINE_TOTAL_RANGE = int_range(_col(OrderLine, "total"))
_ORDER_TOTAL_RANGE = int_range(_col(Order, "total"))
_PAID_RANGE = int_range(_col(Payment, "amount"))
_SHIPPING_RANGE = int_range(_col(ChannelOrderLink, "shipping_total"))
_QUARANTINE_ID_LIMIT = max_length(_col(QuarantinedOrder, "external_id"))


def _too_long(value: str | None, limit: int, what: str) -> Iterator[str]:
    if value and len(value) > limit:
        yield f"{what} has {len(value)} characters, at most {limit} fit"


def _out_of_range(value: int, allowed: IntRange, what: str) -> Iterator[str]:
    if value not in allowed:
        yield f"{what} {value} is outside {allowed.low}..{allowed.high}"


def address_problems(address: AddressInput | None, what: str) -> list[str]:
    """Why this address cannot be stored as it is (empty when it can)."""
    if address is None:
        return []
    found: list[str] = []
    for name, limit in _ADDRESS_LIMITS.items():
        value = getattr(address, name)
        if value and len(value) > limit:
            found.extend(_too_long(value, limit, f"{what} {name}"))
    return found


def _customer_problems(customer: CustomerInput | None) -> Iterator[str]:
    if customer is None:
        return
    for name, limit in _CUSTOMER_LIMITS.items():
        value = getattr(customer, name)
        if value and len(value) > limit:
            yield from _too_long(value, limit, f"customer {name}")
    yield from address_problems(customer.address, "customer address")


def _line_total(line: LineInput, prices_include_tax: bool) -> int:
    """Net + tax of a line exactly as intake computes it (same rounding functions)."""
    amount = line.qty * (line.unit_price or 0) - line.discount
    rate = line.tax_rate_bp or 0
    if prices_include_tax:
        net, tax = split_gross(amount, rate)
    else:
        net, tax = amount, tax_on_net(amount, rate)
    return max(abs(net), abs(tax), abs(net + tax))


def _line_problems(no: int, line: LineInput, values: tuple[int, int, int, int]) -> Iterator[str]:
    what = f"line {no} ({line.sku[:40]})"
    yield from _too_long(line.sku, _SKU_LIMIT, f"{what} SKU")
    for (name, allowed), value in zip(_LINE_RANGES.items(), values, strict=True):
        yield from _out_of_range(value, allowed, f"{what} {name}")
    if values[3] > MAX_TAX_RATE_BP:
        yield f"{what} tax rate {line.tax_rate_bp} bp is above 100 %"


def order_problems(order: OrderInput, *, paid: int = 0, shipping_total: int = 0) -> list[str]:
    """Every reason this order would not fit the schema; empty when it can be stored.

    Checks each stored string against its column length and each integer, including the
    derived line and order totals and the payment, against its column range, so nothing
    overflows later inside a batch insert.
    """
    found: list[str] = []
    found.extend(_too_long(order.external_id, _SHOP_ID_LIMIT, "shop id"))
    found.extend(_too_long(order.currency, _CURRENCY_LIMIT, "currency"))
    found.extend(_customer_problems(order.customer))
    found.extend(address_problems(order.ship_to, "ship-to"))
    order_total = 0
    for no, line in enumerate(order.lines, start=1):
        values = (line.qty, line.unit_price or 0, line.discount, line.tax_rate_bp or 0)
        bad = values[3] > MAX_TAX_RATE_BP
        for value, (low, high) in zip(values, _LINE_BOUNDS, strict=True):
            if not (isinstance(value, int) and low <= value <= high):
                bad = True
        if bad or (line.sku and len(line.sku) > _SKU_LIMIT):
            # Something does not fit: spell out what (rare, so the messages are built only here).
            found.extend(_line_problems(no, line, values))
        if bad:
            continue
        total = _line_total(line, order.prices_include_tax)
        gross = abs(line.qty * (line.unit_price or 0))
        if gross not in _LINE_TOTAL_RANGE or total not in _LINE_TOTAL_RANGE:
            what = f"line {no} ({line.sku[:40]})"
            for value, label in ((gross, "amount"), (total, "total")):
                found.extend(_out_of_range(value, _LINE_TOTAL_RANGE, f"{what} {label}"))
        order_total += total
    found.extend(_out_of_range(order_total, _ORDER_TOTAL_RANGE, "order total"))
    found.extend(_out_of_range(paid, _PAID_RANGE, "amount paid"))
    found.extend(_out_of_range(shipping_total, _SHIPPING_RANGE, "shipping total"))
    return found


def quarantine_id(external_id: str | None) -> str | None:
    """A shop id as the quarantine can hold it: an id too long to import is kept shortened."""
    if external_id is None:
        return None
    return external_id[:_QUARANTINE_ID_LIMIT]
