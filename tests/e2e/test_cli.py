"""The `omsdesk` command as scripts use it: real processes, exit codes, one-line refusals, JSON shapes."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from stdnum import ean

from omsdesk.cli import main
from omsdesk.db import Database
from omsdesk.services.intake.order_entry import CustomerInput
from tests.fixtures.database import Shop, fresh_sqlite, next_ean, sqlite_url

OMSDESK = Path(sys.executable).with_name("omsdesk")
USER, WORKSTATION = "clerk-e2e", "counter-2"

# Documented in docs/cli.md; new keys may appear, these may not disappear.
ORDER_ROW_KEYS = {"reference", "placed_at", "status", "channel", "external_id", "customer_name",
                  "customer_email", "total", "currency", "ship_by", "late"}
ORDER_DETAIL_KEYS = {"id", "reference", "status", "held_from", "channel", "external_id", "customer_id",
                     "customer_name", "customer_email", "currency", "prices_include_tax", "subtotal",
                     "tax_total", "total", "paid_amount", "balance_due", "warehouse", "ship_to",
                     "placed_at", "ship_by", "notes", "lines", "payments", "shipments", "audit",
                     "allowed_actions"}
LINE_KEYS = {"line_no", "sku", "name", "qty", "unit_price", "discount", "tax_rate_bp", "net", "tax",
             "total", "qty_shipped", "qty_returned", "qty_reserved", "available_by_warehouse"}
SHIPMENT_KEYS = {"id", "warehouse", "carrier", "tracking", "shipped_at", "delivered_at", "lines"}
AUDIT_KEYS = {"at", "user", "workstation", "action", "from_status", "to_status", "reason"}
STOCK_ROW_KEYS = {"sku", "name", "warehouse", "on_hand", "reserved", "safety_buffer", "available",
                  "reorder_point", "bin", "low"}
LEVEL_KEYS = {"sku", "warehouse", "on_hand", "reserved", "available"}
ACTION_KEYS = {"reference", "status", "message"}


class Cli:
    """Runs the installed `omsdesk` against one SQLite file, as a script or cron job would."""

    def __init__(self, path: Path, home: Path) -> None:
        self.path = path
        self.url = sqlite_url(path)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("OMSDESK_")}
        self.env.update(OMSDESK_USER=USER, OMSDESK_WORKSTATION=WORKSTATION,
                        OMSDESK_DATA_DIR=str(home / "data"), OMSDESK_CONFIG_DIR=str(home / "config"))

    def run(self, *args: str, db: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(OMSDESK), "--db", db or self.url, *args], capture_output=True,
                              text=True, env=self.env, timeout=timeout, check=False)

    def ok(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 0, f"{args}: exit {done.returncode}: {done.stderr}"
        return done.stdout

    def run_here(self, *args: str) -> tuple[int, str, str]:
        """The same entry point in this process: (exit code, stdout, stderr).

        Each `omsdesk` start costs about a second of imports here, so the long matrix of bad input
        runs in-process; the process boundary itself is covered by the subprocess tests.
        """
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--db", self.url, *args])
            except SystemExit as exc:  # argparse exits 2 on bad usage
                code = exc.code if isinstance(exc.code, int) else 1
        return code, out.getvalue(), err.getvalue()

    def refused_here(self, *args: str) -> str:
        code, out, err = self.run_here(*args)
        assert code == 1, f"{args}: exit {code}: {out} {err}"
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("omsdesk: "), err
        assert out == ""
        return lines[0]

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json"))

    def refused(self, *args: str, db: str | None = None) -> str:
        """Exit 1 with exactly one line on stderr and nothing on stdout; returns that line."""
        done = self.run(*args, db=db)
        assert done.returncode == 1, f"{args}: exit {done.returncode}: {done.stdout} {done.stderr}"
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith("omsdesk: ")
        assert done.stdout == ""
        return lines[0]

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, and the files beside the database: what 'nothing written' means."""
        with sqlite3.connect(self.path) as conn:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            rows = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        rows["<files>"] = sorted((p.name,) for p in self.path.parent.iterdir() if p.suffix == ".bak")
        return rows


