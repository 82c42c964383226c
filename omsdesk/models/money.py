"""Money in integer minor units: the one place where tax and rounding rules live."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from omsdesk.models.errors import ValidationError


@lru_cache(maxsize=512)
def currency_exponent(code: str) -> int:
    """Minor-unit digits of an ISO 4217 currency (EUR 2, JPY 0); raises on unknown codes."""
    from babel.numbers import get_currency_precision, list_currencies

    if not isinstance(code, str) or len(code) != 3 or code.upper() != code or code not in list_currencies():
        raise ValidationError(f"unknown currency '{code}' (use an ISO 4217 code such as EUR)")
    return int(get_currency_precision(code))


def check_currency(code: str) -> str:
    currency_exponent(code)
    return code


def round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def div_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounding halves away from zero (ROUND_HALF_UP), exactly, with no floats."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    q = (2 * abs(numerator) + denominator) // (2 * denominator)
    return -q if numerator < 0 else q


def tax_on_net(net: int, rate_bp: int) -> int:
    """VAT on a net amount, per line, half-up to the minor unit (our one rounding rule)."""
    return div_half_up(net * rate_bp, 10000)


def split_gross(gross: int, rate_bp: int) -> tuple[int, int]:
    """Split a tax-included amount into (net, tax); net + tax always equals gross."""
    net = div_half_up(gross * 10000, 10000 + rate_bp)
    return net, gross - net


def to_minor(amount: str | Decimal | int, currency: str) -> int:
    """Parse a decimal string ('12.34') into minor units exactly; refuses sub-minor precision."""
    exp = currency_exponent(currency)
    try:
        dec = Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValidationError(f"'{amount}' is not an amount") from exc
    scaled = dec.scaleb(exp)
    if scaled != scaled.to_integral_value():
        raise ValidationError(f"{amount} {currency} has more than {exp} decimals")
    return int(scaled)


def format_minor(amount: int, currency: str) -> str:
    """Plain, locale-free rendering for logs and the CLI: '1234.50 EUR'."""
    exp = currency_exponent(currency)
    sign = "-" if amount < 0 else ""
    whole, frac = divmod(abs(amount), 10**exp) if exp else (abs(amount), 0)
    body = f"{whole}.{frac:0{exp}d}" if exp else f"{whole}"
    return f"{sign}{body} {currency}"
