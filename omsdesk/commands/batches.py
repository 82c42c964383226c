"""`omsdesk batches list|show`: the batch runs of the desktop (allocations, print runs ...), to reopen."""

from __future__ import annotations

import argparse

from omsdesk.commands.common import CliContext, add_json_flag, positive_int, print_json
from omsdesk.models.saved_batch import BATCH_OUTCOMES
from omsdesk.queries.saved_batches import batch, batch_orders, recent_batches


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("batches", help="saved batch runs: which orders each took and how each ended")
    ps = p.add_subparsers(dest="batches_command", metavar="ACTION", required=True)
    lp = ps.add_parser("list", help="the newest batch runs first")
    lp.add_argument("--limit", type=positive_int, default=20)
    lp.add_argument("--workstation", metavar="NAME", help="only the runs of this workstation")
    add_json_flag(lp)
    lp.set_defaults(func=_list)
    sp = ps.add_parser("show", help="the orders of one batch run, with each outcome")
    sp.add_argument("id", type=positive_int)
    sp.add_argument("--outcome", choices=list(BATCH_OUTCOMES))
    add_json_flag(sp)
    sp.set_defaults(func=_show)


def _list(ctx: CliContext) -> int:
    with ctx.db.read() as s:
        rows = recent_batches(s, limit=ctx.args.limit, workstation=ctx.args.workstation)
    if ctx.args.json:
        print_json(rows)
        return 0
    if not rows:
        print("no batch run yet")
    for b in rows:
        print(f"{b.id:>6}  {b.finished_at:%Y-%m-%d %H:%M} UTC  {b.kind:<20} done {b.done} failed {b.failed} "
              f"not run {b.cancelled}  {b.user}@{b.workstation}")
    return 0


def _show(ctx: CliContext) -> int:
    with ctx.db.read() as s:
        head = batch(s, ctx.args.id)
        rows = batch_orders(s, ctx.args.id, ctx.args.outcome)
    if ctx.args.json:
        print_json({"batch": head, "orders": rows})
        return 0
    print(f"batch {head.id}: {head.kind} at {head.finished_at:%Y-%m-%d %H:%M} UTC by {head.user}@{head.workstation}")
    for r in rows:
        print(f"  {r.reference:<16} {r.outcome:<9} {r.message}")
    return 0
