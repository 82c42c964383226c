"""Search keys: names folded the way clerks type them, order numbers read without their prefix."""

from __future__ import annotations

import pytest

from omsdesk.models import Customer, Order
from omsdesk.models.search_keys import (
    NumberSearch,
    fold,
    parse_number,
    reference_number,
    search_name,
)


@pytest.mark.parametrize(("typed", "folded"), [
    ("Lucía Fernández", "lucia fernandez"),
    ("BEGOÑA  Vázquez\tGómez", "begona vazquez gomez"),
    ("Íñigo Quiñones", "inigo quinones"),
    ("Núria Ferrer", "nuria ferrer"),
    ("", ""),
    (None, ""),
])
def test_names_fold_to_lower_case_without_accents(typed: str | None, folded: str) -> None:
    assert fold(typed) == folded


def test_search_name_holds_the_folded_name_and_email() -> None:
    assert search_name("Lucía Fernández", "Lucia@Example.ES") == "lucia fernandez lucia@example.es"
    assert search_name("", None) == ""


@pytest.mark.parametrize(("reference", "number"), [
    ("SO-2026-000123", 123), ("SO-2025-100000", 100000), ("T2026-7", 7), ("no number", None), ("", None),
])
def test_reference_number_is_the_running_number_at_the_end(reference: str, number: int | None) -> None:
    assert reference_number(reference) == number


@pytest.mark.parametrize(("typed", "expected"), [
    ("123", NumberSearch(123)),
    ("000123", NumberSearch(123)),
    (" 2026-000123 ", NumberSearch(123, 2026)),
    ("2026/123", NumberSearch(123, 2026)),
    ("2026000123", NumberSearch(123, 2026)),
    ("SO-2026-000123", None),  # a whole reference is matched as it is
    ("lucia", None),
    ("12a", None),
    ("", None),
])
def test_order_numbers_are_read_as_clerks_type_them(typed: str, expected: NumberSearch | None) -> None:
    assert parse_number(typed) == expected


def test_an_order_keeps_its_search_keys_when_its_columns_are_set() -> None:
    order = Order(reference="SO-2026-000123", customer_name="Lucía Fernández", customer_email="LF@example.es")
    assert (order.search_name, order.ref_number) == ("lucia fernandez lf@example.es", 123)
    order.customer_name = "Begoña Peña"
    assert order.search_name == "begona pena lf@example.es"


def test_a_customer_keeps_its_search_name_whatever_order_its_columns_are_set_in() -> None:
    customer = Customer(email="b@example.es", name="Begoña Vázquez")
    assert customer.search_name == "begona vazquez b@example.es"
    customer.email = None
    assert customer.search_name == "begona vazquez"
