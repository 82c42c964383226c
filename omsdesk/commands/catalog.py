"""`omsdesk products|warehouses ...`: set up a catalogue without the GUI."""

from __future__ import annotations

import argparse

from sqlalchemy import select

from omsdesk.commands import csv_imports, product_push
from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models import Product, ValidationError, Warehouse
from omsdesk.services.catalog import (
    ProductChanges,
    ProductInput,
    add_product,
    add_warehouse,
    update_product,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("products", help="add, edit, import and list products")
    psub = p.add_subparsers(dest="products_command", metavar="ACTION", required=True)
    ap = psub.add_parser("add", help="add one product")
    ap.add_argument("sku")
    ap.add_argument("--name", required=True)
    ap.add_argument("--price", type=int, required=True, help="minor units, tax included (e.g. 1995)")
    ap.add_argument("--currency", default="EUR")
    ap.add_argument("--tax-rate", type=int, default=2100, help="basis points (2100 = 21%%)")
    ap.add_argument("--ean")
    ap.add_argument("--description", default="", help="the text the shops show (`products push`)")
    ap.add_argument("--weight", type=int, default=0, help="grams")
    ap.add_argument("--service", action="store_true",
                    help="sold without stock (shipping, gift wrap): never reserved or picked")
    ap.set_defaults(func=_add_product)
    ep = psub.add_parser("edit", help="change the given fields of a product and its bins")
    ep.add_argument("sku")
    ep.add_argument("--name")
    ep.add_argument("--price", type=int, help="minor units, tax included (e.g. 1995)")
    ep.add_argument("--tax-rate", type=int, help="basis points (2100 = 21%%)")
    ep.add_argument("--ean", help="EAN/GTIN, check digit verified; '' removes it")
    ep.add_argument("--description", help="the text the shops show; '' removes it")
    ep.add_argument("--weight", type=int, help="grams")
    tracked = ep.add_mutually_exclusive_group()
    tracked.add_argument("--service", dest="stock_tracked", action="store_false", default=None,
                         help="sold without stock from now on (refused while it has stock)")
    tracked.add_argument("--stocked", dest="stock_tracked", action="store_true", help="stock tracked again")
    active = ep.add_mutually_exclusive_group()
    active.add_argument("--inactive", dest="active", action="store_false", default=None, help="no longer sold")
    active.add_argument("--active", dest="active", action="store_true", help="sold again")
    ep.add_argument("--bin", action="append", default=[], metavar="WAREHOUSE:BIN",
                    help="where it is shelved; 'MAD:' clears the bin (repeatable)")
    ep.set_defaults(func=_edit_product)
    csv_imports.register_products(psub)
    product_push.register(psub)
    lp = psub.add_parser("list", help="list products")
    add_json_flag(lp)
    lp.set_defaults(func=_list_products)

    w = sub.add_parser("warehouses", help="add and list warehouses")
    wsub = w.add_subparsers(dest="warehouses_command", metavar="ACTION", required=True)
    wa = wsub.add_parser("add", help="add a warehouse")
    wa.add_argument("code")
    wa.add_argument("--name", default="")
    wa.add_argument("--city", default="")
    wa.add_argument("--postcode", default="")
    wa.add_argument("--country", default="ES")
    wa.add_argument("--lat", type=float)
    wa.add_argument("--lon", type=float)
    wa.add_argument("--priority", type=int, default=100, help="lower is tried first")
    wa.set_defaults(func=_add_warehouse)
    wl = wsub.add_parser("list", help="list warehouses")
    add_json_flag(wl)
    wl.set_defaults(func=_list_warehouses)


def _add_product(ctx: CliContext) -> int:
    a = ctx.args
    add_product(ctx.db, ProductInput(a.sku, a.name, a.price, a.currency, a.tax_rate, a.ean, a.weight,
                                     stock_tracked=not a.service, description=a.description),
                actor=ctx.actor)
    print(f"product {a.sku} added")
    return 0


def _edit_product(ctx: CliContext) -> int:
    a = ctx.args
    bins: dict[str, str] = {}
    for item in a.bin:
        warehouse, sep, code = item.partition(":")
        if not sep or not warehouse.strip():
            raise ValidationError(f"--bin '{item}' must be WAREHOUSE:BIN (e.g. MAD:A-01-3)")
        bins[warehouse.strip().upper()] = code
    changed = update_product(ctx.db, a.sku, ProductChanges(
        name=a.name, ean=a.ean, price=a.price, tax_rate_bp=a.tax_rate, weight_g=a.weight,
        stock_tracked=a.stock_tracked, active=a.active, description=a.description, bins=bins),
        actor=ctx.actor)
    print(f"product {a.sku}: " + ("; ".join(changed) if changed else "nothing changed"))
    return 0


def _list_products(ctx: CliContext) -> int:
    with ctx.db.read() as s:
        rows = s.execute(select(Product.sku, Product.name, Product.ean, Product.price, Product.currency,
                                Product.tax_rate_bp).order_by(Product.sku)).all()
    if ctx.args.json:
        print_json([dict(zip(("sku", "name", "ean", "price", "currency", "tax_rate_bp"), r, strict=True))
                    for r in rows])
    else:
        for r in rows:
            print(f"{r[0]:<16} {r[2] or '':<14} {r[3]:>8} {r[4]}  {r[1]}")
    return 0


def _add_warehouse(ctx: CliContext) -> int:
    a = ctx.args
    add_warehouse(ctx.db, a.code, a.name, actor=ctx.actor, city=a.city, postcode=a.postcode,
                  country=a.country, latitude=a.lat, longitude=a.lon, priority=a.priority)
    print(f"warehouse {a.code.upper()} added")
    return 0


def _list_warehouses(ctx: CliContext) -> int:
    with ctx.db.read() as s:
        rows = s.execute(select(Warehouse.code, Warehouse.name, Warehouse.city, Warehouse.priority)
                         .order_by(Warehouse.priority, Warehouse.code)).all()
    if ctx.args.json:
        print_json([dict(zip(("code", "name", "city", "priority"), r, strict=True)) for r in rows])
    else:
        for r in rows:
            print(f"{r[0]:<6} {r[1]:<30} {r[2]}")
    return 0
