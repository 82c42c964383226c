"""`products push` against the local Shopify, WooCommerce and PrestaShop: plan, send, re-run.

The shops (tests/fixtures/product_shops.py) follow each API's documentation, quoted there; the
Shopify one validates every document and its variables against Shopify's official Admin schema.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Channel
from omsdesk.models.sync_state import SyncRun
from omsdesk.services.catalog import ProductChanges, ProductInput, add_product, update_product
from omsdesk.services.channels.channels import add_channel
from omsdesk.services.channels.erp import ProductData, apply_product_data
from omsdesk.services.channels.product_listing import set_listing_settings
from omsdesk.services.goods_in.receiving import receive_stock
from omsdesk.sync.connector import Connector
from omsdesk.sync.engine import channel_config
from omsdesk.sync.product_out import plan_product_push, push_products
from omsdesk.sync.registry import create_connector
from omsdesk.sync.simulator import LocalShopServer
from tests.fixtures.database import ACTOR
from tests.fixtures.marketplaces import PRESTA_KEY, SHOPIFY_TOKEN, WOO_KEY, WOO_SECRET
from tests.fixtures.product_shops import PrestaProductShop, ShopifyProductShop, WooProductShop

SECRETS = {"shopify": SHOPIFY_TOKEN, "woocommerce": f"{WOO_KEY}:{WOO_SECRET}",
           "prestashop": PRESTA_KEY}
NEW_EAN = "8412345678905"
SKUS = ["ACE-OLV-500", "JAR-TAL-01", "MIE-ROM-500", "TUR-JIJ-300"]


def factory(shop: LocalShopServer, kind: str) -> Callable[[Channel], Connector]:
    url = shop.url

    def build(channel: Channel) -> Connector:
        config = channel_config(channel, SECRETS[kind])
        return create_connector(type(config)(config.name, kind, url, config.secret,
                                             config.options))
    return build


def catalogue(db: Database, kind: str) -> str:
    """Four products: one as the shop has it, one repriced, one renamed, one the shop lacks."""
    receive = {"JAR-TAL-01": 50, "ACE-OLV-500": 40, "TUR-JIJ-300": 50, "MIE-ROM-500": 12}
    from omsdesk.services.catalog import add_warehouse
    add_warehouse(db, "MAD", "Madrid", actor=ACTOR)
    for sku, name, price, rate, ean, description in (
            ("JAR-TAL-01", "Jarrón cerámica de Talavera", 3450, 2100, None, ""),
            ("ACE-OLV-500", "Aceite de oliva virgen extra 500 ml", 990, 400, None, ""),
            ("TUR-JIJ-300", "Turrón de Jijona blando 300 g", 675, 1000, None, ""),
            ("MIE-ROM-500", "Miel de romero 500 g", 750, 1000, NEW_EAN, "Miel cruda de la Alcarria")):
        add_product(db, ProductInput(sku, name, price, tax_rate_bp=rate, ean=ean,
                                     description=description), actor=ACTOR)
        receive_stock(db, sku, receive[sku], "MAD", actor=ACTOR, reason="test receipt")
    code = f"{kind[:4]}-es"
    # The local shops hold tax-inclusive prices (as the demo catalogue does); PrestaShop's
    # webservice price is always without tax.
    settings = {} if kind == "prestashop" else {"prices_include_tax": "true"}
    add_channel(db, kind=kind, name=f"Tienda {kind}", code=code, url="https://shop.example.es",
                actor=ACTOR, settings=settings)
    return code


SHOPS: dict[str, Callable[[], LocalShopServer]] = {
    "shopify": ShopifyProductShop, "woocommerce": WooProductShop, "prestashop": PrestaProductShop}


@pytest.fixture(params=sorted(SHOPS))
def shop(request: pytest.FixtureRequest) -> Any:
    server = SHOPS[request.param]()
    server.start()
    try:
        yield request.param, server
    finally:
        server.stop()


def writes(server: Any) -> list[Any]:
    return list(server.writes())


def actions(items: Any) -> dict[str, str]:
    return {i.sku: i.action for i in items}


def test_dry_run_shows_per_product_what_would_change_and_sends_nothing(
        sqlite_db: Database, shop: tuple[str, Any]) -> None:
    kind, server = shop
    code = catalogue(sqlite_db, kind)
    plan = plan_product_push(sqlite_db, code, factory=factory(server, kind))
    assert actions(plan.items) == {"ACE-OLV-500": "update", "JAR-TAL-01": "unchanged",
                                   "MIE-ROM-500": "create", "TUR-JIJ-300": "update"}
    changes = {i.sku: {c.field: (c.old, c.new) for c in i.changes} for i in plan.items}
    assert changes["TUR-JIJ-300"]["title"] == ("Turrón de Jijona 300 g",
                                               "Turrón de Jijona blando 300 g")
    assert changes["ACE-OLV-500"]["stock"] == ("50", "40")
    price = "9.90" if kind != "prestashop" else "9.52"  # 990 with 4 % IVA, net for PrestaShop
    assert changes["ACE-OLV-500"]["price"][1] == price
    assert changes["MIE-ROM-500"]["ean"] == (None, NEW_EAN)
    assert writes(server) == []
    if kind == "shopify":
        assert server.invalid == []


def test_a_push_creates_what_is_missing_changes_only_what_differs_then_finds_nothing_to_do(
        sqlite_db: Database, shop: tuple[str, Any]) -> None:
    kind, server = shop
    code = catalogue(sqlite_db, kind)
    build = factory(server, kind)
    report = push_products(sqlite_db, code, factory=build)
    assert report.status == "ok", report.error
    assert report.counts() == {"created": 1, "updated": 2, "unchanged": 1, "refused": 0,
                               "failed": 0}
    assert all(o.ok for o in report.outcomes)
    again = plan_product_push(sqlite_db, code, factory=build)
    assert set(actions(again.items).values()) == {"unchanged"}, [
        (i.sku, i.changes) for i in again.items]
    with sqlite_db.read() as s:
        run = s.scalars(select(SyncRun).where(SyncRun.job == "push_products")).one()
    assert (run.status, run.created, run.updated, run.unchanged) == ("ok", 1, 2, 1)
    if kind == "shopify":
        assert server.invalid == []
        # The unchanged product got no mutation, the renamed one only productUpdate, and the
        # stock of the new and the repriced product went in one inventorySetQuantities.
        assert sorted(server.writes()) == sorted(
            ["ProductSetCreate", "VariantsUpdate", "ProductUpdate", "InventorySet"])


def test_a_field_switched_off_for_the_channel_is_never_sent(
        sqlite_db: Database, shop: tuple[str, Any]) -> None:
    kind, server = shop
    code = catalogue(sqlite_db, kind)
    set_listing_settings(sqlite_db, code, actor=ACTOR, fields="price,stock,ean")
    report = push_products(sqlite_db, code, skus=["TUR-JIJ-300", "ACE-OLV-500"],
                           factory=factory(server, kind))
    assert report.status == "ok", report.error
    # The renamed product differs only in its title, which is off: nothing to send for it.
    assert actions(report.plan.items) == {"ACE-OLV-500": "update", "TUR-JIJ-300": "unchanged"}
    assert {o.sku for o in report.outcomes} == {"ACE-OLV-500"}
    sent = b"".join(r.body for r in server.requests if r.method in ("POST", "PUT"))
    assert b"blando" not in sent and b"Jijona" not in sent
    assert sent  # the price and stock of the repriced one did go
    if kind == "shopify":
        assert "ProductUpdate" not in server.writes()


def test_no_create_without_title_or_price_and_without_a_price(sqlite_db: Database) -> None:
    server = WooProductShop()
    server.start()
    try:
        code = catalogue(sqlite_db, "woocommerce")
        set_listing_settings(sqlite_db, code, actor=ACTOR, fields="stock")
        update_product(sqlite_db, "ACE-OLV-500", ProductChanges(price=0), actor=ACTOR)
        plan = plan_product_push(sqlite_db, code, factory=factory(server, "woocommerce"))
        reasons = {i.sku: i.reason for i in plan.items if i.action == "refused"}
        assert "title and price switched off" in reasons["MIE-ROM-500"]
        assert reasons["ACE-OLV-500"] == "no price in the catalogue"
        assert writes(server) == []
    finally:
        server.stop()


def test_a_product_woocommerce_refuses_is_reported_with_its_reason_while_the_others_go(
        sqlite_db: Database, woo_products: WooProductShop) -> None:
    code = catalogue(sqlite_db, "woocommerce")
    # Another shop product already carries the EAN the new one would get.
    woo_products.products[1]["global_unique_id"] = NEW_EAN
    report = push_products(sqlite_db, code, factory=factory(woo_products, "woocommerce"))
    assert report.status == "partial"
    failed = {o.sku: o.reason for o in report.outcomes if not o.ok}
    assert list(failed) == ["MIE-ROM-500"]
    assert "Invalid or duplicated GTIN, UPC, EAN or ISBN." in failed["MIE-ROM-500"]
    assert report.counts()["updated"] == 2
    names = {p["sku"]: p["name"] for p in woo_products.products.values()}
    assert names["TUR-JIJ-300"] == "Turrón de Jijona blando 300 g"
    assert "MIE-ROM-500" not in names
    with sqlite_db.read() as s:
        run = s.scalars(select(SyncRun).where(SyncRun.job == "push_products")).one()
    assert run.status == "partial" and "MIE-ROM-500" in run.error
    # Fixed on the shop, a second run sends only what is still missing.
    woo_products.products[1]["global_unique_id"] = ""
    woo_products.clear_requests()
    second = push_products(sqlite_db, code, factory=factory(woo_products, "woocommerce"))
    assert second.status == "ok" and second.counts()["created"] == 1
    assert second.counts()["updated"] == 0
    bodies = [json.loads(r.body) for r in woo_products.writes()]
    assert [item["sku"] for b in bodies for item in b.get("create", [])] == ["MIE-ROM-500"]


def test_a_variation_is_updated_under_its_parent_and_keeps_its_name(
        sqlite_db: Database, woo_products: WooProductShop) -> None:
    catalogue(sqlite_db, "woocommerce")
    add_product(sqlite_db, ProductInput("CAM-ALG-M", "Camiseta M", 2195), actor=ACTOR)
    report = push_products(sqlite_db, "wooc-es", skus=["CAM-ALG-M"],
                           factory=factory(woo_products, "woocommerce"))
    assert report.status == "ok", report.error
    assert report.plan.items[0].action == "update"
    assert {c.field for c in report.plan.items[0].changes} == {"price", "stock"}
    paths = [r.path for r in woo_products.writes()]
    assert paths == ["/wp-json/wc/v3/products/100/variations/batch"]
    assert woo_products.variations[100][101]["regular_price"] == "21.95"


def test_erp_names_and_prices_reach_the_shop_through_the_catalogue(
        sqlite_db: Database, shopify_products: ShopifyProductShop) -> None:
    code = catalogue(sqlite_db, "shopify")
    # What `erp pull-products` applies: ERP list prices exclude tax, the catalogue's include it.
    apply_product_data(sqlite_db, [ProductData("JAR-TAL-01", "Jarrón de Talavera azul",
                                               "8400000000017", 3000, "EUR")], actor=ACTOR)
    plan = plan_product_push(sqlite_db, code, skus=["JAR-TAL-01"],
                             factory=factory(shopify_products, "shopify"))
    changes = {c.field: c.new for c in plan.items[0].changes}
    assert changes == {"title": "Jarrón de Talavera azul", "price": "36.30",
                       "ean": "8400000000017"}
    report = push_products(sqlite_db, code, skus=["JAR-TAL-01"],
                           factory=factory(shopify_products, "shopify"))
    assert report.status == "ok", report.error
    listing = shopify_products.listings["JAR-TAL-01"]
    assert (listing["title"], listing["price"], listing["barcode"]) == (
        "Jarrón de Talavera azul", "36.30", "8400000000017")
    assert shopify_products.invalid == []


def test_cli_products_push_dry_run_then_real_with_the_channel_mapping(
        sqlite_db: Database, woo_products: WooProductShop, memory_keyring: Any,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from omsdesk.cli import main
    from omsdesk.sync.secrets import store_secret

    catalogue(sqlite_db, "woocommerce")
    add_channel(sqlite_db, kind="woocommerce", name="Local", code="local", url=woo_products.url,
                actor=ACTOR)
    store_secret("local", SECRETS["woocommerce"])

    def cli(*args: str) -> tuple[int, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        code = main(["--db", sqlite_db.url, *args])
        out = capsys.readouterr()
        return code, out.out + out.err

    code, out = cli("channels", "set", "local", "--product-fields", "title,price,stock",
                    "--prices-include-tax", "yes", "--json")
    assert code == 0, out
    assert json.loads(out)["product_fields"] == ["title", "price", "stock"]
    code, out = cli("products", "push", "--channel", "local", "--dry-run", "--json")
    assert code == 0, out
    plan = json.loads(out)
    assert plan["dry_run"] is True
    assert plan["counts"] == {"create": 1, "update": 2, "unchanged": 1, "refused": 0}
    assert writes(woo_products) == []
    code, out = cli("products", "push", "--channel", "local")
    assert code == 0, out
    assert "created 1, updated 2, unchanged 1, refused 0, failed 0" in out
    # The EAN was switched off: the created product has none.
    created = next(p for p in woo_products.products.values() if p["sku"] == "MIE-ROM-500")
    assert created["global_unique_id"] == "" and created["name"] == "Miel de romero 500 g"
    code, out = cli("products", "push", "--channel", "local", "--dry-run")
    assert "0 would be created, 0 would be updated, 4 unchanged" in out


def test_test_connection_notes_a_store_without_write_products(sleeps: Any) -> None:
    shop = ShopifyProductShop()
    shop.scopes = [s for s in shop.scopes if s != "write_products"] + ["read_products"]
    shop.start()
    try:
        from omsdesk.sync.connector import ChannelConfig
        check = create_connector(ChannelConfig("Tienda", "shopify", shop.url, SHOPIFY_TOKEN),
                                 sleep=sleeps, clock=sleeps.clock).check_connection()
    finally:
        shop.stop()
    assert check.ok  # the order sync works without it
    assert any("write_products" in n and "products push" in n for n in check.notes)


def test_a_dry_run_on_a_shop_that_cannot_be_read_is_one_line_and_exit_1(
        sqlite_db: Database, memory_keyring: Any, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from omsdesk.cli import main
    from omsdesk.sync.secrets import store_secret

    server = WooProductShop()
    server.start()
    url = server.url
    server.stop()  # nobody listens there any more
    catalogue(sqlite_db, "woocommerce")
    add_channel(sqlite_db, kind="woocommerce", name="Gone", code="gone", url=url, actor=ACTOR,
                settings={"max_attempts": "1"})
    store_secret("gone", SECRETS["woocommerce"])
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["--db", sqlite_db.url, "products", "push", "--channel", "gone", "--dry-run"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("gone: ") and "Traceback" not in err


SIZE_EANS = {"CAM-ALG-M": "8412345678912", "CAM-ALG-L": "8412345678929"}


def sizes(db: Database) -> str:
    """Two T-shirt sizes, combinations 1 (M) and 2 (L) of PrestaShop product 50 (16.487603
    without tax): M dearer than the product, L cheaper, each with an EAN the shop lacks."""
    code = catalogue(db, "prestashop")
    for sku, name, price, stock in (("CAM-ALG-M", "Camiseta M", 2195, 50),
                                    ("CAM-ALG-L", "Camiseta L", 1800, 20)):
        add_product(db, ProductInput(sku, name, price, tax_rate_bp=2100, ean=SIZE_EANS[sku]),
                    actor=ACTOR)
        receive_stock(db, sku, stock, "MAD", actor=ACTOR, reason="test receipt")
    return code


def test_a_combination_dry_run_shows_its_price_and_ean_old_to_new_and_keeps_its_name(
        sqlite_db: Database, presta_products: PrestaProductShop) -> None:
    code = sizes(sqlite_db)
    plan = plan_product_push(sqlite_db, code, skus=list(SIZE_EANS),
                             factory=factory(presta_products, "prestashop"))
    items = {i.sku: i for i in plan.items}
    assert {sku: i.action for sku, i in items.items()} == {"CAM-ALG-L": "update",
                                                          "CAM-ALG-M": "update"}
    changes = {sku: {c.field: (c.old, c.new) for c in i.changes} for sku, i in items.items()}
    # Net of 21.95 and 18.00 with 21 % IVA; the shop sells both at its product's 16.487603.
    assert changes["CAM-ALG-M"] == {"price": ("16.487603", "18.14"),
                                    "ean": (None, SIZE_EANS["CAM-ALG-M"])}
    assert changes["CAM-ALG-L"] == {"price": ("16.487603", "14.88"),
                                    "ean": (None, SIZE_EANS["CAM-ALG-L"]),
                                    "stock": ("50", "20")}
    assert "name and description stay on its product" in items["CAM-ALG-M"].reason
    assert "impact over the product's 16.487603" in items["CAM-ALG-M"].reason
    assert writes(presta_products) == []


def test_a_combination_push_sets_its_price_impact_and_ean_then_finds_nothing_to_do(
        sqlite_db: Database, presta_products: PrestaProductShop) -> None:
    code = sizes(sqlite_db)
    build = factory(presta_products, "prestashop")
    report = push_products(sqlite_db, code, skus=list(SIZE_EANS), factory=build)
    assert report.status == "ok", report.error
    assert report.counts()["updated"] == 2
    medium, large = presta_products.combinations[1], presta_products.combinations[2]
    # 18.14 - 16.49 and 14.88 - 16.49: the impact, without tax, over the product's price.
    assert (medium["price"], medium["ean13"]) == ("1.65", SIZE_EANS["CAM-ALG-M"])
    assert (large["price"], large["ean13"]) == ("-1.61", SIZE_EANS["CAM-ALG-L"])
    # Read, changed, written back: what the push does not own survives the replacing PUT.
    assert (medium["supplier_reference"], medium["weight"], medium["minimal_quantity"]) == (
        "PRV-CAM-ALG-M", "0.180000", "1")
    parent = presta_products.products[50]
    assert parent["price"] == "16.487603" and parent["name"][0]["value"] != "Camiseta M"
    assert not [r for r in presta_products.writes() if "/products" in r.path]
    stock = {s["id_product_attribute"]: s["quantity"] for s in presta_products.stock.values()
             if s["id_product"] == "50"}
    assert stock == {"1": "50", "2": "20"}
    again = plan_product_push(sqlite_db, code, skus=list(SIZE_EANS), factory=build)
    assert set(actions(again.items).values()) == {"unchanged"}, [
        (i.sku, i.changes) for i in again.items]


def test_cli_dry_run_prints_a_combination_price_and_ean_old_to_new(
        sqlite_db: Database, presta_products: PrestaProductShop, memory_keyring: Any,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from omsdesk.cli import main
    from omsdesk.sync.secrets import store_secret

    sizes(sqlite_db)
    add_channel(sqlite_db, kind="prestashop", name="Local", code="local",
                url=presta_products.url, actor=ACTOR)
    store_secret("local", SECRETS["prestashop"])
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["--db", sqlite_db.url, "products", "push", "--channel", "local", "--dry-run",
                 "--sku", "CAM-ALG-M"])
    out = capsys.readouterr().out
    assert code == 0, out
    line = next(x for x in out.splitlines() if x.startswith("CAM-ALG-M"))
    assert f"price: '16.487603' -> '18.14'; ean: - -> '{SIZE_EANS['CAM-ALG-M']}'" in line
    assert writes(presta_products) == []


def test_a_product_repriced_in_the_same_push_is_the_base_of_its_combinations_impact(
        sqlite_db: Database, presta_products: PrestaProductShop) -> None:
    code = sizes(sqlite_db)
    # The product's reference sorts after its sizes': the push must still send it first.
    presta_products.products[50]["reference"] = "TSHIRT"
    add_product(sqlite_db, ProductInput("TSHIRT", "Camiseta algodón orgánico", 2420,
                                        tax_rate_bp=2100), actor=ACTOR)
    # A product with combinations has no stock of its own (its sizes have).
    set_listing_settings(sqlite_db, code, actor=ACTOR, fields="title,price,ean")
    build = factory(presta_products, "prestashop")
    report = push_products(sqlite_db, code, skus=["CAM-ALG-M", "TSHIRT"], factory=build)
    assert report.status == "ok", report.error
    assert presta_products.products[50]["price"] == "20.00"  # 24.20 with 21 % IVA
    assert presta_products.combinations[1]["price"] == "-1.86"  # 18.14 - 20.00
    again = plan_product_push(sqlite_db, code, skus=["CAM-ALG-M", "TSHIRT"], factory=build)
    assert actions(again.items) == {"CAM-ALG-M": "unchanged", "TSHIRT": "unchanged"}, [
        (i.sku, i.changes) for i in again.items]
