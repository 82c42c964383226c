"""Inbound limits come from the model metadata and are the same for SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import BigInteger, Column, Integer, SmallInteger

from omsdesk.models import Customer, OrderLine
from omsdesk.models.errors import ValidationError
from omsdesk.services.intake.order_entry import AddressInput, CustomerInput, LineInput, OrderInput
from omsdesk.services.validation import country_alpha2
from omsdesk.sync.inbound_limits import int_range, max_length, order_problems


def order(*lines: LineInput, **changes: object) -> OrderInput:
    base = OrderInput(lines=lines or (LineInput("SKU-1", 2, 1210, 0, 2100),), channel="woo",
                      customer=CustomerInput("Ana", "ana@example.es", address=AddressInput(
                          line1="Calle Mayor 1", city="Madrid", postcode="28013")),
                      ship_to=AddressInput(line1="Calle Mayor 1", city="Madrid", postcode="28013"))
    return OrderInput(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_integer_ranges_follow_the_column_type_not_the_dialect() -> None:
    assert int_range(Column("a", Integer)).high == 2**31 - 1  # PostgreSQL integer
    assert int_range(Column("b", BigInteger)).high == 2**63 - 1
    assert int_range(Column("c", SmallInteger)).low == -(2**15)
    assert int_range(OrderLine.__table__.c.qty).high == 2**31 - 1


def test_string_limits_are_read_from_the_models() -> None:
    assert max_length(Customer.__table__.c.email) == 200


def test_a_plain_order_fits() -> None:
    assert order_problems(order()) == []


@pytest.mark.parametrize(("line", "word"), [
    (LineInput("SKU-1", 2**31, 1), "qty"),
    (LineInput("SKU-1", 1, 2**31), "unit_price"),
    (LineInput("SKU-1", 3, 2**30), "amount"),  # each value fits, their product does not
    (LineInput("SKU-1", 1, 100, 0, 10001), "tax rate"),
])
def test_a_value_beyond_its_column_is_named(line: LineInput, word: str) -> None:
    problems = order_problems(order(line))
    assert problems and word in problems[0]


def test_lines_that_fit_alone_can_still_overflow_the_order_total() -> None:
    line = LineInput("SKU-1", 1, 2**30, 0, 0)
    assert any("order total" in p for p in order_problems(order(line, line)))


def test_a_ship_to_field_must_fit_the_narrower_of_order_and_address_book() -> None:
    problems = order_problems(order(ship_to=AddressInput(line1="x", postcode="1" * 17)))
    assert problems == ["ship-to postcode has 17 characters, at most 16 fit"]


@pytest.mark.parametrize(("sent", "code"), [("ES", "ES"), ("esp", "ES"), ("724", "ES"),
                                            ("Spain", "ES"), ("ESPAÑA", "ES"), ("DEU", "DE"),
                                            ("UK", "GB"), ("Alemania", "DE")])
def test_countries_are_mapped_to_alpha2_where_unambiguous(sent: str, code: str) -> None:
    assert country_alpha2(sent) == code


@pytest.mark.parametrize("sent", ["Narnia", "XYZ", "EU", "ZZ", ""])
def test_an_unknown_country_is_refused_with_the_value(sent: str) -> None:
    with pytest.raises(ValidationError):
        country_alpha2(sent)
