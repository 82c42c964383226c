"""CSV import of orders and products (issue 13.10): the preview's groups and reasons, then an import that is idempotent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from omsdesk.db import Database
from omsdesk.models import AuditEntry, Channel, Customer, Order, Product, ValidationError
from omsdesk.services.catalog import ProductChanges, update_product
from omsdesk.services.catalog_import import import_products, preview_products
from omsdesk.services.csv_input import parse_amount
from omsdesk.services.intake.csv_import import import_orders, preview_orders
from omsdesk.services.intake.order_entry import CustomerInput
from tests.fixtures.database import ACTOR, Shop, fresh_sqlite

HEADER = ("order,placed_at,customer_name,customer_email,customer_tax_id,ship_name,ship_line1,ship_line2,"
          "ship_postcode,ship_city,ship_province,ship_country,sku,qty,unit_price,notes")
ANA = "Ana Muñoz,ana@example.es,12345678Z,Ana Muñoz,Calle Mayor 1,,28013,Madrid,Madrid,ES"
GOOD = f"""{HEADER}
A-1,2026-11-25T10:00:00Z,{ANA},MUG-01,2,12.10,call first
A-1,,{ANA},TEE-02,1,,
B-7,,Luis Gil,luis@example.es,,,Gran Vía 2,,28001,Madrid,,ES,MUG-01,1,10,
"""


@pytest.fixture(scope="module")
def shop_db(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Two products and one retired one; the preview tests only read it."""
    db = fresh_sqlite(sqlite_template, tmp_path_factory.mktemp("csv") / "shop.sqlite3")
    shop = Shop(db)
    shop.warehouses(("MAD",))
    shop.product("MUG-01", price=1210)
    shop.product("TEE-02", price=1995)
    shop.product("OLD-03", price=500)
    update_product(db, "OLD-03", ProductChanges(active=False), actor=ACTOR)
    yield db
    db.dispose()


def _reasons(text: str, db: Database) -> dict[int, tuple[str, str]]:
    """Line -> (code, reason) of every problem the preview finds."""
    preview = preview_orders(db, text)
    return {p.line or 0: (p.code, p.reason) for r in preview.rejected for p in r.problems}


# -- amounts and files ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "minor"), [("12,10", 1210), ("12.10", 1210), ("1.234,56", 123456),
                                             ("1,234.56", 123456), ("12", 1200), ("0,5", 50), ("12,10 €", 1210)])
def test_amounts_are_read_with_a_decimal_comma_or_point(text: str, minor: int) -> None:
    assert parse_amount(text, "EUR") == minor


@pytest.mark.parametrize("text", ["1.234", "12,345", "12,1,0", "doce", "1,2345.00", "12.101"])
def test_an_ambiguous_or_malformed_amount_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_amount(text, "EUR")


def test_rows_are_grouped_into_orders_priced_as_order_entry_prices_them(shop_db: Database) -> None:
    preview = preview_orders(shop_db, GOOD)
    assert preview.clean and preview.rows == 3
    a1, b7 = preview.orders
    assert (a1.key, a1.lines, a1.customer, a1.units, a1.total) == ("A-1", (2, 3), "Ana Muñoz", 3, 2 * 1210 + 1995)
    assert (b7.key, b7.lines, b7.total) == ("B-7", (4,), 1000)
    assert a1.data.channel == "csv" and a1.data.external_id == "A-1" and a1.data.notes == "call first"
    assert a1.data.customer is not None and a1.data.customer.address is not None
    assert a1.data.customer.address.postcode == "28013"
    assert a1.data.placed_at is not None and a1.data.placed_at.isoformat() == "2026-11-25T10:00:00+00:00"


