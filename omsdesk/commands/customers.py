"""`omsdesk customers add|edit|terms ...`: customers, their addresses, payment terms and credit limit."""

from __future__ import annotations

import argparse

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models.money import format_minor
from omsdesk.services.customers import (
    AddressInput,
    CustomerFields,
    SavedCustomer,
    add_customer,
    update_customer,
)
from omsdesk.services.fulfilment.credit import set_terms

ADDRESS_PARTS = ("line1", "line2", "city", "postcode", "province", "country")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("customers", help="add and edit customers, their payment terms and credit")
    csub = p.add_subparsers(dest="customers_command", metavar="ACTION", required=True)
    ap = csub.add_parser("add", help="add a customer (tax id and addresses are checked)")
    ap.add_argument("--name", required=True)
    _customer_options(ap)
    ap.set_defaults(func=_add)
    ep = csub.add_parser("edit", help="change the given fields of a customer; others stay as they are")
    ep.add_argument("customer_id", type=int, metavar="ID")
    ep.add_argument("--name")
    _customer_options(ep)
    ep.set_defaults(func=_edit)
    tp = csub.add_parser("terms", help="set how a customer pays: immediate, cod or netN, and a credit limit")
    tp.add_argument("customer_id", type=int, metavar="ID")
    tp.add_argument("--terms", required=True, metavar="immediate|cod|netN",
                    help="immediate (pay before allocation), cod (cash on delivery), net30 (30 days)")
    tp.add_argument("--credit-limit", type=int, metavar="MINOR",
                    help="most the customer may owe on terms (minor units); omitted: no limit")
    add_json_flag(tp)
    tp.set_defaults(func=_terms)


def _terms(ctx: CliContext) -> int:
    a = ctx.args
    res = set_terms(ctx.db, a.customer_id, actor=ctx.actor, terms=a.terms, credit_limit=a.credit_limit)
    if a.json:
        print_json(res)
    else:
        limit = "no limit" if res.credit_limit is None else f"limit {format_minor(res.credit_limit, 'EUR')}"
        print(f"customer {res.customer_id} ({res.name}): {res.terms}, {limit}, "
              f"owes {format_minor(res.exposure, 'EUR')}")
    return 0


def _customer_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--email")
    p.add_argument("--phone")
    p.add_argument("--tax-id", help="NIF, NIE, CIF or EU VAT number; checked and stored compact")
    p.add_argument("--tax-id-type", choices=("03", "04", "05", "06", ""), metavar="TYPE",
                   help="the tax id is a foreign document: 03 passport, 04 id of the country of "
                        "residence, 05 residence certificate, 06 other ('' back to NIF/VAT)")
    p.add_argument("--tax-id-country", metavar="CC", help="country that issued the foreign id")
    p.add_argument("--language", choices=("es", "en"))
    for kind in ("billing", "shipping"):
        for part in ADDRESS_PARTS:
            p.add_argument(f"--{kind}-{part}", metavar=part.upper())
        p.add_argument(f"--no-{kind}", action="store_true", help=f"remove the {kind} address")
    add_json_flag(p)


def _address(a: argparse.Namespace, kind: str) -> AddressInput | None:
    if getattr(a, f"no_{kind}"):
        return AddressInput()
    given = {part: getattr(a, f"{kind}_{part}") for part in ADDRESS_PARTS
             if getattr(a, f"{kind}_{part}") is not None}
    if not given:
        return None
    given.setdefault("country", "ES")
    return AddressInput(**given)


def _fields(a: argparse.Namespace) -> CustomerFields:
    return CustomerFields(name=a.name, email=a.email, phone=a.phone, tax_id=a.tax_id,
                          tax_id_type=a.tax_id_type, tax_id_country=a.tax_id_country, language=a.language,
                          billing=_address(a, "billing"), shipping=_address(a, "shipping"))


def _print_saved(ctx: CliContext, saved: SavedCustomer, verb: str) -> int:
    if ctx.args.json:
        print_json(saved)
    else:
        print(f"customer {saved.id} ({saved.name}) {verb}")
    return 0


def _add(ctx: CliContext) -> int:
    return _print_saved(ctx, add_customer(ctx.db, _fields(ctx.args), actor=ctx.actor), "added")


def _edit(ctx: CliContext) -> int:
    a = ctx.args
    return _print_saved(ctx, update_customer(ctx.db, a.customer_id, _fields(a), actor=ctx.actor), "saved")
