"""Search keys stored beside orders and customers: folded names and the order number's tail."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import String
from sqlalchemy.types import TypeEngine

# Room for a 200-character name, a space and a 200-character email (both may grow when folded).
SEARCH_NAME_LENGTH = 420
# Byte order ("C") on PostgreSQL, as SQLite's BINARY: a prefix is then one range of the index
# whatever collation the database was created with.
SEARCH_NAME_TYPE: TypeEngine[str] = String(SEARCH_NAME_LENGTH).with_variant(
    String(SEARCH_NAME_LENGTH, collation="C"), "postgresql")
_TAIL = re.compile(r"(\d+)$")
# What a clerk types for an order number: "123", "000123", "2026-000123", "2026/123", "2026000123".
_NUMBER = re.compile(r"(?:(\d{4})[-/ ])?(\d{1,12})")


def fold(text: str | None) -> str:
    """Lower case without accents and with single spaces: what a clerk's typing is compared to.

    NFKD splits "í" into "i" and a combining accent (and "ñ" into "n" and a tilde), and the
    combining marks are dropped, so "Lucía Fernández" and "Begoña" fold to "lucia fernandez" and
    "begona", which is how they are typed on a keyboard without dead keys.
    """
    if not text:
        return ""
    if text.isascii():
        # ASCII has nothing to decompose and no combining marks: the common case, done in C.
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = decomposed.translate(_MARKS) if not decomposed.isascii() else decomposed
    return " ".join(plain.lower().split())


class _CombiningMarks(dict[int, int | None]):
    """str.translate table that drops combining marks, learning each character once."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _CombiningMarks()


def search_name(name: str | None, email: str | None) -> str:
    """The folded name and email of a customer or an order, as stored in its search_name column."""
    return f"{fold(name)} {fold(email)}".strip()[:SEARCH_NAME_LENGTH]


def reference_number(reference: str | None) -> int | None:
    """The running number at the end of a reference (SO-2026-000123 -> 123), None without one."""
    match = _TAIL.search(reference or "")
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class NumberSearch:
    """An order number as typed: its running number and, when given, the year before it."""

    number: int
    year: int | None = None


def parse_number(text: str) -> NumberSearch | None:
    """The order number a clerk typed, without the "SO-" prefix, or None when it is not one.

    "123" and "000123" are number 123 of any year; "2026-000123" is number 123 of 2026; ten
    digits or more ("2026000123") are read as a year and a number written together.
    """
    text = text.strip()
    match = _NUMBER.fullmatch(text)
    if match is None:
        return None
    year, digits = match.group(1), match.group(2)
    if year is None and len(digits) >= 10:
        year, digits = digits[:4], digits[4:]
    return NumberSearch(int(digits), int(year) if year else None)
