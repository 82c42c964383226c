"""`omsdesk channels ...` and `omsdesk sync --once` in-process, with the test's in-memory keyring."""

from __future__ import annotations

import io
import json

import keyring
import pytest
from keyring.backends import fail

from omsdesk.cli import main
from omsdesk.db import Database
from omsdesk.sync.demo_data import CATALOGUE, generate_orders
from omsdesk.sync.secrets import SERVICE
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.conftest import MemoryKeyring
from tests.fixtures.database import Shop
from tests.fixtures.marketplaces import SHOPIFY_TOKEN, WOO_KEY, WOO_SECRET, WooSimulator


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: Database,
        *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--db", db.url, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def store(sqlite_db: Database) -> Shop:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    for product in CATALOGUE[:5]:
        shop.product(product.sku, price=int(product.price * 100))
        shop.stock(product.sku, 50)
    return shop


def test_channels_add_keeps_the_secret_in_the_keyring_only(
        store: Shop, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(capsys, monkeypatch, store.db, "channels", "add", "--type", "shopify",
                         "--name", "Tienda Núñez", "--url", "https://nunez.myshopify.com",
                         stdin=SHOPIFY_TOKEN + "\n")
    assert code == 0, err
    assert "tienda-nunez" in out
    assert memory_keyring.passwords[(SERVICE, "tienda-nunez")] == SHOPIFY_TOKEN
    code, out, _ = run(capsys, monkeypatch, store.db, "channels", "list", "--json")
    [channel] = json.loads(out)
    assert (channel["code"], channel["kind"], channel["offline"]) == ("tienda-nunez", "shopify",
                                                                      False)
    assert SHOPIFY_TOKEN not in out
    with open(store.db.url.removeprefix("sqlite:///"), "rb") as fh:
        assert SHOPIFY_TOKEN.encode() not in fh.read()


def test_channels_add_without_a_keyring_says_what_to_install(
        store: Shop, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    keyring.set_keyring(fail.Keyring())
    code, _out, err = run(capsys, monkeypatch, store.db, "channels", "add", "--type", "shopify",
                          "--name", "Tienda", "--url", "https://t.myshopify.com",
                          stdin=SHOPIFY_TOKEN + "\n")
    assert code == 1
    assert "no keyring backend" in err and "gnome-keyring" in err and "secretstorage" in err
    code, out, _ = run(capsys, monkeypatch, store.db, "channels", "list")
    assert "no shop channels" in out  # nothing half-made


def test_plain_http_is_refused_for_a_remote_shop(
        store: Shop, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _out, err = run(capsys, monkeypatch, store.db, "channels", "add", "--type",
                          "prestashop", "--name", "B2B", "--url", "http://tienda.example",
                          stdin="KEY1234567890\n")
    assert code == 1 and "https://" in err


def test_sync_once_json_reports_every_job(
        store: Shop, shopify_shop: ShopifySimulator, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    orders = generate_orders(4, lines_per_order=1)
    shopify_shop.add_orders(orders)
    assert run(capsys, monkeypatch, store.db, "channels", "add", "--type", "shopify", "--name",
               "Tienda", "--url", shopify_shop.url, stdin=SHOPIFY_TOKEN)[0] == 0
    code, out, err = run(capsys, monkeypatch, store.db, "sync", "--once", "--channel", "tienda",
                         "--json")
    reports = json.loads(out)
    assert [r["job"] for r in reports] == ["pull_orders", "push_stock", "drain_outbox"]
    pull = reports[0]
    assert pull["status"] in ("ok", "partial"), err
    assert pull["counts"]["fetched"] == 4
    assert pull["counts"]["created"] + pull["counts"]["quarantined"] == 4
    code, out, _ = run(capsys, monkeypatch, store.db, "channels", "quarantine", "--json")
    assert len(json.loads(out)) == pull["counts"]["quarantined"]


def test_sync_once_with_a_refused_token_exits_1_and_says_so(
        store: Shop, shopify_shop: ShopifySimulator, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, monkeypatch, store.db, "channels", "add", "--type", "shopify", "--name", "Tienda",
        "--url", shopify_shop.url, stdin="shpat_not_the_right_one_000")
    code, out, _ = run(capsys, monkeypatch, store.db, "sync", "--once")
    assert code == 1
    assert "refused the credentials" in out
    code, out, _ = run(capsys, monkeypatch, store.db, "channels", "list")
    assert "credentials invalid" in out


def test_channels_test_reports_the_missing_scopes_and_exits_1(
        store: Shop, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with ShopifySimulator(SHOPIFY_TOKEN, throttle=False,
                          scopes=("read_orders", "read_products", "read_customers")) as shop:
        run(capsys, monkeypatch, store.db, "channels", "add", "--type", "shopify", "--name",
            "Tienda", "--url", shop.url, stdin=SHOPIFY_TOKEN)
        code, out, _ = run(capsys, monkeypatch, store.db, "channels", "test", "tienda", "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert "the access token lacks the scope write_inventory" in report["problems"]
    assert any("read_all_orders" in note for note in report["notes"])


def test_channels_test_of_a_good_channel_says_ok_and_a_wrong_token_says_why(
        store: Shop, shopify_shop: ShopifySimulator, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, monkeypatch, store.db, "channels", "add", "--type", "shopify", "--name", "Tienda",
        "--url", shopify_shop.url, stdin=SHOPIFY_TOKEN)
    code, out, _ = run(capsys, monkeypatch, store.db, "channels", "test", "tienda")
    assert (code, out.strip()) == (0, "channel tienda: connection ok")
    run(capsys, monkeypatch, store.db, "channels", "add", "--type", "shopify", "--name", "Otra",
        "--url", shopify_shop.url, stdin="shpat_not_the_right_one_000")
    code, out, _ = run(capsys, monkeypatch, store.db, "channels", "test", "otra")
    assert code == 1 and "refused the credentials" in out


def test_channels_test_of_a_woocommerce_shop_reaches_it_with_its_keys(
        store: Shop, woo_shop: WooSimulator, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, monkeypatch, store.db, "channels", "add", "--type", "woocommerce", "--name",
        "Woo", "--url", woo_shop.url, stdin=f"{WOO_KEY}:{WOO_SECRET}")
    code, out, _ = run(capsys, monkeypatch, store.db, "channels", "test", "woo")
    assert (code, out.strip()) == (0, "channel woo: connection ok")
    assert any("/orders" in r.path for r in woo_shop.requests)
    run(capsys, monkeypatch, store.db, "channels", "add", "--type", "woocommerce", "--name",
        "Woo mal", "--url", woo_shop.url, stdin=f"{WOO_KEY}:cs_wrong")
    code, out, _ = run(capsys, monkeypatch, store.db, "channels", "test", "woo-mal")
    assert code == 1 and "refused the credentials" in out