def test_a_spanish_excel_file_with_bom_semicolons_and_decimal_commas_is_read(shop_db: Database,
                                                                             tmp_path: Path) -> None:
    text = GOOD.replace(",", ";").replace("12.10", "12,10")
    path = tmp_path / "pedidos.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    preview = preview_orders(shop_db, path)
    assert preview.clean and [o.total for o in preview.orders] == [2 * 1210 + 1995, 1000]
    assert preview.orders[0].customer == "Ana Muñoz"
    # "CSV (delimitado por comas)" from Excel in Spain is Windows-1252, not UTF-8.
    path.write_bytes(text.encode("cp1252"))
    assert preview_orders(shop_db, path).orders[0].customer == "Ana Muñoz"


def test_a_spanish_date_is_the_workstations_local_time(shop_db: Database) -> None:
    preview = preview_orders(shop_db, GOOD.replace("2026-11-25T10:00:00Z", "25/11/2026 10:00"))
    placed = preview.orders[0].data.placed_at
    assert placed is not None and placed.utcoffset() is not None
    assert (placed.day, placed.hour, placed.minute) == (25, 10, 0)


# -- every reason a row is refused -----------------------------------------------------------


@pytest.mark.parametrize(("change", "code", "words"), [
    (("MUG-01,2,12.10", "NOPE-9,2,12.10"), "unknown_sku", "unknown SKU 'NOPE-9'"),
    (("MUG-01,2,12.10", "OLD-03,2,12.10"), "inactive_sku", "no longer sold"),
    (("MUG-01,2,12.10", "MUG-01,1.5,12.10"), "bad_qty", "whole number"),
    (("MUG-01,2,12.10", "MUG-01,0,12.10"), "bad_qty", "greater than zero"),
    (("MUG-01,2,12.10", "MUG-01,,12.10"), "missing_value", "no quantity"),
    (("MUG-01,2,12.10", "MUG-01,2,doce"), "bad_price", "not an amount"),
    (("MUG-01,2,12.10", "MUG-01,2,-3"), "bad_price", "negative"),
    (("MUG-01,2,12.10", ",2,12.10"), "missing_value", "no SKU"),
    (("28013,Madrid", "99999,Madrid"), "bad_address", "not a Spanish postcode"),
    (("ana@example.es,12345678Z,Ana", "ana@example,12345678Z,Ana"), "bad_email", "invalid email"),
    (("ana@example.es,12345678Z,Ana", "ana@example.es,12345678A,Ana"), "bad_tax_id", "invalid tax id"),
    (("2026-11-25T10:00:00Z", "mañana"), "bad_date", "not a date"),
    (("Madrid,ES,", "Madrid,XX,"), "bad_country", "unknown country"),
])
def test_each_reason_is_given_on_its_line_and_refuses_the_whole_order(
        shop_db: Database, change: tuple[str, str], code: str, words: str) -> None:
    lines = GOOD.splitlines()
    lines[1:3] = [ln.replace(*change) for ln in lines[1:3]]  # the order's columns on both of its rows
    assert lines[1] != GOOD.splitlines()[1], "the change must apply"
    preview = preview_orders(shop_db, "\n".join(lines))
    assert [o.key for o in preview.orders] == ["B-7"]  # the other order still goes in
    (rejected,) = preview.rejected
    assert rejected.key == "A-1" and rejected.lines == (2, 3)  # never half an order
    (problem,) = rejected.problems
    assert problem.line == 2 and problem.code == code and words in problem.reason, problem


def test_rows_of_one_order_that_disagree_on_the_customer_are_refused(shop_db: Database) -> None:
    text = GOOD.replace(f"A-1,,{ANA},TEE-02", f"A-1,,{ANA.replace('ana@', 'otra@')},TEE-02")
    assert _reasons(text, shop_db)[3] == (
        "disagreement", "customer_email 'otra@example.es' differs from 'ana@example.es' on line 2 of the same order")
    # Leaving the order's columns blank on its other rows is not a disagreement.
    blank = GOOD.replace(f"A-1,,{ANA},TEE-02", "A-1,,,,,,,,,,,,TEE-02")
    assert preview_orders(shop_db, blank).clean


