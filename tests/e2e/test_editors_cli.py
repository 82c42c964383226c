"""`omsdesk customers add|edit` and `products edit`: the editors' services from a script."""

from __future__ import annotations

import json

from tests.e2e.test_cli import Cli, cli, shop_template  # noqa: F401 (fixtures)


def test_customers_add_then_edit_through_the_service(cli: Cli) -> None:  # noqa: F811
    code, out, _err = cli.run_here("customers", "add", "--name", "Ferretería Gil, S.L.", "--tax-id", "b12345674",
                                   "--email", "Gil@Example.es", "--shipping-line1", "Calle Mayor 1",
                                   "--shipping-city", "Madrid", "--shipping-postcode", "28013", "--json")
    assert code == 0, out
    saved = json.loads(out)
    assert (saved["name"], saved["tax_id"], saved["terms"], saved["created"]) == (
        "Ferretería Gil, S.L.", "B12345674", "immediate", True)
    code, out, _err = cli.run_here("customers", "edit", str(saved["id"]), "--phone", "600000001",
                                   "--no-shipping")
    assert (code, out) == (0, f"customer {saved['id']} (Ferretería Gil, S.L.) saved\n")


def test_customers_add_with_a_bad_nif_is_one_line_and_writes_nothing(cli: Cli) -> None:  # noqa: F811
    before = cli.dump()
    line = cli.refused_here("customers", "add", "--name", "Ana", "--tax-id", "12345678A")
    assert line.startswith("omsdesk: invalid tax id '12345678A'")
    assert cli.dump() == before


def test_products_edit_changes_price_and_bin_and_refuses_a_bad_ean(cli: Cli) -> None:  # noqa: F811
    code, out, _err = cli.run_here("products", "edit", "MUG-01", "--price", "1395", "--bin", "MAD:a-2")
    assert code == 0 and "price 1210 -> 1395" in out and "bin MAD - -> A-2" in out, out
    before = cli.dump()
    line = cli.refused_here("products", "edit", "MUG-01", "--ean", "8412345678901")
    assert line.startswith("omsdesk: invalid EAN/GTIN '8412345678901'")
    assert cli.dump() == before
    assert cli.refused_here("products", "edit", "MUG-01", "--bin", "MAD") == (
        "omsdesk: --bin 'MAD' must be WAREHOUSE:BIN (e.g. MAD:A-01-3)")
