"""Orders from a CSV file (one row per order line): a preview of what will be created and why rows are refused, then the import.

Rows are grouped into orders by the `order` column (or `external_id`). Every order is checked
as the ORDER.json reader, the customer editor and order entry check it; an order with one bad
row is refused whole, never half imported. The orders go in on the built-in channel `csv`
with the file's order id as external id, so importing the same file again creates nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Channel, NotFound, OmsError, Order, Product, ValidationError
from omsdesk.models.money import check_currency
from omsdesk.services.catalog import products_by_sku
from omsdesk.services.context import Actor
from omsdesk.services.csv_input import (
    CsvTable,
    Problem,
    column_problems,
    parse_amount,
    parse_whole,
    read_table,
)
from omsdesk.services.customers import AddressInput, checked_address, valid_email
from omsdesk.services.intake.batch import place_orders
from omsdesk.services.intake.order_entry import CreatedOrder, OrderInput, line_values
from omsdesk.services.intake.order_file import order_input_from_dict
from omsdesk.services.validation import country_code, valid_tax_id

CHANNEL = "csv"
LINE_COLUMNS = ("sku", "qty", "unit_price")
ORDER_COLUMNS = ("placed_at", "currency", "customer_name", "customer_email", "customer_phone", "customer_tax_id",
                 "ship_name", "ship_company", "ship_line1", "ship_line2", "ship_postcode", "ship_city",
                 "ship_province", "ship_country", "ship_phone", "notes")
COLUMNS = ("order", *ORDER_COLUMNS, *LINE_COLUMNS)
_ALIASES = {"external_id": "order"}
_REQUIRED = ("order", "sku", "qty")
_CHUNK = 200  # orders per transaction: short write locks, progress the clerk can follow

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PlannedOrder:
    """An order the import will create."""

    key: str
    lines: tuple[int, ...]
    customer: str
    units: int
    total: int
    currency: str
    data: OrderInput


@dataclass(frozen=True)
class RejectedOrder:
    """An order (or a row without one) that will not be imported, with every reason found."""

    key: str
    lines: tuple[int, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class OrderImportPreview:
    source: str
    rows: int
    orders: tuple[PlannedOrder, ...]
    rejected: tuple[RejectedOrder, ...]
    problems: tuple[Problem, ...]  # about the whole file: nothing can be imported

    @property
    def rejected_rows(self) -> int:
        return sum(len(r.lines) for r in self.rejected)

    @property
    def clean(self) -> bool:
        return not self.rejected and not self.problems


@dataclass(frozen=True)
class OrderImportResult:
    created: tuple[CreatedOrder, ...]
    created_keys: tuple[str, ...]  # the file's order id of each created order
    already_imported: tuple[str, ...]  # order ids another import took between preview and import
    preview: OrderImportPreview


class _RowError(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code, self.reason = code, reason


def preview_orders(source_db: Session | Database, source: Path | str, *,
                   progress: Progress | None = None) -> OrderImportPreview:
    """What importing this CSV file (a Path, or its text as a str) would create and refuse; writes nothing."""
    if isinstance(source_db, Database):
        with source_db.read() as s:
            return preview_orders(s, source, progress=progress)
    session = source_db
    try:
        table = read_table(source)
    except ValidationError as exc:
        return OrderImportPreview(str(source) if isinstance(source, Path) else "", 0, (), (),
                                  (Problem(None, "bad_file", str(exc)),))
    name = table.name
    file_problems = _header_problems(table)
    if file_problems:
        return OrderImportPreview(name, len(table.records), (), (), tuple(file_problems))
    index = {_ALIASES.get(c, c): i for i, c in enumerate(table.header)}
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    rejected: list[RejectedOrder] = []
    for rec in table.records:
        values = rec.values + ("",) * (len(table.header) - len(rec.values))  # tools drop empty trailing fields
        if any(values[len(table.header):]):
            rejected.append(RejectedOrder(values[index["order"]], (rec.line,), (Problem(rec.line, "bad_row", (
                f"the row has {len(rec.values)} fields, the header {len(table.header)}")),)))
            continue
        row = dict.fromkeys(COLUMNS, "") | {col: values[i] for col, i in index.items()}
        if not row["order"]:
            rejected.append(RejectedOrder("", (rec.line,), (
                Problem(rec.line, "missing_value", "no order id in column 'order'"),)))
            continue
        groups.setdefault(row["order"], []).append((rec.line, row))
    # A row refused for its shape takes its order with it: never half an order.
    for r in [r for r in rejected if r.key in groups]:
        lines = tuple(sorted({*r.lines, *(ln for ln, _row in groups.pop(r.key))}))
        rejected[rejected.index(r)] = RejectedOrder(r.key, lines, r.problems)
    skus = {row["sku"] for rows in groups.values() for _ln, row in rows if row["sku"]}
    products = products_by_sku(session, skus)
    taken = _already_imported(session, list(groups))
    planned: list[PlannedOrder] = []
    for n, (key, rows) in enumerate(groups.items(), start=1):
        lines = tuple(ln for ln, _row in rows)
        problems = _order_problems(key, rows, products, taken)
        if not problems:
            try:
                planned.append(_plan(key, rows, products))
            except _RowError as exc:
                problems = [Problem(lines[0], exc.code, exc.reason)]
        if problems:
            rejected.append(RejectedOrder(key, lines, tuple(problems)))
        if progress is not None and n % 100 == 0:
            progress(n, len(groups))
    rejected.sort(key=lambda r: r.lines[0])
    return OrderImportPreview(name, len(table.records), tuple(planned), tuple(rejected), ())


def import_orders(db: Database, preview_or_source: OrderImportPreview | Path | str, *, actor: Actor,
                  progress: Progress | None = None) -> OrderImportResult:
    """Create the accepted orders of a preview (or of the file, previewed now) on channel csv.

    Orders go in chunks through batch intake, each chunk one transaction; an order id already
    on the channel (another clerk imported the file meanwhile) is skipped, so running the same
    file twice creates nothing the second time.
    """
    preview = (preview_or_source if isinstance(preview_or_source, OrderImportPreview)
               else preview_orders(db, preview_or_source))
    created: list[CreatedOrder] = []
    keys: list[str] = []
    skipped: list[str] = []
    todo = list(preview.orders)
    for start in range(0, len(todo), _CHUNK):
        chunk = todo[start:start + _CHUNK]
        for _attempt in range(3):
            with db.read() as s:
                taken = _already_imported(s, [p.key for p in chunk])
            fresh = [p for p in chunk if p.key not in taken]
            try:
                created.extend(place_orders(db, [p.data for p in fresh], actor=actor))
            except IntegrityError:
                continue  # another workstation took one of these ids between our read and write
            keys.extend(p.key for p in fresh)
            skipped.extend(p.key for p in chunk if p.key in taken)
            break
        else:
            raise OmsError("another import of the same orders keeps running: try again")
        if progress is not None:
            progress(min(start + _CHUNK, len(todo)), len(todo))
    return OrderImportResult(tuple(created), tuple(keys), tuple(skipped), preview)


def _header_problems(table: CsvTable) -> list[Problem]:
    columns = [_ALIASES.get(c, c) for c in table.header]
    problems = [Problem(1, "bad_file", f"missing column '{c}' (the header needs {', '.join(_REQUIRED)})")
                for c in _REQUIRED if c not in columns]
    return problems + column_problems(columns, table.header, COLUMNS)


def _already_imported(session: Session, keys: Sequence[str]) -> dict[str, str]:
    """Order id -> reference of those already imported on the csv channel."""
    channel_id = session.scalar(select(Channel.id).where(Channel.code == CHANNEL))
    if channel_id is None or not keys:
        return {}
    out: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        out.update({str(ext): ref for ext, ref in session.execute(
            select(Order.external_id, Order.reference).where(
                Order.channel_id == channel_id, Order.external_id.in_(list(keys[start:start + 500]))))})
    return out


def _order_problems(key: str, rows: list[tuple[int, dict[str, str]]], products: dict[str, Product],
                    taken: dict[str, str]) -> list[Problem]:
    """Everything wrong with one order's rows, each on its line."""
    problems: list[Problem] = []
    if key in taken:
        problems.append(Problem(rows[0][0], "duplicate", f"order {key} was already imported as {taken[key]}"))
    first = _order_fields(rows)
    try:
        check_currency(first.get("currency") or "EUR")
    except ValidationError as exc:
        problems.append(Problem(rows[0][0], "bad_currency", str(exc)))
        return problems
    seen: dict[str, int] = {}
    for line, row in rows:
        for col in ORDER_COLUMNS:
            if not row[col]:
                continue
            if row[col] != first[col]:
                problems.append(Problem(line, "disagreement", (
                    f"{col} '{row[col]}' differs from '{first[col]}' on line {seen[col]} of the same order")))
            seen.setdefault(col, line)
    for line, row in rows:
        try:
            _line_checks(row, first, products)
        except _RowError as exc:
            problems.append(Problem(line, exc.code, exc.reason))
    try:
        _customer_checks(first)
    except _RowError as exc:
        problems.append(Problem(rows[0][0], exc.code, exc.reason))
    return problems


