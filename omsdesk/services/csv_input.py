"""Reading the CSV files people export from Excel or a shop: encoding, delimiter, line numbers, amounts.

Spanish Excel saves "CSV (delimitado por comas)" with `;` between fields, a decimal comma and
Windows-1252 text, and "CSV UTF-8" with a byte order mark; other tools write `,` and UTF-8.
Both import files accept all of them, so the rules for telling them apart live here once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from omsdesk.models import ValidationError
from omsdesk.models.money import to_minor

DELIMITERS = (",", ";", "\t")
_AMOUNT = re.compile(r"-?\d[\d.,]*")


@dataclass(frozen=True)
class Problem:
    """Why a row (or the file) is refused; `code` names the kind for screens and scripts."""

    line: int | None
    code: str  # bad_file unknown_sku inactive_sku bad_qty bad_price missing_value bad_row bad_email
    #            bad_tax_id bad_address bad_country bad_date bad_currency duplicate disagreement invalid
    #            (products also bad_ean bad_tax_rate bad_weight bad_sku)
    reason: str


@dataclass(frozen=True)
class CsvRecord:
    line: int  # the file's line the record starts on (the header is line 1)
    values: tuple[str, ...]


@dataclass(frozen=True)
class CsvTable:
    """A file's header (normalised names) and its non-blank records."""

    name: str
    header: tuple[str, ...]
    records: tuple[CsvRecord, ...]
    delimiter: str


def read_table(source: Path | str, name: str = "") -> CsvTable:
    """A CSV file (a Path) or its text (a str) as a table; refuses an unreadable or empty file.

    Bytes that are not UTF-8 are read as Windows-1252, which is what Excel writes in Spain.
    """
    if isinstance(source, Path):
        try:
            raw = source.read_bytes()
        except OSError as exc:
            raise ValidationError(f"cannot read {source}: {exc.strerror or exc}") from exc
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        name = name or str(source)
    else:
        text = source.removeprefix("\ufeff")
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip()), None)
    if first is None:
        raise ValidationError(f"{name or 'the file'} is empty")
    # The header names carry no delimiters of their own: the one that splits it most is the one.
    delimiter = max(DELIMITERS, key=lambda d: len(next(csv.reader([first], delimiter=d))))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: tuple[str, ...] | None = None
    records: list[CsvRecord] = []
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = tuple(column_name(c) for c in row)
                continue
            records.append(CsvRecord(line, tuple(cell.strip() for cell in row)))
    except csv.Error as exc:
        raise ValidationError(f"{name or 'the file'} line {reader.line_num}: {exc}") from exc
    assert header is not None
    return CsvTable(name, header, tuple(records), delimiter)


def column_problems(named: list[str], header: tuple[str, ...] | list[str], known: tuple[str, ...]) -> list[Problem]:
    """Unknown and repeated columns of a header (line 1); `named` is the header after aliases."""
    problems: list[Problem] = []
    unknown = [raw for raw, name in zip(header, named, strict=True) if name not in known]
    if unknown:
        problems.append(Problem(1, "bad_file", f"unknown column(s) {', '.join(repr(c) for c in unknown)}; "
                                               f"the columns are {', '.join(known)}"))
    twice = sorted({c for c in named if named.count(c) > 1})
    if twice:
        problems.append(Problem(1, "bad_file", f"column(s) {', '.join(twice)} appear twice"))
    return problems


def column_name(text: str) -> str:
    """'Unit price ' -> 'unit_price': how a header cell is matched against the documented names."""
    return "_".join(text.strip().strip('"').lower().replace("-", " ").split())


def parse_amount(text: str, currency: str) -> int:
    """An amount in major units as people type it, in minor units: '12,10', '12.10', '1.234,56', '1,234.56'.

    With both separators the last one is the decimal mark; a lone separator followed by three
    digits ('1.234') could be either and is refused rather than guessed.
    """
    value = text.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if not _AMOUNT.fullmatch(value):
        raise ValidationError(f"'{text}' is not an amount")
    marks = [c for c in value if c in ".,"]
    if marks:
        decimal_mark = marks[-1]
        whole, _sep, frac = value.rpartition(decimal_mark)
        thousands = "," if decimal_mark == "." else "."
        if decimal_mark in whole:  # 1.234.567 alone: only thousands, no decimals
            if len(set(marks)) == 1 and all(len(g) == 3 for g in value.split(decimal_mark)[1:]):
                whole, frac = value.replace(decimal_mark, ""), ""
            else:
                raise ValidationError(f"'{text}' is not an amount")
        elif len(set(marks)) == 1 and len(frac) == 3:
            raise ValidationError(f"'{text}' is ambiguous: write 1234 or 1234,00 (decimals with a comma "
                                  "or a point, no thousands separator)")
        groups = whole.lstrip("-").split(thousands)
        if len(groups) > 1 and (not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
            raise ValidationError(f"'{text}' is not an amount")
        value = whole.replace(thousands, "") + ("." + frac if frac else "")
    return to_minor(Decimal(value), currency)


def parse_whole(text: str, what: str) -> int:
    """A whole number as typed ('2', ' 3 '); '1,5', '2.0' and words are refused."""
    value = text.strip()
    if not re.fullmatch(r"-?\d+", value):
        raise ValidationError(f"{what} must be a whole number, got '{text}'")
    return int(value)