@pytest.fixture(scope="module")
def shop_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two warehouses, two products with stock, built once through the services."""
    path = tmp_path_factory.mktemp("cli-template") / "shop.sqlite3"
    db = fresh_sqlite(sqlite_template, path)
    try:
        shop = Shop(db)
        shop.warehouses(("MAD", "BCN"))
        shop.product("MUG-01", price=1210)
        shop.product("TEE-02", price=1995)
        shop.stock("MUG-01", 10, "MAD")
        shop.stock("TEE-02", 3, "BCN")
    finally:
        db.dispose()
    return path


@pytest.fixture
def cli(shop_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    db = fresh_sqlite(shop_template, tmp_path / "shop.sqlite3")
    db.dispose()
    runner = Cli(tmp_path / "shop.sqlite3", tmp_path)
    for key in [k for k in os.environ if k.startswith("OMSDESK_")]:
        monkeypatch.delenv(key)
    for key, value in runner.env.items():
        if key.startswith("OMSDESK_"):
            monkeypatch.setenv(key, value)  # for run_here
    yield runner


@contextlib.contextmanager
def services(cli: Cli) -> Iterator[Shop]:
    """Set-up through the services on the CLI's file, so only the step under test pays a process start."""
    shop = Shop(Database(cli.url))
    try:
        yield shop
    finally:
        shop.db.dispose()


def _order_file(tmp_path: Path, body: Any, name: str = "order.json") -> str:
    path = tmp_path / name
    path.write_text(body if isinstance(body, str) else json.dumps(body), encoding="utf-8")
    return str(path)


ANA = {"name": "Ana Muñoz", "email": "ana@example.es", "tax_id": "12345678Z",
       "address": {"line1": "Calle Mayor 1", "city": "Madrid", "postcode": "28013", "country": "ES"}}