def _order_fields(rows: list[tuple[int, dict[str, str]]]) -> dict[str, str]:
    """The order's columns: the first value given on any of its rows (the others may leave them blank)."""
    return {col: next((row[col] for _ln, row in rows if row[col]), "") for col in ORDER_COLUMNS}


def _line_checks(row: dict[str, str], first: dict[str, str], products: dict[str, Product]) -> None:
    sku = row["sku"]
    if not sku:
        raise _RowError("missing_value", "no SKU in column 'sku'")
    product = products.get(sku)
    if product is None:
        raise _RowError("unknown_sku", f"unknown SKU '{sku}'")
    if not product.active:
        raise _RowError("inactive_sku", f"SKU {sku} is no longer sold")
    _qty(row)
    _unit_price(row, first)


def _qty(row: dict[str, str]) -> int:
    if not row["qty"]:
        raise _RowError("missing_value", f"no quantity for {row['sku']} in column 'qty'")
    try:
        qty = parse_whole(row["qty"], f"quantity of {row['sku']}")
    except ValidationError as exc:
        raise _RowError("bad_qty", str(exc)) from exc
    if qty <= 0:
        raise _RowError("bad_qty", f"quantity of {row['sku']} must be greater than zero, got {qty}")
    return qty


def _unit_price(row: dict[str, str], first: dict[str, str]) -> int | None:
    if not row.get("unit_price"):
        return None  # the catalogue price
    currency = first.get("currency") or "EUR"
    try:
        price = parse_amount(row["unit_price"], currency)
    except ValidationError as exc:
        code = "bad_currency" if "currency" in str(exc) else "bad_price"
        raise _RowError(code, f"unit price of {row['sku']}: {exc}") from exc
    if price < 0:
        raise _RowError("bad_price", f"unit price of {row['sku']} must not be negative, got {row['unit_price']}")
    return price


