"""`omsdesk customers terms ...`: payment terms and credit limit of a customer."""

from __future__ import annotations

import argparse

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models.money import format_minor
from omsdesk.services.fulfilment.credit import set_terms


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("customers", help="customer payment terms and credit")
    csub = p.add_subparsers(dest="customers_command", metavar="ACTION", required=True)
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
