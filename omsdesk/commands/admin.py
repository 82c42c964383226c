"""`omsdesk db upgrade|status` (backup and restore in commands/backup.py), `omsdesk demo` and `omsdesk bench`."""

from __future__ import annotations

import argparse

from omsdesk.commands import backup as backup_commands
from omsdesk.commands import dbconnect as dbconnect_commands
from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.db import Database, schema_revisions, upgrade


def register(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("db", help="database schema")
    dsub = d.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = dsub.add_parser("upgrade", help="migrate the schema to this version (backs up a SQLite file)")
    up.set_defaults(func=_upgrade)
    st = dsub.add_parser("status", help="show the schema revision")
    st.set_defaults(func=_status)
    backup_commands.register(dsub)
    dbconnect_commands.register(dsub)

    demo = sub.add_parser("demo", help="seed a believable demo business (3 warehouses, products, customers, orders)")
    demo.add_argument("--orders", type=int, default=5000)
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--products", type=int, default=300)
    demo.add_argument("--customers", type=int, default=1000)
    add_json_flag(demo)
    demo.set_defaults(func=_demo)

    b = sub.add_parser("bench", help="run the benchmarks, each beside a baseline measured in the same run")
    b.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    b.add_argument("--only", action="append", default=[], metavar="NAME", help="run only these scenarios")
    add_json_flag(b)
    b.set_defaults(func=_bench)


def _upgrade(ctx: CliContext) -> int:
    db = Database(ctx.url)
    try:
        backup = upgrade(db)
        current, _head = schema_revisions(db)
    finally:
        db.dispose()
    print(f"schema at {current}" + (f" (backup: {backup})" if backup else ""))
    return 0


def _status(ctx: CliContext) -> int:
    db = Database(ctx.url)
    try:
        db.check()
        current, head = schema_revisions(db)
    finally:
        db.dispose()
    print(f"database {db.display_url}: schema {current or 'empty'}, this omsdesk knows {head}")
    return 0


def _demo(ctx: CliContext) -> int:
    from omsdesk.demo import seed_demo

    a = ctx.args
    summary: dict[str, object] = dict(seed_demo(ctx.db, orders=a.orders, seed=a.seed, products=a.products, customers=a.customers))
    from omsdesk.sync.demo_shop import register_demo_channel

    # A shop on loopback that keeps sending orders, so a new user sees sync work without an account.
    with ctx.db.write() as s:
        summary["demo_shop_channel"] = register_demo_channel(s, actor=ctx.actor).code
    if a.json:
        print_json(summary)
    else:
        print(", ".join(f"{k}: {v}" for k, v in summary.items()))
    return 0


def _bench(ctx: CliContext) -> int:
    from bench.runner import run_benchmarks

    return run_benchmarks(quick=ctx.args.quick, only=ctx.args.only, as_json=ctx.args.json)