def test_a_missing_or_unknown_column_refuses_the_file(shop_db: Database) -> None:
    missing = preview_orders(shop_db, GOOD.replace(",qty,", ",quantity,", 1))
    assert not missing.orders and [p.code for p in missing.problems] == ["bad_file", "bad_file"]
    assert "missing column 'qty'" in missing.problems[0].reason
    assert "unknown column(s) 'quantity'" in missing.problems[1].reason
    assert preview_orders(shop_db, "").problems[0].reason == "the file is empty"


def test_a_row_without_an_order_id_or_with_extra_fields_is_refused(shop_db: Database) -> None:
    text = GOOD + ",,Eva,,,,,,,,,,MUG-01,1,,\nC-1,,,,,,,,,,,,MUG-01,1,,,extra\n"
    reasons = _reasons(text, shop_db)
    assert reasons[5] == ("missing_value", "no order id in column 'order'")
    assert reasons[6][0] == "bad_row"
    # Tools that drop empty trailing fields are fine.
    assert preview_orders(shop_db, GOOD + "D-1,,,,,,,,,,,,MUG-01,1\n").clean


# -- importing ---------------------------------------------------------------------------------


def _orders(db: Database) -> list[tuple[str, str, int]]:
    with db.read() as s:
        return [tuple(r) for r in s.execute(  # type: ignore[misc]
            select(Order.external_id, Order.status, Order.total).join(Channel, Channel.id == Order.channel_id)
            .where(Channel.code == "csv").order_by(Order.external_id))]


def test_importing_twice_creates_the_orders_once(db: Database) -> None:
    shop = Shop(db)
    shop.product("MUG-01", price=1210)
    shop.product("TEE-02", price=1995)
    text = GOOD + "C-2,,Eva Ruiz,,,,,,,,,,NOPE,1,,\n"
    first = import_orders(db, text, actor=ACTOR)
    assert [c.total for c in first.created] == [2 * 1210 + 1995, 1000]
    assert [r.key for r in first.preview.rejected] == ["C-2"]
    assert _orders(db) == [("A-1", "new", 4415), ("B-7", "new", 1000)]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "order", AuditEntry.action == "create")) == 2
    again = preview_orders(db, text)
    assert not again.orders and {p.code for r in again.rejected for p in r.problems} == {"duplicate", "unknown_sku"}
    assert import_orders(db, text, actor=ACTOR).created == ()
    assert _orders(db) == [("A-1", "new", 4415), ("B-7", "new", 1000)]


def test_an_order_imported_between_preview_and_import_is_skipped(db: Database) -> None:
    shop = Shop(db)
    shop.product("MUG-01", price=1210)
    shop.product("TEE-02", price=1995)
    preview = preview_orders(db, GOOD)
    import_orders(db, GOOD.replace("B-7", "X-0", 1), actor=ACTOR)  # another desk takes A-1
    result = import_orders(db, preview, actor=ACTOR)
    assert [c.total for c in result.created] == [1000] and result.already_imported == ("A-1",)
    assert [o[0] for o in _orders(db)] == ["A-1", "B-7", "X-0"]


# -- products ---------------------------------------------------------------------------------

PRODUCTS = """sku;name;price_eur;ean;tax_rate_bp;weight_g
NEW-1;Taza azul;12,10;4006381333931;2100;300
MUG-01;Taza grande;13,50;;;
TEE-02;;;;;
"""


def test_products_preview_tells_created_updated_and_unchanged(shop_db: Database) -> None:
    preview = preview_products(shop_db, PRODUCTS)
    assert preview.clean
    assert [(r.line, r.sku, r.action, r.price) for r in preview.rows] == [
        (2, "NEW-1", "create", 1210), (3, "MUG-01", "update", 1350), (4, "TEE-02", "unchanged", 1995)]
    assert preview.rows[1].changes == ("name 'Product MUG-01' -> 'Taza grande'", "price 1210 -> 1350")