def _address(first: dict[str, str]) -> AddressInput:
    return AddressInput(name=first.get("ship_name", ""), company=first.get("ship_company", ""),
                        line1=first.get("ship_line1", ""), line2=first.get("ship_line2", ""),
                        city=first.get("ship_city", ""), postcode=first.get("ship_postcode", ""),
                        province=first.get("ship_province", ""), country=first.get("ship_country") or "ES",
                        phone=first.get("ship_phone", ""))


def _customer_checks(first: dict[str, str]) -> None:
    """The customer editor's checks: the shop's data is refused here, not stored wrong."""
    customer = {c: first.get(c, "") for c in ("customer_name", "customer_email", "customer_phone",
                                               "customer_tax_id")}
    if any(customer.values()) and not customer["customer_name"]:
        raise _RowError("missing_value", "customer details without a customer_name")
    try:
        country = country_code(first.get("ship_country") or "ES")
    except ValidationError as exc:
        raise _RowError("bad_country", str(exc)) from exc
    for code, check in (("bad_email", lambda: valid_email(customer["customer_email"])),
                        ("bad_tax_id", lambda: valid_tax_id(customer["customer_tax_id"], country)),
                        ("bad_address", lambda: checked_address(_address(first), "shipping"))):
        try:
            check()
        except ValidationError as exc:
            raise _RowError(code, str(exc)) from exc
    _placed_at(first.get("placed_at", ""))


def _placed_at(text: str) -> str | None:
    """ISO 8601 as ORDER.json takes it; a time without zone, or a Spanish dd/mm/yyyy, is the workstation's local time."""
    if not text:
        return None
    value = text.strip().replace("Z", "+00:00")
    for fmt in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).astimezone().isoformat()
        except ValueError:
            continue
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise _RowError("bad_date", (f"placed_at '{text}' is not a date: use 2026-11-25T10:00:00Z or "
                                     "25/11/2026 10:00")) from exc
    return (moment if moment.tzinfo else moment.astimezone()).isoformat()


def _plan(key: str, rows: list[tuple[int, dict[str, str]]], products: dict[str, Product]) -> PlannedOrder:
    """The order in ORDER.json's shape, read by its reader (one set of field rules), then priced as order entry prices it."""
    first = _order_fields(rows)
    address = checked_address(_address(first), "shipping")
    doc: dict[str, Any] = {
        "channel": CHANNEL, "external_id": key, "currency": first.get("currency") or "EUR",
        "notes": first.get("notes", ""), "placed_at": _placed_at(first.get("placed_at", "")),
        "lines": [{"sku": row["sku"], "qty": _qty(row), "unit_price": _unit_price(row, first)} for _ln, row in rows],
    }
    if first.get("customer_name"):
        doc["customer"] = {
            "name": first["customer_name"], "email": valid_email(first.get("customer_email", "")),
            "phone": first.get("customer_phone") or None,
            "tax_id": valid_tax_id(first.get("customer_tax_id"), address.country if address else "ES"),
            "address": {f: getattr(address, f) for f in ("name", "company", "line1", "line2", "city", "postcode",
                                                          "province", "country", "phone")} if address else None,
        }
    elif address is not None:
        doc["ship_to"] = {f: getattr(address, f) for f in ("name", "company", "line1", "line2", "city",
                                                            "postcode", "province", "country", "phone")}
    try:
        data = order_input_from_dict(doc)
        priced = [line_values(no, li, products[li.sku], data) for no, li in enumerate(data.lines, start=1)]
    except (ValidationError, NotFound) as exc:
        raise _RowError("invalid", str(exc)) from exc
    return PlannedOrder(key, tuple(ln for ln, _row in rows), first.get("customer_name", ""),
                        sum(p["qty"] for p in priced), sum(p["total"] for p in priced), data.currency, data)