def _create(cli: Cli, tmp_path: Path, lines: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    order = {"customer": ANA, "channel": "manual", "currency": "EUR", "lines": lines, **extra}
    created: dict[str, Any] = cli.json("orders", "create", "--file", _order_file(tmp_path, order))
    return created


# -- the contract --------------------------------------------------------------


def test_db_upgrade_migrates_a_new_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = Cli(tmp_path / "new.sqlite3", tmp_path)
    monkeypatch.setenv("OMSDESK_DATA_DIR", str(tmp_path / "data"))
    first = cli.ok("db", "upgrade")
    assert first.startswith("schema at ") and "backup" not in first
    assert cli.run_here("db", "upgrade") == (0, first, "")  # already there: nothing to do, no backup
    assert list(tmp_path.glob("*.bak")) == []
    assert "orders" in cli.dump()


def test_order_lifecycle_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    created = _create(cli, tmp_path, [{"sku": "MUG-01", "qty": 2, "unit_price": 1210}])
    assert set(created) == {"id", "reference", "status", "total", "currency"}
    assert (created["status"], created["total"], created["currency"]) == ("new", 2420, "EUR")
    ref = created["reference"]

    paid = cli.json("orders", "pay", ref, "--amount", "1000", "--method", "cash")
    assert set(paid) >= ACTION_KEYS and paid["status"] == "new"
    assert cli.json("orders", "pay", ref)["status"] == "paid"
    assert cli.json("orders", "allocate", ref) == {"reference": ref, "status": "allocated",
                                                   "message": "reserved in MAD"}
    picked = cli.ok("orders", "pick", ref).strip()
    assert picked.startswith(f"{ref}: picking (parcel ") and picked.endswith(" MAD)")
    assert cli.json("orders", "pack", ref)["status"] == "packed"
    shipped = cli.json("orders", "ship", ref, "--carrier", "SEUR", "--tracking", "SEUR-0042")
    assert shipped["status"] == "shipped"
    assert cli.json("orders", "deliver", ref)["status"] == "delivered"

    detail = cli.json("orders", "show", ref)
    assert set(detail) >= ORDER_DETAIL_KEYS
    assert (detail["status"], detail["paid_amount"], detail["balance_due"]) == ("delivered", 2420, 0)
    (line,) = detail["lines"]
    assert set(line) >= LINE_KEYS
    assert (line["sku"], line["qty_shipped"], line["available_by_warehouse"]) == ("MUG-01", 2, {"MAD": 8})
    (shipment,) = detail["shipments"]
    assert set(shipment) >= SHIPMENT_KEYS
    assert (shipment["carrier"], shipment["tracking"], shipment["lines"]) == ("SEUR", "SEUR-0042", {"MUG-01": 2})
    assert shipment["delivered_at"] is not None
    assert [a["action"] for a in detail["audit"]] == ["create", "pay", "pay", "allocate", "pick", "pack",
                                                      "ship", "deliver"]
    for entry in detail["audit"]:
        assert set(entry) >= AUDIT_KEYS
        assert (entry["user"], entry["workstation"]) == (USER, WORKSTATION)
    # Delivered and paid in full: nothing left to collect, the goods may come back, money may go back.
    assert detail["allowed_actions"] == ["return", "refund"]

    assert cli.json("orders", "return", ref, "--reason", "wrong size")["status"] == "returned"
    with sqlite3.connect(cli.path) as conn:
        assert conn.execute("SELECT on_hand, reserved FROM stock_levels JOIN products p ON p.id = product_id "
                            "WHERE p.sku = 'MUG-01'").fetchall() == [(10, 0)]


def test_orders_list_filters_and_json_rows(cli: Cli) -> None:
    with services(cli) as shop:
        first = shop.order({"MUG-01": 1}, customer=CustomerInput(name="Ana Muñoz", email="ana@example.es"))
        second = shop.order({"TEE-02": 1}, channel="counter",
                            customer=CustomerInput(name="Jordi Puig", email="jordi@example.cat"))

    rows = cli.json("orders", "list")
    assert [r["reference"] for r in rows] == [second, first]  # newest first
    for row in rows:
        assert set(row) >= ORDER_ROW_KEYS
        assert "id" not in row
    assert rows[1]["customer_name"] == "Ana Muñoz" and rows[1]["total"] == 1210
    code, out, _err = cli.run_here("orders", "list", "--status", "new", "--channel", "counter",
                                   "--search", "jordi", "--limit", "5", "--json")
    assert (code, [r["reference"] for r in json.loads(out)]) == (0, [second])
    code, out, _err = cli.run_here("orders", "list", "--limit", "1", "--json")
    assert (code, [r["reference"] for r in json.loads(out)]) == (0, [second])
    code, out, _err = cli.run_here("orders", "list", "--search", "MUG-01")
    assert code == 0 and first in out and second not in out
    # The queue's forgiving search: no accents needed, the number without its prefix.
    assert [r["reference"] for r in cli.json("orders", "list", "--search", "ANA MUNOZ")] == [first]
    number = str(int(first.rsplit("-", 1)[1]))
    assert [r["reference"] for r in cli.json("orders", "list", "--search", number)] == [first]


def test_hold_release_and_cancel_through_the_cli(cli: Cli) -> None:
    with services(cli) as shop:
        ref = shop.order_at("allocated", {"TEE-02": 2})
    assert cli.json("orders", "hold", ref, "--reason", "address check")["status"] == "on_hold"
    assert cli.json("orders", "release", ref)["status"] == "allocated"
    assert cli.json("orders", "cancel", ref, "--reason", "customer changed mind")["status"] == "cancelled"
    with sqlite3.connect(cli.path) as conn:
        assert conn.execute("SELECT sum(reserved) FROM stock_levels").fetchone() == (0,)
        trail = conn.execute("SELECT action, from_status, to_status, reason, user, workstation "
                             "FROM audit_log WHERE reference = ? ORDER BY id", (ref,)).fetchall()
    assert trail[-3:] == [
        ("hold", "allocated", "on_hold", "address check", USER, WORKSTATION),
        ("release", "on_hold", "allocated", "", USER, WORKSTATION),
        ("cancel", "allocated", "cancelled", "customer changed mind", USER, WORKSTATION),
    ]


def test_partial_shipment_through_the_cli_keeps_the_rest_reserved_for_the_next_parcel(cli: Cli) -> None:
    with services(cli) as shop:
        ref = shop.order_at("packed", {"MUG-01": 3})
    code, out, _err = cli.run_here("orders", "ship", ref, "--line", "MUG-01:1", "--tracking", "P1", "--json")
    assert (code, json.loads(out)["status"]) == (0, "partial")
    shown = cli.json("orders", "show", ref)
    # The units left behind stay packed at the bench, as a parcel of their own.
    [rest] = shown["open_parcels"]
    assert (rest["warehouse"], rest["status"], rest["lines"]) == ("MAD", "packed", {"MUG-01": 2})
    assert rest["id"] not in [sh["id"] for sh in shown["shipments"]]
    code, out, _err = cli.run_here("orders", "ship", ref, "--warehouse", "MAD", "--tracking", "P2", "--json")
    assert (code, json.loads(out)["status"]) == (0, "shipped")
    shown = cli.json("orders", "show", ref)
    assert [(sh["warehouse"], sh["tracking"], sh["lines"], sh["status"]) for sh in shown["shipments"]] == [
        ("MAD", "P1", {"MUG-01": 1}, "shipped"), ("MAD", "P2", {"MUG-01": 2}, "shipped")]


def test_cancel_rest_and_refund_through_the_cli(cli: Cli) -> None:
    with services(cli) as shop:
        ref = shop.order_at("packed", {"MUG-01": 3})
    cli.run_here("orders", "ship", ref, "--line", "MUG-01:1")
    code, out, err = cli.run_here("orders", "cancel", ref, "--reason", "too late")
    assert code == 1 and "already shipped; close the unshipped lines instead" in err and out == ""
    closed = cli.json("orders", "cancel-rest", ref, "--reason", "customer cancelled the rest")
    assert closed["status"] == "shipped"
    shown = cli.json("orders", "show", ref)
    assert shown["refund_due"] == 2 * shown["lines"][0]["total"] // 3
    code, _out, err = cli.run_here("orders", "refund", ref, "--amount", str(shown["paid_amount"] + 1),
                                   "--method", "card")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "exceeds" in err
    refund = cli.json("orders", "refund", ref, "--amount", str(shown["refund_due"]), "--method", "card",
                      "--reference", "RF-9")
    assert (refund["refund_due"], refund["refunded"]) == (0, shown["refund_due"])
    shown = cli.json("orders", "show", ref)
    assert [(r["amount"], r["method"], r["reference"]) for r in shown["refunds"]] == [
        (refund["amount"], "card", "RF-9")]


def test_stock_commands_and_their_json(cli: Cli) -> None:
    received = cli.json("stock", "receive", "MUG-01", "5", "--warehouse", "BCN", "--reason", "PO-7")
    assert received == {"sku": "MUG-01", "warehouse": "BCN", "on_hand": 5, "reserved": 0, "available": 5}
    assert set(received) == LEVEL_KEYS

    rows = cli.json("stock", "list")
    assert [(r["sku"], r["warehouse"], r["on_hand"]) for r in rows] == [
        ("MUG-01", "BCN", 5), ("MUG-01", "MAD", 10), ("TEE-02", "BCN", 3)]
    for row in rows:
        assert set(row) >= STOCK_ROW_KEYS
        assert row["available"] == row["on_hand"] - row["reserved"] - row["safety_buffer"]

    shown = cli.json("stock", "show", "MUG-01")
    assert {k: shown[k] for k in ("sku", "on_hand", "reserved", "available")} == {
        "sku": "MUG-01", "on_hand": 15, "reserved": 0, "available": 15}
    assert [w["warehouse"] for w in shown["warehouses"]] == ["BCN", "MAD"]
    # Nothing is at or below its reorder point (0) while everything is in stock.
    assert cli.run_here("stock", "list", "--low", "--json") == (0, "[]\n", "")


def test_demo_seeds_a_business(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "demo.sqlite3", tmp_path)
    summary = cli.json("demo", "--orders", "40", "--products", "20", "--customers", "15", "--seed", "3")
    assert (summary["warehouses"], summary["products"], summary["orders"]) == (3, 20, 40)
    with sqlite3.connect(cli.path) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone() == (40,)
        assert {r[0] for r in conn.execute("SELECT code FROM warehouses")} >= {"MAD", "BCN"}
        eans = [r[0] for r in conn.execute("SELECT ean FROM products WHERE stock_tracked")]
        services = conn.execute("SELECT sku, ean FROM products WHERE NOT stock_tracked").fetchall()
    assert len(eans) == 20 and all(ean.is_valid(code) and len(code) == 13 for code in eans)
    # Shipping is sold as a service product: no stock, so no barcode to scan either.
    assert services == [("ENVIO", None)]


# -- exit codes ----------------------------------------------------------------


def test_refused_action_exits_1_with_one_line_and_writes_nothing(cli: Cli) -> None:
    with services(cli) as shop:
        ref = shop.order({"MUG-01": 1})
    before = cli.dump()
    line = cli.refused("orders", "pick", ref)
    assert line == f"omsdesk: cannot pick order {ref}: status is new; it must be allocated first"
    line = cli.refused_here("orders", "cancel", "SO-2000-000001")
    assert line == "omsdesk: unknown order 'SO-2000-000001'"
    assert cli.dump() == before


def test_cancel_after_shipping_is_refused_and_writes_nothing(cli: Cli) -> None:
    with services(cli) as shop:
        ref = shop.order_at("shipped", {"MUG-01": 1})
    before = cli.dump()
    assert "already shipped; record a return instead" in cli.refused_here("orders", "cancel", ref)
    assert cli.dump() == before


def test_bad_usage_exits_2_with_usage_and_writes_nothing(cli: Cli) -> None:
    before = cli.dump()
    done = cli.run("orders", "list", "--status", "lost")
    assert done.returncode == 2
    assert "usage: omsdesk orders list" in done.stderr
    assert "invalid choice: 'lost'" in done.stderr
    assert done.stdout == ""
    assert cli.dump() == before


@pytest.mark.parametrize("args", [
    ("stock", "receive", "MUG-01", "many", "--warehouse", "MAD"),
    ("stock", "receive", "MUG-01", "1"),
    ("orders", "ship"),
    ("orders", "teleport", "SO-2026-000001"),
    ("orders", "list", "--limit", "0"),
], ids=["non-numeric-qty", "missing-warehouse", "missing-reference", "unknown-action", "zero-limit"])
def test_more_bad_usage_exits_2(cli: Cli, args: tuple[str, ...]) -> None:
    before = cli.dump()
    code, _out, err = cli.run_here(*args)
    assert code == 2
    assert "usage: omsdesk" in err
    assert cli.dump() == before


# -- bad input (issue 2, point 11) ---------------------------------------------

BAD_ORDERS = {
    "unparsable": ('{"lines": [{"sku": "MUG-01", "qty": 1}', "is not valid JSON"),
    "unknown-sku": ({"lines": [{"sku": "NOPE-99", "qty": 1}]}, "unknown SKU 'NOPE-99'"),
    "zero-qty": ({"lines": [{"sku": "MUG-01", "qty": 0}]}, "quantity of MUG-01 must be greater than zero, got 0"),
    "negative-qty": ({"lines": [{"sku": "MUG-01", "qty": -2}]}, "must be greater than zero, got -2"),
    "fractional-qty": ({"lines": [{"sku": "MUG-01", "qty": 1.5}]}, "must be a whole number"),
    "unknown-currency": ({"currency": "EURO", "lines": [{"sku": "MUG-01", "qty": 1}]}, "unknown currency 'EURO'"),
    "invalid-tax-id": ({"customer": {"name": "Pepe", "tax_id": "12345678A"},
                        "lines": [{"sku": "MUG-01", "qty": 1}]}, "invalid tax id '12345678A'"),
}


def test_unparsable_order_file_exits_1_in_one_line_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    body, problem = BAD_ORDERS["unparsable"]
    before = cli.dump()
    assert problem in cli.refused("orders", "create", "--file", _order_file(tmp_path, body))
    assert cli.dump() == before


@pytest.mark.parametrize("case", list(BAD_ORDERS))
def test_bad_order_file_is_refused_in_one_line_and_writes_nothing(cli: Cli, tmp_path: Path, case: str) -> None:
    body, problem = BAD_ORDERS[case]
    before = cli.dump()
    assert problem in cli.refused_here("orders", "create", "--file", _order_file(tmp_path, body))
    assert cli.dump() == before


def test_missing_order_file_is_refused_by_name(cli: Cli, tmp_path: Path) -> None:
    line = cli.refused_here("orders", "create", "--file", str(tmp_path / "nowhere.json"))
    assert line.startswith(f"omsdesk: cannot read order file {tmp_path / 'nowhere.json'}")


@pytest.mark.parametrize(("args", "problem"), [
    (("products", "add", "CUP-9", "--name", "Cup", "--price", "500", "--ean", "4006381333932"),
     "invalid EAN/GTIN '4006381333932'"),
    (("stock", "receive", "MUG-01", "0", "--warehouse", "MAD"), "must be greater than zero, got 0"),
    (("stock", "receive", "MUG-01", "-4", "--warehouse", "MAD"), "must be greater than zero, got -4"),
    (("stock", "receive", "GHOST", "1", "--warehouse", "MAD"), "unknown SKU 'GHOST'"),
], ids=["invalid-ean", "zero-receipt", "negative-receipt", "unknown-sku"])
def test_bad_catalogue_and_stock_input_is_refused(cli: Cli, args: tuple[str, ...], problem: str) -> None:
    before = cli.dump()
    assert problem in cli.refused_here(*args)
    assert cli.dump() == before


def test_invalid_ean_exits_1_from_the_installed_command(cli: Cli) -> None:
    before = cli.dump()
    line = cli.refused("products", "add", "CUP-9", "--name", "Cup", "--price", "500", "--ean", "12345")
    assert "invalid EAN/GTIN '12345'" in line
    assert cli.dump() == before


def test_valid_ean_on_products_add_is_accepted(cli: Cli) -> None:
    code = next_ean()
    rc, out, _err = cli.run_here("products", "add", "CUP-9", "--name", "Cup", "--price", "500", "--ean", code)
    assert (rc, out.strip()) == (0, "product CUP-9 added")
    rc, out, _err = cli.run_here("products", "list", "--json")
    assert {"sku": "CUP-9", "ean": code} in [{"sku": p["sku"], "ean": p["ean"]} for p in json.loads(out)]


def test_database_that_does_not_answer_exits_1_quickly(cli: Cli) -> None:
    started = time.monotonic()
    line = cli.refused("orders", "list", db="postgresql+psycopg://clerk:s3cret@127.0.0.1:1/omsdesk")
    assert time.monotonic() - started < 15
    assert line.startswith("omsdesk: cannot connect to database postgresql+psycopg://clerk:***@127.0.0.1:1/")
    assert "s3cret" not in line


def test_schema_newer_than_the_program_exits_1_and_is_left_alone(cli: Cli) -> None:
    with sqlite3.connect(cli.path) as conn:
        conn.execute("DELETE FROM alembic_version")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    before = cli.dump()
    line = cli.refused("orders", "list")
    assert line == ("omsdesk: database schema 9999_future is newer than this omsdesk knows; "
                    "upgrade omsdesk first")
    assert cli.dump() == before


# -- channels disable | enable | remove | test ----------------------------------------------------

def _woo_channel(cli: Cli, url: str = "https://shop.invalid", code: str = "tienda-woo") -> str:
    from omsdesk.services.channels.channels import add_channel
    from omsdesk.sync.secrets import store_secret
    from tests.fixtures.database import ACTOR

    with services(cli) as shop:
        add_channel(shop.db, kind="woocommerce", name="Tienda Woo", url=url, code=code, actor=ACTOR)
    store_secret(code, "ck_0123456789abcdef:cs_fedcba9876543210")
    return code


def _json_here(cli: Cli, *args: str) -> Any:
    code, out, err = cli.run_here(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_channels_disable_and_enable_print_the_new_state(cli: Cli) -> None:
    code = _woo_channel(cli)
    assert _json_here(cli, "channels", "disable", code) == {"code": code, "active": False, "removed": False}
    [listed] = _json_here(cli, "channels", "list")
    assert listed["active"] is False
    assert _json_here(cli, "channels", "enable", code) == {"code": code, "active": True, "removed": False}


@pytest.mark.parametrize("action", ["disable", "enable", "remove"])
def test_channels_lifecycle_with_an_unknown_code_writes_nothing(cli: Cli, action: str) -> None:
    _woo_channel(cli)
    before = cli.dump()
    assert "unknown channel 'nope'" in cli.refused_here("channels", action, "nope")
    assert cli.dump() == before


def test_channels_remove_is_refused_while_messages_wait_then_forced(cli: Cli) -> None:
    from sqlalchemy import select

    from omsdesk.models import Channel, OutboxMessage
    from omsdesk.models.base import utcnow

    code = _woo_channel(cli)
    with services(cli) as shop, shop.db.write() as s:
        channel_id = s.scalar(select(Channel.id).where(Channel.code == code))
        s.add(OutboxMessage(topic="fulfillment.push", channel_id=channel_id, key="order:9",
                            idempotency_key="cli-remove-1", payload={}, status="pending", attempts=0,
                            next_attempt_at=utcnow(), last_error=""))
    before = cli.dump()
    line = cli.refused_here("channels", "remove", code)
    assert "1 message(s) to deliver" in line and "--force" in line
    assert cli.dump() == before
    assert _json_here(cli, "channels", "remove", code, "--force") == {
        "code": code, "active": False, "removed": True, "dropped_messages": 1, "secret_deleted": True}
    assert _json_here(cli, "channels", "list") == []
    assert "was removed" in cli.refused_here("channels", "enable", code)


def test_channels_test_names_a_wrong_address_as_a_settings_problem(cli: Cli) -> None:
    code = _woo_channel(cli)
    status, out, _err = cli.run_here("channels", "test", code, "--json")
    assert status == 1
    report = json.loads(out)
    assert (report["ok"], report["health"]) == (False, "config")
    assert "shop.invalid does not exist" in report["problems"][0]
    [listed] = _json_here(cli, "channels", "list")
    assert listed["config_invalid"] is True
    synced = cli.run_here("sync", "--once", "--json")
    assert synced[0] == 1
    assert [(r["channel"], r["status"], r["health"]) for r in json.loads(synced[1])] == [
        (code, "skipped", "config")]
