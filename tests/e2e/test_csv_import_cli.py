"""`omsdesk orders import` and `omsdesk products import`: dry runs, JSON, exit codes, nothing half written."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli import Cli, cli, shop_template  # noqa: F401 (fixtures)

ORDERS = """order;customer_name;customer_email;ship_line1;ship_postcode;ship_city;sku;qty;unit_price
W-1;Ana Muñoz;ana@example.es;Calle Mayor 1;28013;Madrid;MUG-01;2;12,10
W-1;;;;;;TEE-02;1;
W-2;Luis Gil;luis@example;Gran Vía 2;28001;Madrid;MUG-01;1;
"""


def _file(cli: Cli, name: str, text: str) -> str:  # noqa: F811
    path = Path(cli.path).parent / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_orders_dry_run_prints_the_preview_and_writes_nothing(cli: Cli) -> None:  # noqa: F811
    path = _file(cli, "o.csv", ORDERS)
    before = cli.dump()
    code, out, err = cli.run_here("orders", "import", path, "--dry-run")
    assert code == 1 and err == "omsdesk: 1 order(s) refused (1 rows), see the list above\n"
    assert out.splitlines() == [
        "W-1            lines 2-3       3 units      44.15 EUR  Ana Muñoz  (would create)",
        "refused: line 4 order W-2: invalid email address 'luis@example'",
        "1 orders to create, 1 refused (1 rows)"]
    assert cli.dump() == before


def test_orders_import_json_then_again_creates_nothing(cli: Cli) -> None:  # noqa: F811
    path = _file(cli, "o.csv", ORDERS)
    code, out, _err = cli.run_here("orders", "import", path, "--json")
    doc = json.loads(out)
    assert code == 1 and doc["created"] == 1 and doc["rows"] == 3 and not doc["dry_run"]
    (order,) = doc["orders"]
    assert (order["order"], order["lines"], order["total"], order["status"]) == ("W-1", [2, 3], 4415, "new")
    assert order["reference"].startswith("SO-")
    assert doc["rejected"] == [{"order": "W-2", "lines": [4], "problems": [
        {"line": 4, "code": "bad_email", "reason": "invalid email address 'luis@example'"}]}]
    shown = json.loads(cli.run_here("orders", "show", order["reference"], "--json")[1])
    assert (shown["channel"], shown["external_id"], shown["customer_name"]) == ("csv", "W-1", "Ana Muñoz")
    before = cli.dump()
    code, out, _err = cli.run_here("orders", "import", path, "--json")
    again = json.loads(out)
    assert code == 1 and again["created"] == 0 and again["rejected"][0]["problems"][0]["code"] == "duplicate"
    assert cli.dump() == before


def test_a_clean_orders_file_exits_0_from_the_installed_command(cli: Cli) -> None:  # noqa: F811
    path = _file(cli, "o.csv", "\n".join(ORDERS.splitlines()[:3]) + "\n")
    done = cli.run("orders", "import", path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "1 orders created, 0 refused (0 rows)" and done.stderr == ""


def test_a_file_without_a_required_column_is_one_line(cli: Cli) -> None:  # noqa: F811
    path = _file(cli, "o.csv", "order,sku\nA,MUG-01\n")
    assert cli.refused_here("orders", "import", path) == (
        f"omsdesk: {path}: missing column 'qty' (the header needs order, sku, qty)")
    assert cli.refused_here("orders", "import", path + ".missing").startswith(f"omsdesk: cannot read {path}.missing: ")
    code, _out, _err = cli.run_here("orders", "import")
    assert code == 2


PRODUCTS = "sku,name,price,ean\nNEW-1,Taza azul,995,\nMUG-01,Taza grande,1350,\n"


def test_products_import_is_all_or_nothing_by_default(cli: Cli) -> None:  # noqa: F811
    path = _file(cli, "p.csv", PRODUCTS + "BAD-1,Rota,100,123\n")
    before = cli.dump()
    code, out, err = cli.run_here("products", "import", path)
    assert code == 1 and err == "omsdesk: 1 row(s) refused, nothing imported (--accept-valid imports the others)\n"
    assert "refused: line 4 BAD-1: invalid EAN/GTIN '123'" in out
    assert out.splitlines()[-1] == "nothing imported: 1 created, 1 updated, 0 unchanged, 1 refused"
    assert cli.dump() == before
    code, out, err = cli.run_here("products", "import", path, "--dry-run", "--json")
    doc = json.loads(out)
    assert code == 1 and (doc["created"], doc["updated"], doc["imported"]) == (1, 1, False)
    assert [r["action"] for r in doc["rows"]] == ["create", "update"]
    assert doc["rejected"][0] | {"reason": ""} == {"sku": "BAD-1", "line": 4, "code": "bad_ean", "reason": ""}
    assert cli.dump() == before


def test_products_accept_valid_imports_the_good_rows_and_a_clean_file_exits_0(cli: Cli) -> None:  # noqa: F811
    path = _file(cli, "p.csv", PRODUCTS + "BAD-1,Rota,100,123\n")
    code, out, err = cli.run_here("products", "import", path, "--accept-valid")
    assert code == 1 and "the others were imported" in err
    assert out.splitlines()[-1] == "2 products imported: 1 created, 1 updated, 0 unchanged, 1 refused"
    prices = {p["sku"]: p["price"] for p in json.loads(cli.run_here("products", "list", "--json")[1])}
    assert prices == {"MUG-01": 1350, "NEW-1": 995, "TEE-02": 1995}
    clean = _file(cli, "q.csv", PRODUCTS)
    code, out, err = cli.run_here("products", "import", clean)
    assert (code, err) == (0, "") and out.splitlines()[-1].startswith("0 products imported: 0 created, 0 updated, 2 unchanged")
