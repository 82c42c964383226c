"""Identifiers people type or shops send: EAN/GTIN, Spanish and EU tax ids, quantities, countries."""

from __future__ import annotations

import pytest

from omsdesk.models import ValidationError
from omsdesk.services.validation import (
    country_code,
    non_negative_int,
    positive_int,
    valid_ean,
    valid_tax_id,
)

# -- EAN / GTIN ----------------------------------------------------------------


@pytest.mark.parametrize(("code", "compact"), [
    ("4006381333931", "4006381333931"),     # EAN-13
    ("96385074", "96385074"),               # EAN-8
    ("036000291452", "036000291452"),       # UPC-A (GTIN-12)
    ("10012345000017", "10012345000017"),   # GTIN-14
    ("4006381 333931", "4006381333931"),    # as printed under a barcode
])
def test_valid_ean_is_returned_compact(code: str, compact: str) -> None:
    assert valid_ean(code) == compact


@pytest.mark.parametrize("code", [
    "4006381333932",   # wrong check digit
    "400638133393",    # 12 digits with a wrong UPC check digit
    "40063813339",     # no GTIN has 11 digits
    "ABCDEFGHIJKLM",
    "4006381333931X",
])
def test_invalid_ean_is_refused_naming_the_code(code: str) -> None:
    with pytest.raises(ValidationError, match=f"invalid EAN/GTIN '{code}'"):
        valid_ean(code)


@pytest.mark.parametrize("code", [None, "", "   "])
def test_missing_ean_is_allowed(code: str | None) -> None:
    assert valid_ean(code) is None


# -- tax ids -------------------------------------------------------------------


@pytest.mark.parametrize(("value", "normalised"), [
    ("12345678Z", "12345678Z"),          # NIF
    ("12345678-z", "12345678Z"),         # typed in lower case with a dash
    ("ES12345678Z", "12345678Z"),        # Spanish ids are kept without the ES prefix
    ("X1234567L", "X1234567L"),          # NIE
    ("B12345674", "B12345674"),          # CIF of a company
    ("A58818501", "A58818501"),
    ("ESB12345674", "B12345674"),
    ("DE136695976", "DE136695976"),      # EU VAT keeps its country prefix
    ("FR 40 303 265 045", "FR40303265045"),
    ("NL004495445B01", "NL004495445B01"),
])
def test_valid_tax_ids_are_normalised(value: str, normalised: str) -> None:
    assert valid_tax_id(value) == normalised


def test_foreign_tax_id_without_prefix_takes_the_address_country() -> None:
    assert valid_tax_id("501964843", "PT") == "PT501964843"


@pytest.mark.parametrize("value", [
    "12345678A",      # NIF with the wrong control letter
    "X1234567A",      # NIE with the wrong control letter
    "B12345675",      # CIF with the wrong control digit
    "1234",
    "hello",
])
def test_invalid_spanish_tax_id_is_refused_naming_it(value: str) -> None:
    with pytest.raises(ValidationError, match=f"invalid tax id '{value}'"):
        valid_tax_id(value)


def test_invalid_eu_vat_number_is_refused_as_vat() -> None:
    with pytest.raises(ValidationError, match="invalid VAT number 'DE123456789'"):
        valid_tax_id("DE123456789")


def test_spanish_tax_id_is_not_accepted_for_a_wrong_foreign_country() -> None:
    with pytest.raises(ValidationError):
        valid_tax_id("501964843", "ES")


@pytest.mark.parametrize("value", [None, "", "  "])
def test_missing_tax_id_is_allowed(value: str | None) -> None:
    assert valid_tax_id(value) is None


# -- quantities and amounts ----------------------------------------------------


@pytest.mark.parametrize("qty", [1, 7, 10**6])
def test_positive_quantities_pass(qty: int) -> None:
    assert positive_int(qty, "quantity") == qty


@pytest.mark.parametrize(("qty", "problem"), [
    (0, "greater than zero"), (-3, "greater than zero"),
    (1.5, "whole number"), (2.0, "whole number"), ("2", "whole number"), (True, "whole number"),
    (None, "whole number"),
])
def test_zero_negative_and_non_integer_quantities_are_refused(qty: object, problem: str) -> None:
    with pytest.raises(ValidationError, match=f"quantity of SKU-1 must .*{problem}"):
        positive_int(qty, "quantity of SKU-1")


def test_non_negative_amounts_allow_zero_but_not_less() -> None:
    assert non_negative_int(0, "price") == 0
    with pytest.raises(ValidationError, match="price must not be negative"):
        non_negative_int(-1, "price")
    with pytest.raises(ValidationError, match="whole number of minor units"):
        non_negative_int(12.5, "price")
    with pytest.raises(ValidationError, match="whole number of minor units"):
        non_negative_int(False, "price")


# -- countries -----------------------------------------------------------------


@pytest.mark.parametrize(("value", "code"), [("es", "ES"), (" PT ", "PT"), (None, "ES"), ("", "ES")])
def test_country_codes_are_normalised(value: str | None, code: str) -> None:
    assert country_code(value) == code


@pytest.mark.parametrize("value", ["XY", "ESP", "E", "001", "ZZ", "EU", "UN"])
def test_unknown_or_non_country_codes_are_refused(value: str) -> None:
    with pytest.raises(ValidationError, match="unknown country code"):
        country_code(value)


def test_fast_dni_nie_check_agrees_with_python_stdnum() -> None:
    """The DNI/NIE fast path answers only what python-stdnum's full check answers."""
    import random

    from stdnum.es import nif

    from omsdesk.services.validation import _dni_or_nie

    rng = random.Random(23)
    letters = "ABCDEFGHJKLMNPQRSTVWXYZ"
    agreed = 0
    for _ in range(20_000):
        if rng.random() < 0.5:
            code = f"{rng.randrange(10**8):08d}{rng.choice(letters)}"
        else:
            code = f"{rng.choice('XYZ')}{rng.randrange(10**7):07d}{rng.choice(letters)}"
        try:
            expected: str | None = nif.validate(code)
        except Exception:
            expected = None
        assert _dni_or_nie(code) == expected
        agreed += expected is not None
    assert agreed > 500  # both valid and invalid ids were tried
    assert _dni_or_nie("B12345674") is None  # a CIF is left to the full check
