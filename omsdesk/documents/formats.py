"""Locale-aware text for money, tax rates, dates and weights on documents (babel)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, get_currency_precision

# Spanish documents follow es_ES; English ones use en_IE, an EU locale that writes €1,234.56.
_LOCALES = {"es": "es_ES", "en": "en_IE"}
_DATE_PATTERNS = {"es": "dd/MM/yyyy", "en": "d MMM yyyy"}
_DATETIME_PATTERNS = {"es": "dd/MM/yyyy HH:mm", "en": "d MMM yyyy HH:mm"}


def locale_for(language: str) -> str:
    try:
        return _LOCALES[language]
    except KeyError:
        raise ValueError(f"no document locale for language {language!r}") from None


@lru_cache(maxsize=32)
def _precision(currency: str) -> int:
    return int(get_currency_precision(currency))


def format_money(minor: int, currency: str, language: str) -> str:
    """Integer minor units as printed money: 123456 EUR -> '1.234,56 €' (es), '€1,234.56' (en)."""
    amount = Decimal(minor).scaleb(-_precision(currency))
    return str(format_currency(amount, currency, locale=locale_for(language)))


def format_amount(minor: int, currency: str, language: str) -> str:
    """Money without the currency sign, for table columns whose header names the currency."""
    digits = _precision(currency)
    amount = Decimal(minor).scaleb(-digits)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(format_decimal(amount, format=pattern, locale=locale_for(language)))


def format_rate(rate_bp: int, language: str) -> str:
    """A rate in basis points as a percentage: 2100 -> '21 %' (es) or '21%' (en); 520 -> '5,2 %'."""
    number = format_decimal(Decimal(rate_bp).scaleb(-2), format="#,##0.##", locale=locale_for(language))
    return f"{number}\u00a0%" if language == "es" else f"{number}%"


def format_day(day: date, language: str) -> str:
    return str(format_date(day, _DATE_PATTERNS[language], locale=locale_for(language)))


def format_moment(moment: datetime, language: str) -> str:
    """A timestamp in the machine's local time zone, as the clerk reads the wall clock."""
    local = moment.astimezone() if moment.tzinfo else moment
    return str(format_datetime(local, _DATETIME_PATTERNS[language], locale=locale_for(language)))


def format_weight(grams: int, language: str) -> str:
    kilos = format_decimal(Decimal(grams).scaleb(-3), format="#,##0.0##", locale=locale_for(language))
    return f"{kilos} kg"


def format_decimal_int(value: int, language: str) -> str:
    """A whole number with the language's grouping: 12345 -> '12.345' (es), '12,345' (en)."""
    return str(format_decimal(value, format="#,##0", locale=locale_for(language)))


def format_measure(value: float, language: str, digits: int = 1) -> str:
    """A measured figure with `digits` decimals: 3.25 -> '3,3' (es), '3.3' (en)."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(format_decimal(round(value, digits), format=pattern, locale=locale_for(language)))
