"""`omsdesk counter prepare|journal|replay`: the workstation's offline counter journal (issue 17.4)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from omsdesk.commands.common import CliContext, add_json_flag, print_json

if TYPE_CHECKING:
    from omsdesk.services.counter_journal import Journal


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("counter", help="the counter's offline journal: reserve numbers, see what waits, replay")
    ps = p.add_subparsers(dest="counter_command", metavar="ACTION", required=True)
    pp = ps.add_parser("prepare", help="reserve receipt numbers and copy the products for selling offline")
    pp.add_argument("--warehouse", help="the shop warehouse the till sells from (default: the counter's)")
    pp.add_argument("--block", type=int, default=50, help="unused numbers to keep reserved (default 50)")
    add_json_flag(pp)
    pp.set_defaults(func=_prepare)
    jp = ps.add_parser("journal", help="the sales this workstation made offline that wait for the server")
    jp.add_argument("--all", action="store_true", help="also the sales already sent")
    add_json_flag(jp)
    jp.set_defaults(func=_journal)
    rp = ps.add_parser("replay", help="send the waiting offline sales to the server, once each, in order")
    add_json_flag(rp)
    rp.set_defaults(func=_replay)


def _open_journal(ctx: CliContext) -> Journal:
    from omsdesk.services.counter_journal import Journal, journal_path

    return Journal(journal_path(ctx.actor.workstation))


def _prepare(ctx: CliContext) -> int:
    from omsdesk.config import load_settings
    from omsdesk.models import ValidationError
    from omsdesk.services.counter import default_shop_warehouse
    from omsdesk.services.counter_offline import prepare_offline

    if ctx.args.block < 1 or ctx.args.block > 10_000:
        print("omsdesk: --block must be between 1 and 10000", file=sys.stderr)
        return 2
    warehouse = (ctx.args.warehouse or str(load_settings().get("counter_warehouse") or "")
                 or default_shop_warehouse(ctx.db))
    if not warehouse:
        raise ValidationError("no warehouse to sell from: give --warehouse")
    journal = _open_journal(ctx)
    try:
        ready = prepare_offline(ctx.db, journal, actor=ctx.actor, warehouse=warehouse, block=ctx.args.block)
    finally:
        journal.close()
    if ctx.args.json:
        print_json(ready)
    else:
        print(f"series {ready.series}{ready.year}: next number {ready.next_number}, reserved up to "
              f"{ready.reserved_to}; {ready.products} product(s) copied for selling offline from {warehouse}")
    return 0


def _journal(ctx: CliContext) -> int:
    journal = _open_journal(ctx)
    try:
        sales = journal.sales(waiting_only=not ctx.args.all)
    finally:
        journal.close()
    if ctx.args.json:
        print_json(sales)
        return 0
    for sale in sales:
        p = sale.payload
        print(f"{sale.seq:>5} {sale.sold_at[:19]} {sale.invoice_number or '-':<18} {p['total']:>9} "
              f"{p['currency']} {p['method']:<5} {sale.state:<8} {sale.order_reference} {sale.error}".rstrip())
    waiting = sum(1 for s in sales if s.state == "waiting")
    print(f"{waiting} offline sale(s) waiting for the server")
    return 0


def _replay(ctx: CliContext) -> int:
    from sqlalchemy.engine import make_url

    from omsdesk.services.counter_offline import replay, url_reachable

    if not url_reachable(ctx.url):
        where = make_url(ctx.url).render_as_string(hide_password=True)
        print(f"error: the database server of {where} is unreachable; the sales stay in the journal")
        return 1
    journal = _open_journal(ctx)
    try:
        report = replay(ctx.db, journal, actor=ctx.actor)
    finally:
        journal.close()
    if ctx.args.json:
        print_json(report)
    else:
        print(f"{report.sent} offline sale(s) sent, {report.already} already on the server, "
              f"{report.waiting} waiting" + (f": {report.error}" if report.error else ""))
    return 0 if not report.error else 1
