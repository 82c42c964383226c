"""`omsdesk exceptions list`: everything that needs a person, oldest first, with the action that fixes it."""

from __future__ import annotations

import argparse
from datetime import datetime

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.queries.exceptions import KINDS, exception_counts, exceptions


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("exceptions", help="the exceptions inbox: late, blocked, quarantined, parked, money, channels")
    ps = p.add_subparsers(dest="exceptions_command", metavar="ACTION", required=True)
    lp = ps.add_parser("list", help="every open exception, oldest first within each kind")
    lp.add_argument("--kind", action="append", choices=list(KINDS), help="only this kind (repeatable)")
    add_json_flag(lp)
    lp.set_defaults(func=_list)
    cp = ps.add_parser("counts", help="how many of each kind")
    add_json_flag(cp)
    cp.set_defaults(func=_counts)


def _age(since: datetime | None, now: datetime) -> str:
    if since is None:
        return "-"
    if since.tzinfo is None:
        from datetime import UTC

        since = since.replace(tzinfo=UTC)
    hours = max(0, int((now - since).total_seconds() // 3600))
    return f"{hours // 24}d {hours % 24}h" if hours >= 24 else f"{hours}h"


def _list(ctx: CliContext) -> int:
    from omsdesk.models.base import utcnow

    kinds = tuple(ctx.args.kind) if ctx.args.kind else KINDS
    now = utcnow()
    with ctx.db.read() as s:
        items = exceptions(s, kinds=kinds, now=now)
    if ctx.args.json:
        print_json(items)
        return 0
    for it in items:
        print(f"{it.kind:<15} {it.key:<18} {_age(it.since, now):>8}  {it.action:<9} {it.reason}")
    print(f"{len(items)} exception(s)")
    return 0


def _counts(ctx: CliContext) -> int:
    with ctx.db.read() as s:
        counts = exception_counts(s)
    if ctx.args.json:
        print_json(counts)
        return 0
    print("  ".join(f"{k} {n}" for k, n in counts.items()))
    return 0
