"""`omsdesk exceptions list|counts|dismiss`: everything that needs a person, with the action that fixes it."""

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
    dp = ps.add_parser("dismiss", help="hide one item with a note, until its cause changes")
    dp.add_argument("key", metavar="KEY", help="the item's key as `exceptions list` shows it")
    dp.add_argument("--note", required=True, help="why it needs nothing now (kept and audited)")
    dp.add_argument("--kind", choices=list(KINDS), help="which item, when KEY names several")
    add_json_flag(dp)
    dp.set_defaults(func=_dismiss)


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


def _dismiss(ctx: CliContext) -> int:
    from omsdesk.services.exceptions_inbox import dismiss_exception

    a = ctx.args
    done = dismiss_exception(ctx.db, a.key, note=a.note, actor=ctx.actor, kind=a.kind)
    if a.json:
        print_json(done)
    else:
        print(f"dismissed {done.kind} {done.key}: {done.note} (back when its cause changes)")
    return 0
