"""Money rules: minor units per currency, half-up VAT per line, exact parsing and plain formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omsdesk.models import ValidationError
from omsdesk.models.money import (
    check_currency,
    currency_exponent,
    format_minor,
    round_half_up,
    split_gross,
    tax_on_net,
    to_minor,
)

# Spanish VAT rates in basis points: exempt, super-reduced, reduced, general.
ES_RATES = (0, 400, 1000, 2100)


@pytest.mark.parametrize(("code", "digits"), [("EUR", 2), ("USD", 2), ("GBP", 2), ("JPY", 0), ("BHD", 3)])
def test_currency_exponent_follows_iso_4217(code: str, digits: int) -> None:
    assert currency_exponent(code) == digits


@pytest.mark.parametrize("code", ["eur", "EURO", "EU", "", "ABC", "€"])
def test_unknown_currency_is_refused_with_its_code(code: str) -> None:
    with pytest.raises(ValidationError, match="unknown currency"):
        check_currency(code)


def test_check_currency_returns_the_code() -> None:
    assert check_currency("EUR") == "EUR"


@pytest.mark.parametrize(("value", "expected"), [
    (Decimal("0.5"), 1), (Decimal("1.5"), 2), (Decimal("2.5"), 3),  # half-up, not banker's
    (Decimal("2.4999"), 2), (Decimal("-0.5"), -1), (Decimal("-1.4"), -1),
])
def test_round_half_up(value: Decimal, expected: int) -> None:
    assert round_half_up(value) == expected


@pytest.mark.parametrize(("net", "rate", "tax"), [
    (1000, 2100, 210),
    (250, 2100, 53),    # 52.5 rounds up; banker's rounding would give 52
    (5, 2100, 1),       # 1.05
    (10, 500, 1),       # 0.5 exactly
    (999, 1000, 100),   # 99.9
    (12345, 400, 494),  # 493.8
    (1000, 0, 0),
])
def test_tax_on_net_rounds_half_up_per_line(net: int, rate: int, tax: int) -> None:
    assert tax_on_net(net, rate) == tax


@pytest.mark.parametrize(("gross", "rate", "net", "tax"), [
    (1210, 2100, 1000, 210),
    (1995, 2100, 1649, 346),  # 1648.76 net
    (100, 1000, 91, 9),
    (1, 2100, 1, 0),
    (0, 2100, 0, 0),
    (500, 0, 500, 0),
])
def test_split_gross(gross: int, rate: int, net: int, tax: int) -> None:
    assert split_gross(gross, rate) == (net, tax)


@given(gross=st.integers(min_value=0, max_value=10**9), rate=st.sampled_from(ES_RATES))
def test_split_gross_never_loses_a_cent(gross: int, rate: int) -> None:
    net, tax = split_gross(gross, rate)
    assert net + tax == gross
    assert 0 <= tax <= gross
    # Splitting and taxing the net again may differ by at most one minor unit of rounding.
    assert abs(tax_on_net(net, rate) - tax) <= 1


@pytest.mark.parametrize(("text", "currency", "minor"), [
    ("12.34", "EUR", 1234), ("12.3", "EUR", 1230), ("12", "EUR", 1200), ("0.01", "EUR", 1),
    ("-1.50", "EUR", -150), ("500", "JPY", 500), ("1.234", "BHD", 1234), (3, "EUR", 300),
    (Decimal("19.95"), "EUR", 1995),
])
def test_to_minor_is_exact(text: str, currency: str, minor: int) -> None:
    assert to_minor(text, currency) == minor


@pytest.mark.parametrize(("text", "currency", "problem"), [
    ("12.345", "EUR", "more than 2 decimals"),
    ("5.5", "JPY", "more than 0 decimals"),
    ("12,34", "EUR", "is not an amount"),
    ("abc", "EUR", "is not an amount"),
    ("12.34", "XYZ", "unknown currency"),
])
def test_to_minor_refuses_what_it_cannot_represent(text: str, currency: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        to_minor(text, currency)


@pytest.mark.parametrize(("minor", "currency", "text"), [
    (123450, "EUR", "1234.50 EUR"), (-5, "EUR", "-0.05 EUR"), (0, "EUR", "0.00 EUR"),
    (500, "JPY", "500 JPY"), (1234, "BHD", "1.234 BHD"),
])
def test_format_minor(minor: int, currency: str, text: str) -> None:
    assert format_minor(minor, currency) == text


@given(minor=st.integers(min_value=-10**12, max_value=10**12),
       currency=st.sampled_from(["EUR", "JPY", "BHD"]))
def test_format_then_parse_round_trips(minor: int, currency: str) -> None:
    amount, code = format_minor(minor, currency).split(" ")
    assert code == currency
    assert to_minor(amount, currency) == minor
