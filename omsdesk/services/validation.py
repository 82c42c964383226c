"""Checks of identifiers people type or shops send: EAN/GTIN, tax ids, quantities, countries."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from stdnum import ean as _ean
from stdnum.es import cif as _cif
from stdnum.es import nie as _nie
from stdnum.es import nif as _nif
from stdnum.eu import vat as _vat
from stdnum.exceptions import ValidationError as StdnumError

from omsdesk.models.errors import ValidationError


def valid_ean(code: str | None) -> str | None:
    """Return the compact EAN/GTIN (8, 12, 13 or 14 digits with a correct check digit)."""
    if code is None or str(code).strip() == "":
        return None
    try:
        return str(_ean.validate(str(code)))
    except StdnumError as exc:
        raise ValidationError(f"invalid EAN/GTIN '{code}': {exc}") from exc


def valid_tax_id(value: str | None, country: str = "ES") -> str | None:
    """Normalise and validate a tax id: Spanish NIF/NIE/CIF, or an EU VAT number with prefix.

    Spanish ids are stored without the ES prefix (as printed on invoices); EU VAT numbers keep
    their country prefix so they stay unambiguous.
    """
    if value is None or str(value).strip() == "":
        return None
    raw = str(value).strip().upper()
    compact = raw.replace(" ", "").replace("-", "").replace(".", "")
    if compact.startswith("ES") and len(compact) == 11:
        compact = compact[2:]
    if compact[:2].isalpha() and not compact.startswith(("X", "Y", "Z")) and _looks_vat(compact):
        try:
            return str(_vat.validate(compact))
        except StdnumError as exc:
            raise ValidationError(f"invalid VAT number '{value}': {exc}") from exc
    fast = _dni_or_nie(compact)
    if fast is not None:
        return fast
    for module in (_nif, _nie, _cif):
        try:
            return str(module.validate(compact))
        except StdnumError:
            continue
    if country != "ES":
        try:
            return str(_vat.validate(country + compact))
        except StdnumError:
            pass
    raise ValidationError(f"invalid tax id '{value}' (not a valid NIF, NIE, CIF or EU VAT number)")


# The check letter of a DNI (and of an NIE, its X/Y/Z read as 0/1/2): the number modulo 23
# indexes this table (Orden INT/2058/2008; Real Decreto 1553/2005, art. 11).
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_DNI = re.compile(r"[0-9]{8}[A-Z]")
_NIE = re.compile(r"[XYZ][0-9]{7}[A-Z]")


def _dni_or_nie(compact: str) -> str | None:
    """A correct DNI or NIE as it is; None for anything else (the full checks then decide).

    Most buyers' ids are one of these two: checked here in microseconds, where python-stdnum's
    general cleaning took most of the time of mapping a shop order.
    """
    if _DNI.fullmatch(compact):
        number = int(compact[:8])
    elif _NIE.fullmatch(compact):
        number = int("XYZ".index(compact[0]) * 10_000_000 + int(compact[1:8]))
    else:
        return None
    return compact if _DNI_LETTERS[number % 23] == compact[-1] else None


def _looks_vat(compact: str) -> bool:
    return compact[:2].lower() in _vat.MEMBER_STATES or compact[:2] in ("EL", "XI")


def positive_int(value: Any, what: str) -> int:
    """Quantities are whole numbers above zero; refuse 1.5, '2', True, 0 and negatives."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{what} must be a whole number, got {value!r}")
    if value <= 0:
        raise ValidationError(f"{what} must be greater than zero, got {value}")
    return value


def non_negative_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{what} must be a whole number of minor units, got {value!r}")
    if value < 0:
        raise ValidationError(f"{what} must not be negative, got {value}")
    return value


# CLDR territories that are regions or placeholders, not countries an address can be in.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


# Both country checks are pure and an import asks them for every address of every order;
# building babel's territory tables each time was most of an order's mapping time.
@lru_cache(maxsize=512)
def country_code(value: str | None) -> str:
    from babel import Locale

    code = (value or "ES").strip().upper()
    if (code not in Locale("en").territories or not code.isalpha() or len(code) != 2
            or code in _NOT_COUNTRIES):
        raise ValidationError(f"unknown country code '{value}' (use ISO 3166 alpha-2 such as ES)")
    return code


@lru_cache(maxsize=512)
def country_alpha2(value: str | None) -> str:
    """ISO 3166 alpha-2 for what a shop sends: 'ES', 'ESP', '724', 'Spain', 'España' -> 'ES'.

    Alpha-3 and numeric codes go through CLDR's territory aliases, names through the English
    and Spanish territory names (case and accents ignored); a value that maps to no country,
    or to more than one, is refused with the reason rather than guessed.
    """
    from babel import Locale
    from babel.core import get_global

    text = (value or "").strip()
    code = text.upper()
    aliases = get_global("territory_aliases")
    if len(code) == 2 and code.isalpha() and code not in aliases:
        return country_code(code)
    if code in aliases:
        targets = [t for t in aliases[code] if len(t) == 2 and t.isalpha()]
        if len(targets) == 1:
            return country_code(targets[0])
        raise ValidationError(f"country code '{value}' stands for several countries "
                              f"({', '.join(targets) or 'none'}); give the ISO alpha-2 code")
    wanted = _fold(text)
    matches = {territory for language in ("en", "es")
               for territory, name in Locale(language).territories.items()
               if _fold(name) == wanted and len(territory) == 2 and territory.isalpha()
               and territory not in _NOT_COUNTRIES}
    if len(matches) == 1:
        return matches.pop()
    if matches:
        raise ValidationError(f"country '{value}' matches several countries "
                              f"({', '.join(sorted(matches))}); give the ISO alpha-2 code")
    raise ValidationError(f"unknown country '{value}' (use ISO 3166 alpha-2 such as ES)")


def _fold(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split())