@pytest.mark.parametrize(("row", "code", "words"), [
    ("NEW-1;Taza;12,10;4006381333932;2100;300", "bad_ean", "invalid EAN"),
    ("NEW-1;Taza;doce;;2100;", "bad_price", "not an amount"),
    ("NEW-1;Taza;12,10;;12000;", "bad_tax_rate", "over 100 %"),
    ("NEW-1;Taza;12,10;;21%;", "bad_tax_rate", "whole number"),
    ("NEW-1;;12,10;;;", "missing_value", "needs a name"),
    ("NEW-1;Taza;;;;", "missing_value", "needs a price"),
])
def test_each_bad_product_row_is_refused_with_its_reason(shop_db: Database, row: str, code: str,
                                                         words: str) -> None:
    preview = preview_products(shop_db, PRODUCTS.splitlines()[0] + "\n" + row + "\n")
    (rejected,) = preview.rejected
    assert (rejected.line, rejected.sku, rejected.problem.code) == (2, "NEW-1", code)
    assert words in rejected.problem.reason


def test_a_sku_twice_in_the_file_is_refused_on_every_line(shop_db: Database) -> None:
    preview = preview_products(shop_db, PRODUCTS + "NEW-1;Otra taza;9,95;;;\n")
    assert [(r.line, r.problem.code) for r in preview.rejected] == [(2, "duplicate"), (5, "duplicate")]
    assert "SKU NEW-1 is on lines 2, 5" in preview.rejected[0].problem.reason


def test_products_import_is_all_or_nothing_unless_asked_to_take_the_valid_rows(db: Database) -> None:
    Shop(db).product("MUG-01", price=1210)
    Shop(db).product("TEE-02", price=1995)
    bad = PRODUCTS + "BAD-1;Roto;1,00;123;;\n"
    refused = import_products(db, bad, actor=ACTOR)
    assert not refused.imported and (refused.created, refused.updated) == (0, 0)
    with db.read() as s:
        assert s.scalar(select(Product.price).where(Product.sku == "MUG-01")) == 1210
        assert s.scalar(select(Product.id).where(Product.sku == "NEW-1")) is None
    taken = import_products(db, bad, actor=ACTOR, accept_valid=True)
    assert taken.imported and (taken.created, taken.updated, taken.unchanged) == (1, 1, 1)
    with db.read() as s:
        assert s.execute(select(Product.name, Product.price, Product.ean, Product.weight_g)
                         .where(Product.sku == "NEW-1")).one() == ("Taza azul", 1210, "4006381333931", 300)
        assert s.scalar(select(Product.price).where(Product.sku == "MUG-01")) == 1350
    again = import_products(db, PRODUCTS, actor=ACTOR)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_a_known_customer_is_matched_and_the_order_ships_to_the_files_address(sqlite_db: Database) -> None:
    shop = Shop(sqlite_db)
    shop.product("MUG-01", price=1210)
    shop.product("TEE-02", price=1995)
    shop.order({"MUG-01": 1}, customer=CustomerInput(name="Ana Muñoz", email="ana@example.es"))
    import_orders(sqlite_db, GOOD.replace("Calle Mayor 1,,28013", "Calle Nueva 9,,28004"), actor=ACTOR)
    with sqlite_db.read() as s:
        ana = s.scalars(select(Customer).where(Customer.email == "ana@example.es")).all()
        assert len(ana) == 1  # matched by email, not created twice
        order = s.scalars(select(Order).where(Order.external_id == "A-1")).one()
        assert (order.customer_id, order.ship_line1, order.ship_postcode) == (ana[0].id, "Calle Nueva 9", "28004")
        luis = s.scalars(select(Customer).where(Customer.email == "luis@example.es")).one()
        assert [(a.line1, a.postcode) for a in luis.addresses] == [("Gran Vía 2", "28001")]
