"""Products from a CSV file: which rows create a product, which update one (existing SKU), which are refused and why.

Every row goes through the catalogue service's checks (SKU, name, price, tax rate, weight,
EAN check digit, an EAN of another product); a SKU or EAN twice in the file is refused on
every line it appears, as the file does not say which one is meant.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import OmsError, Product, ValidationError
from omsdesk.services.catalog import (
    ProductChanges,
    ProductInput,
    add_product_in,
    checked_changes,
    checked_product,
    products_by_sku,
    refuse_taken_ean,
    update_product_in,
)
from omsdesk.services.context import Actor
from omsdesk.services.csv_input import (
    CsvTable,
    Problem,
    column_problems,
    parse_amount,
    parse_whole,
    read_table,
)
from omsdesk.services.validation import valid_ean

COLUMNS = ("sku", "name", "price", "price_eur", "currency", "ean", "tax_rate_bp", "weight_g")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ProductRow:
    """A row that will create (`create`), change (`update`) or leave as it is (`unchanged`) a product."""

    line: int
    sku: str
    action: str
    name: str
    price: int
    currency: str
    changes: tuple[str, ...]  # for an update: what changes, as the audit trail says it
    changed: tuple[tuple[str, object, object], ...]  # the same as (column, before, after) for screens
    new: ProductInput | None
    edit: ProductChanges | None


@dataclass(frozen=True)
class RejectedRow:
    line: int
    sku: str
    problem: Problem


@dataclass(frozen=True)
class ProductImportPreview:
    source: Path | str
    name: str
    rows: tuple[ProductRow, ...]
    rejected: tuple[RejectedRow, ...]
    problems: tuple[Problem, ...]  # about the whole file

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def clean(self) -> bool:
        return not self.rejected and not self.problems

    @property
    def to_write(self) -> int:
        return self.count("create") + self.count("update")


@dataclass(frozen=True)
class ProductImportResult:
    created: int
    updated: int
    unchanged: int
    imported: bool  # False: refused whole (all or nothing) with rows rejected
    preview: ProductImportPreview


def preview_products(source_db: Session | Database, source: Path | str, *,
                     progress: Progress | None = None) -> ProductImportPreview:
    """What importing this products CSV (a Path, or its text) would create, update and refuse; writes nothing."""
    if isinstance(source_db, Database):
        with source_db.read() as s:
            return preview_products(s, source, progress=progress)
    session = source_db
    try:
        table = read_table(source)
    except ValidationError as exc:
        return ProductImportPreview(source, str(source) if isinstance(source, Path) else "", (), (),
                                    (Problem(None, "bad_file", str(exc)),))
    problems = _header_problems(table)
    if problems:
        return ProductImportPreview(source, table.name, (), (), tuple(problems))
    index = {c: i for i, c in enumerate(table.header)}
    parsed: list[tuple[int, dict[str, str]]] = []
    for rec in table.records:
        values = rec.values + ("",) * (len(table.header) - len(rec.values))
        parsed.append((rec.line, {c: values[i] for c, i in index.items()} | {"_extra": ",".join(
            v for v in values[len(table.header):] if v)}))
    skus = Counter(row["sku"] for _ln, row in parsed if row["sku"])
    eans = Counter(_ean_key(row.get("ean", "")) for _ln, row in parsed if row.get("ean"))
    existing = products_by_sku(session, skus)
    rows: list[ProductRow] = []
    rejected: list[RejectedRow] = []
    for n, (line, row) in enumerate(parsed, start=1):
        try:
            if row["_extra"]:
                raise _Refused("bad_row", f"the row has more fields than the header ({len(table.header)})")
            if skus[row["sku"]] > 1:
                lines = [str(ln) for ln, r in parsed if r["sku"] == row["sku"]]
                raise _Refused("duplicate", f"SKU {row['sku']} is on lines {', '.join(lines)} of the file")
            if row.get("ean") and eans[_ean_key(row["ean"])] > 1:
                raise _Refused("duplicate", f"EAN {row['ean']} is on more than one line of the file")
            product = existing.get(row["sku"])
            rows.append(_update(session, line, row, product) if product else _create(session, line, row))
        except _Refused as exc:
            rejected.append(RejectedRow(line, row["sku"], Problem(line, exc.code, exc.reason)))
        except OmsError as exc:
            rejected.append(RejectedRow(line, row["sku"], Problem(line, _code(str(exc)), str(exc))))
        if progress is not None and n % 200 == 0:
            progress(n, len(parsed))
    return ProductImportPreview(source, table.name, tuple(rows), tuple(rejected), ())


def import_products(db: Database, preview_or_source: ProductImportPreview | Path | str, *, actor: Actor,
                    accept_valid: bool = False, progress: Progress | None = None) -> ProductImportResult:
    """Create and update the products of the file in one transaction.

    The file is checked again inside that transaction, so what is written is what is valid at
    that moment. With rows rejected nothing is written unless `accept_valid`, which writes the others.
    """
    source = (preview_or_source.source if isinstance(preview_or_source, ProductImportPreview)
              else preview_or_source)
    with db.write() as s:
        preview = preview_products(s, source)
        if preview.problems or (preview.rejected and not accept_valid):
            return ProductImportResult(0, 0, preview.count("unchanged"), False, preview)
        todo = [r for r in preview.rows if r.action != "unchanged"]
        for n, row in enumerate(todo, start=1):
            if row.new is not None:
                add_product_in(s, row.new, actor=actor)
            elif row.edit is not None:
                update_product_in(s, row.sku, row.edit, actor=actor)
            if progress is not None and (n % 200 == 0 or n == len(todo)):
                progress(n, len(todo))
        return ProductImportResult(preview.count("create"), preview.count("update"), preview.count("unchanged"),
                                   True, preview)


class _Refused(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code, self.reason = code, reason


def _header_problems(table: CsvTable) -> list[Problem]:
    cols = list(table.header)
    problems = []
    if "sku" not in cols:
        problems.append(Problem(1, "bad_file", "missing column 'sku'"))
    if "price" in cols and "price_eur" in cols:
        problems.append(Problem(1, "bad_file", "give the price once: column 'price' (cents) or 'price_eur'"))
    return problems + column_problems(cols, cols, COLUMNS)


def _ean_key(text: str) -> str:
    try:
        return valid_ean(text) or ""
    except ValidationError:
        return text.strip()


def _code(reason: str) -> str:
    for word, code in (("EAN", "bad_ean"), ("tax rate", "bad_tax_rate"), ("price", "bad_price"),
                       ("weight", "bad_weight"), ("currency", "bad_currency"), ("name", "missing_value"),
                       ("SKU", "bad_sku")):
        if word in reason:
            return code
    return "invalid"


def _number(row: dict[str, str], column: str, what: str) -> int | None:
    text = row.get(column, "")
    if not text:
        return None
    try:
        return parse_whole(text, what)
    except ValidationError as exc:
        raise _Refused({"price": "bad_price", "tax_rate_bp": "bad_tax_rate"}.get(column, "bad_weight"),
                       str(exc)) from exc


def _price(row: dict[str, str], currency: str) -> int | None:
    if row.get("price_eur"):
        try:
            return parse_amount(row["price_eur"], currency)
        except ValidationError as exc:
            raise _Refused("bad_price", f"price_eur of {row['sku']}: {exc}") from exc
    return _number(row, "price", f"price of {row['sku']} (cents)")


def _create(session: Session, line: int, row: dict[str, str]) -> ProductRow:
    currency = row.get("currency") or "EUR"
    price = _price(row, currency)
    if price is None:
        raise _Refused("missing_value", f"new product {row['sku']} needs a price")
    tax = _number(row, "tax_rate_bp", f"tax rate of {row['sku']}")
    weight = _number(row, "weight_g", f"weight of {row['sku']}")
    data = checked_product(ProductInput(
        sku=row["sku"], name=row.get("name", ""), price=price, currency=currency,
        tax_rate_bp=2100 if tax is None else tax, ean=row.get("ean") or None, weight_g=weight or 0))
    refuse_taken_ean(session, data.ean, None)
    return ProductRow(line, data.sku, "create", data.name, data.price, data.currency, (), (), data, None)


def _update(session: Session, line: int, row: dict[str, str], product: Product) -> ProductRow:
    """An existing SKU: the given cells change it, blank cells keep what it has."""
    currency = row.get("currency") or product.currency
    if currency != product.currency:
        raise _Refused("bad_currency", f"{product.sku} is priced in {product.currency}, the file says {currency}")
    changes = ProductChanges(name=row.get("name") or None, ean=row.get("ean") or None, price=_price(row, currency),
                             tax_rate_bp=_number(row, "tax_rate_bp", f"tax rate of {row['sku']}"),
                             weight_g=_number(row, "weight_g", f"weight of {row['sku']}"))
    values = checked_changes(session, product, changes)
    changed = tuple((k, getattr(product, k), v) for k, v in values.items() if getattr(product, k) != v)
    return ProductRow(line, product.sku, "update" if changed else "unchanged", str(values.get("name", product.name)),
                      int(values.get("price", product.price)),  # type: ignore[call-overload]
                      product.currency, tuple(f"{k} {old!r} -> {new!r}" for k, old, new in changed), changed,
                      None, changes)
