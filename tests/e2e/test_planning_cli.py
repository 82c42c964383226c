"""The planning commands end to end through `omsdesk ...` on a SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from omsdesk.cli import main
from omsdesk.db import open_database
from tests.fixtures.database import Shop


@pytest.fixture
def cli_db(tmp_path: Path) -> tuple[str, Shop]:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    db = open_database(url)
    shop = Shop(db)
    shop.warehouses()
    return url, shop


def _run(url: str, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--db", url, *args])
    return code, capsys.readouterr().out


def test_stock_transfer_and_receive(cli_db: tuple[str, Shop], capsys: pytest.CaptureFixture[str]) -> None:
    url, shop = cli_db
    sku = shop.product()
    shop.stock(sku, 5, "MAD")
    code, out = _run(url, "stock", "transfer", sku, "2", "--from", "MAD", "--to", "BCN", "--json",
                     capsys=capsys)
    assert code == 0
    t = json.loads(out)
    assert (t["status"], t["qty"]) == ("in_transit", 2)
    code, out = _run(url, "stock", "transfer-receive", t["reference"], capsys=capsys)
    assert code == 0 and "received" in out
    assert shop.level(sku, "BCN") == (2, 0)


def test_purchasing_cycle_and_forecast(cli_db: tuple[str, Shop], capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    url, shop = cli_db
    sku = shop.product()
    shop.stock(sku, 1, "MAD")
    assert _run(url, "purchasing", "supplier", "acme", "Acme S.L.", capsys=capsys)[0] == 0
    assert _run(url, "purchasing", "rule", sku, "MAD", "--min", "6", "--supplier", "ACME", "--cost", "300",
                capsys=capsys)[0] == 0
    code, out = _run(url, "purchasing", "suggest", "--json", capsys=capsys)
    assert code == 0
    assert [(r["sku"], r["qty"], r["supplier"]) for r in json.loads(out)] == [(sku, 5, "ACME")]
    code, out = _run(url, "purchasing", "create", "ACME", "MAD", f"{sku}=5@300", "--json", capsys=capsys)
    ref = json.loads(out)["reference"]
    assert _run(url, "purchasing", "send", ref, capsys=capsys)[0] == 0
    code, out = _run(url, "purchasing", "receive", ref, f"{sku}=2", "--json", capsys=capsys)
    assert json.loads(out)["status"] == "partial"
    pdf = tmp_path / "po.pdf"
    assert _run(url, "purchasing", "print", ref, "--out", str(pdf), capsys=capsys)[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    code, out = _run(url, "forecast", sku, "--json", capsys=capsys)
    fc = json.loads(out)
    assert (fc["sku"], len(fc["forecast"])) == (sku, 28)
    assert _run(url, "forecast", "NOPE", capsys=capsys)[0] == 1


def test_analytics_csv(cli_db: tuple[str, Shop], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url, shop = cli_db
    sku = shop.product(price=250)
    shop.stock(sku, 4, "SEV")
    out_file = tmp_path / "stock.csv"
    code, out = _run(url, "analytics", "stock", "--csv", str(out_file), capsys=capsys)
    assert code == 0
    assert out_file.read_text(encoding="utf-8").splitlines() == [
        "warehouse,skus,units,value,currency", "SEV,1,4,1000,EUR"]
