"""Exact conversion of shop amounts to minor units and of tax rates to basis points."""

from __future__ import annotations

import pytest

from omsdesk.sync.money import AmountError, rate_from_prices, rate_to_bp, to_minor


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [("19.99", "EUR", 1999), ("0.10", "EUR", 10), ("1500", "JPY", 1500), ("1.234", "KWD", 1234),
     ("-4.50", "EUR", -450), ("7", "eur", 700), (12.3, "EUR", 1230)],
)
def test_decimal_strings_become_exact_minor_units(amount: object, currency: str, minor: int) -> None:
    assert to_minor(amount, currency) == minor


def test_more_decimals_than_the_currency_has_is_refused() -> None:
    with pytest.raises(AmountError, match="more decimals"):
        to_minor("1.005", "EUR")


def test_shop_derived_six_decimal_prices_round_half_up_when_allowed() -> None:
    assert to_minor("16.487603", "EUR", allow_rounding=True) == 1649
    assert to_minor("0.005000", "EUR", allow_rounding=True) == 1


@pytest.mark.parametrize("bad", ["", None, "abc", "NaN", "Infinity"])
def test_unreadable_amounts_raise_amount_error(bad: object) -> None:
    with pytest.raises(AmountError):
        to_minor(bad, "EUR")


def test_unknown_currency_code_is_refused() -> None:
    with pytest.raises(AmountError, match="currency"):
        to_minor("1.00", "EURO")


def test_rates_become_basis_points() -> None:
    assert rate_to_bp(0.21) == 2100
    assert rate_to_bp("0.055") == 550
    assert rate_to_bp("21.000", percent=True) == 2100
    assert rate_to_bp(None) == 0


def test_rate_implied_by_unrounded_prices() -> None:
    assert rate_from_prices("19.950000", "16.487603") == 2100
    assert rate_from_prices("8.900000", "8.557692") == 400
    assert rate_from_prices("5.00", "5.00") == 0
