"""`omsdesk webhooks add|list|remove|test|log|retry`: signed event POSTs to a CRM (docs/webhooks.md)."""

from __future__ import annotations

import argparse
import sys

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models import ValidationError
from omsdesk.models.roles import Permission
from omsdesk.services.webhooks import EVENTS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    w = sub.add_parser("webhooks", help="outbound webhooks: signed JSON POSTs of order and invoice events")
    ws = w.add_subparsers(dest="webhooks_command", metavar="ACTION", required=True)
    ad = ws.add_parser("add", help="subscribe a receiver URL to events; prints the signing secret once")
    ad.add_argument("--url", required=True, help="https://... (http only to localhost)")
    ad.add_argument("--event", dest="events", action="append", required=True, metavar="EVENT",
                    help=f"repeat for each event: {', '.join(EVENTS)}")
    ad.add_argument("--secret-stdin", action="store_true",
                    help="read the signing secret from standard input instead of generating one")
    add_json_flag(ad)
    ad.set_defaults(func=_add)
    ls = ws.add_parser("list", help="the subscriptions (never their secrets)")
    add_json_flag(ls)
    ls.set_defaults(func=_list)
    rm = ws.add_parser("remove", help="delete a subscription and its secret")
    rm.add_argument("id", help="the subscription id (webhooks list)")
    rm.set_defaults(func=_remove)
    ts = ws.add_parser("test", help="POST a signed 'ping' to a subscription now and show the answer")
    ts.add_argument("id", help="the subscription id (webhooks list)")
    ts.set_defaults(func=_test)
    lg = ws.add_parser("log", help="the delivery log, newest first: time, event, status code, attempt, error")
    lg.add_argument("--limit", default="50", help="how many POSTs (default 50)")
    add_json_flag(lg)
    lg.set_defaults(func=_log)
    rt = ws.add_parser("retry", help="queue parked webhook deliveries again (all, or the outbox ids given)")
    rt.add_argument("ids", nargs="*", help="outbox message ids (exceptions list shows them)")
    rt.set_defaults(func=_retry)


def _usage(message: str) -> int:
    print(f"omsdesk: {message}", file=sys.stderr)
    return 2


def _id(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _add(ctx: CliContext) -> int:
    from omsdesk.services.webhooks import check_events, check_url
    from omsdesk.sync.secrets import prove_keyring
    from omsdesk.sync.webhooks import create_webhook

    a = ctx.args
    try:
        check_url(a.url)
        check_events(a.events)
    except ValidationError as exc:
        return _usage(str(exc))  # a mistyped option: usage, exit 2
    ctx.require(Permission.SETTINGS)
    given: str | None = None
    if a.secret_stdin:
        prove_keyring()  # before reading the secret: a refusal then costs nothing
        given = sys.stdin.readline().rstrip("\r\n")
    sub, secret = create_webhook(ctx.db, a.url, a.events, actor=ctx.actor, secret=given)
    shown = "" if a.secret_stdin else secret
    if a.json:
        print_json({"id": sub.id, "url": sub.url, "events": list(sub.events), "active": sub.active,
                    "secret": shown or None})
        return 0
    print(f"webhook {sub.id}: {sub.url} for {', '.join(sub.events)}")
    if shown:
        print(f"signing secret (shown only now; store it in the receiver): {shown}")
    return 0


def _list(ctx: CliContext) -> int:
    from omsdesk.services.webhooks import subscriptions

    ctx.require(Permission.SETTINGS)
    subs = subscriptions(ctx.db)
    if ctx.args.json:
        print_json(subs)
        return 0
    if not subs:
        print("no webhooks (omsdesk webhooks add --url URL --event order.created ...)")
    for sub in subs:
        print(f"{sub.id:>4}  {'on ' if sub.active else 'off'}  {sub.url}  {', '.join(sub.events)}")
    return 0


def _remove(ctx: CliContext) -> int:
    from omsdesk.sync.webhooks import delete_webhook

    sid = _id(ctx.args.id)
    if sid is None:
        return _usage(f"the webhook id is a number, got '{ctx.args.id}'")
    sub = delete_webhook(ctx.db, sid, actor=ctx.actor)
    print(f"webhook {sub.id} removed ({sub.url})")
    return 0


def _test(ctx: CliContext) -> int:
    from omsdesk.sync.webhooks import send_test

    sid = _id(ctx.args.id)
    if sid is None:
        return _usage(f"the webhook id is a number, got '{ctx.args.id}'")
    ctx.require(Permission.SETTINGS)
    answer = send_test(ctx.db, sid)
    if answer.status_code is not None and 200 <= answer.status_code < 300:
        print(f"webhook {sid}: the receiver answered {answer.status_code}")
        return 0
    print(f"omsdesk: webhook {sid}: {answer.error}", file=sys.stderr)
    return 1


def _log(ctx: CliContext) -> int:
    from omsdesk.services.webhooks import delivery_log
    from omsdesk.ui.display import when

    limit = _id(ctx.args.limit)
    if limit is None or limit < 1:
        return _usage(f"--limit takes a positive number, got '{ctx.args.limit}'")
    ctx.require(Permission.SETTINGS)
    rows = delivery_log(ctx.db, limit)
    if ctx.args.json:
        print_json(rows)
        return 0
    if not rows:
        print("no webhook deliveries yet")
    for r in rows:
        code = str(r.status_code) if r.status_code is not None else "-"
        print(f"{when(r.at)}  #{r.subscription_id:<3} {r.event:<16} {code:>3}  attempt {r.attempt}  "
              f"{r.outcome}{'  ' + r.error if r.error else ''}")
    return 0


def _retry(ctx: CliContext) -> int:
    from omsdesk.sync.webhooks import retry_failed_webhooks

    ids = [_id(i) for i in ctx.args.ids]
    if any(i is None for i in ids):
        return _usage("outbox ids are numbers")
    ctx.require(Permission.SETTINGS)
    n = retry_failed_webhooks(ctx.db, [i for i in ids if i is not None] if ids else None)
    print(f"{n} parked webhook delivery(ies) queued again")
    return 0
