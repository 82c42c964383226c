"""Exact conversion of shop amounts (decimal strings) to integer minor units and tax basis points."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import get_currency_precision

_PLAIN = re.compile(r"^(-?)(\d{1,15})(?:\.(\d{1,15}))?$")


class AmountError(ValueError):
    """An amount or rate the shop sent cannot be read exactly."""


@lru_cache(maxsize=64)
def currency_exponent(currency: str) -> int:
    """Decimal places of a currency's minor unit (EUR 2, JPY 0, KWD 3), from CLDR via babel."""
    code = (currency or "").strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise AmountError(f"unknown currency code {currency!r}")
    return int(get_currency_precision(code))


def to_decimal(value: object) -> Decimal:
    """A shop amount as an exact Decimal; AmountError when it is not a finite number."""
    return _decimal(value)


def _decimal(value: object) -> Decimal:
    if isinstance(value, float):
        # A float has already lost exactness; its shortest repr is what the shop meant.
        value = repr(value)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise AmountError(f"not a number: {value!r}") from None
    if not number.is_finite():
        raise AmountError(f"not a finite number: {value!r}")
    return number


def to_minor(amount: object, currency: str, *, allow_rounding: bool = False) -> int:
    """Convert a decimal amount such as "19.99" to minor units (1999 for EUR), exactly.

    More decimals than the currency has (e.g. "1.005" EUR) is refused unless
    `allow_rounding` (used for values the shop itself derives, such as PrestaShop's
    six-decimal unit prices), which rounds half up.
    """
    if amount is None or amount == "":
        raise AmountError("missing amount")
    if isinstance(amount, str):
        plain = _PLAIN.match(amount)
        if plain is not None:
            # The usual shape ("19.95"): exact integer arithmetic, no Decimal needed.
            sign, whole, frac = plain.groups()
            exponent = currency_exponent(currency)
            frac = frac or ""
            if len(frac) <= exponent:
                value = int(whole) * 10**exponent + int(frac.ljust(exponent, "0") or "0")
                return -value if sign else value
    number = _decimal(amount)
    exponent = currency_exponent(currency)
    scaled = number.scaleb(exponent)
    whole = scaled.to_integral_value(rounding=ROUND_HALF_UP)
    if whole != scaled and not allow_rounding:
        raise AmountError(f"{amount!r} has more decimals than {currency.upper()} allows")
    return int(whole)


def rate_to_bp(rate: object, *, percent: bool = False) -> int:
    """A tax rate as basis points: 0.21 or "21" (percent=True) -> 2100, rounded half up."""
    if rate is None or rate == "":
        return 0
    number = _decimal(rate)
    factor = Decimal(100) if percent else Decimal(10000)
    return int((number * factor).to_integral_value(rounding=ROUND_HALF_UP))


def rate_from_prices(incl: object, excl: object) -> int:
    """Basis points implied by a tax-inclusive and a tax-exclusive unit price (0 when none).

    Pass the shop's unrounded decimals (PrestaShop sends six places): prices already
    rounded to the cent would skew the rate of a cheap item.
    """
    gross, net = _decimal(incl), _decimal(excl)
    if net <= 0 or gross <= net:
        return 0
    ratio = (gross - net) / net * 10000
    return int(ratio.to_integral_value(rounding=ROUND_HALF_UP))
