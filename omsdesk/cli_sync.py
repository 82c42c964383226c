"""`omsdesk sync ...` and `omsdesk channels ...`: run the sync headless, manage shop channels."""

from __future__ import annotations

import argparse
import getpass
import logging
import signal
import sys
import threading
from typing import Any

from sqlalchemy import select

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models import ValidationError
from omsdesk.models.roles import Permission
from omsdesk.models.sync_state import QuarantinedOrder
from omsdesk.services.channels.channels import (
    add_channel,
    list_channels,
    map_channel_sku,
)
from omsdesk.services.channels.channels import shop_channel as load_channel
from omsdesk.services.channels.kinds import shop_kinds
from omsdesk.sync.importer import reimport_quarantined


def register(sub: argparse._SubParsersAction) -> None:
    sp = sub.add_parser("sync", help="pull orders and push stock and tracking for the shop channels")
    mode = sp.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true", help="run every sync job once and exit")
    mode.add_argument("--daemon", action="store_true",
                      help="keep syncing on a schedule until stopped (Ctrl+C or SIGTERM)")
    mode.add_argument("--status", action="store_true",
                      help="who runs the sync jobs now (the leader: workstation, process, since when)")
    sp.add_argument("--channel", metavar="CODE", help="only this channel (with --once)")
    sp.add_argument("--dry-run", action="store_true",
                    help="with --once: fetch the shops' orders and show per order what the import "
                         "would do (create, update, conflict, quarantine, skip); nothing is kept")
    add_json_flag(sp)
    sp.set_defaults(func=_sync)

    cp = sub.add_parser("channels", help="shop channels: add, list, secrets, SKU mapping, quarantine, ship-by")
    csub = cp.add_subparsers(dest="channels_command", metavar="ACTION", required=True)
    add = csub.add_parser("add", help="add a shop; the secret is read from standard input")
    add.add_argument("--type", required=True, choices=[k for k in shop_kinds() if k != "demo"])
    add.add_argument("--name", required=True)
    add.add_argument("--url", required=True, help="the shop's https:// address")
    add.add_argument("--code", help="short code (default: from the name)")
    add.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                     help="connector setting, e.g. timezone=Europe/Madrid (repeatable)")
    add_json_flag(add)
    add.set_defaults(func=_add)

    ls = csub.add_parser("list", help="shop channels with their sync health")
    add_json_flag(ls)
    ls.set_defaults(func=_list)

    tp = csub.add_parser("test", help="test a channel's connection: address, secret, API version, scopes")
    tp.add_argument("code")
    add_json_flag(tp)
    tp.set_defaults(func=_test)

    for action, text in (("disable", "stop syncing a channel (its orders and queued messages stay)"),
                         ("enable", "sync a disabled channel again")):
        lp = csub.add_parser(action, help=text)
        lp.add_argument("code")
        add_json_flag(lp)
        lp.set_defaults(func=_lifecycle, action=action)
    rm = csub.add_parser("remove", help="archive a channel: orders, SKU mappings and history stay")
    rm.add_argument("code")
    rm.add_argument("--force", action="store_true",
                    help="also drop its undelivered outbox messages (otherwise refused)")
    add_json_flag(rm)
    rm.set_defaults(func=_remove)

    sec = csub.add_parser("set-secret", help="replace a channel's secret (read from standard input)")
    sec.add_argument("code")
    sec.set_defaults(func=_set_secret)

    mp = csub.add_parser("map-sku", help="say which local SKU a shop SKU stands for")
    mp.add_argument("code")
    mp.add_argument("shop_sku")
    mp.add_argument("sku")
    mp.set_defaults(func=_map_sku)

    qp = csub.add_parser("quarantine", help="orders that could not be imported, with the reason")
    qp.add_argument("code", nargs="?")
    add_json_flag(qp)
    qp.set_defaults(func=_quarantine)

    rp = csub.add_parser("reimport", help="try the quarantined orders of a channel again")
    rp.add_argument("code")
    add_json_flag(rp)
    rp.set_defaults(func=_reimport)

    rt = csub.add_parser("retry", help="put parked (dead-letter) deliveries of a channel back in the queue")
    rt.add_argument("code")
    rt.set_defaults(func=_retry)

    st = csub.add_parser("set", help="a channel's ship-by promise (handling working days, daily cut-off) "
                         "and what to do with orders already cancelled on the shop")
    st.add_argument("code", help="any channel code (shops, marketplaces, manual, counter, csv)")
    st.add_argument("--handling-days", metavar="N",
                    help="working days (Mon-Fri, Spanish national holidays off) to ship in, 0-30")
    st.add_argument("--cutoff", metavar="HH:MM",
                    help="orders placed at or after this Madrid time count from the next working day")
    st.add_argument("--cancelled-on-arrival", choices=("import", "skip"),
                    help="an order the shop cancelled before omsdesk first saw it: import it as "
                         "cancelled (default) or skip it")
    st.add_argument("--product-fields", metavar="LIST",
                    help="what `products push` sends to this shop, comma-separated from title, "
                         "description, price, ean, stock ('' sends none)")
    st.add_argument("--prices-include-tax", choices=("yes", "no"),
                    help="whether the shop's product prices include tax (Shopify default yes, "
                         "WooCommerce no; PrestaShop is always without)")
    st.add_argument("--product-push-every", metavar="MINUTES",
                    help="have the sync run `products push` on this shop every MINUTES (5 to "
                         "10080), sending only what differs; 0 or off: only by hand (default)")
    add_json_flag(st)
    st.set_defaults(func=_set)


def _read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


def _options(pairs: list[str]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError(f"--option takes KEY=VALUE, got '{pair}'")
        options[key.strip()] = value.strip()
    return options


def _add(ctx: CliContext) -> int:
    from omsdesk.sync.secrets import prove_keyring, store_secret

    a = ctx.args
    # Before anything is written: no channel without a keyring that really keeps its secret.
    prove_keyring()
    from omsdesk.sync.registry import connector_class

    connector = connector_class(a.type)  # a plug-in's type too: it says what its secret is
    hint = connector.secret_hint
    secret = _read_secret(f"{hint}: ")
    if not secret:
        raise ValidationError(f"no secret on standard input (expected the {hint})")
    problem = connector.secret_problem(secret)
    if problem:
        raise ValidationError(problem)
    code = add_channel(ctx.db, kind=a.type, name=a.name, url=a.url, actor=ctx.actor, code=a.code,
                       settings=_options(a.option))
    store_secret(code, secret)
    if a.json:
        print_json({"code": code, "type": a.type, "url": a.url})
    else:
        print(f"channel {code} added; its secret is in the system keyring")
    return 0


def _test(ctx: CliContext) -> int:
    from omsdesk.sync.channel_admin import check_channel_connection

    report = check_channel_connection(ctx.db, ctx.args.code)
    problems, notes = list(report.problems), list(report.notes)
    if ctx.args.json:
        print_json({"code": ctx.args.code, "ok": not problems, "health": report.health,
                    "problems": problems, "notes": notes})
    else:
        for line in problems:
            print(f"problem: {line}")
        for line in notes:
            print(f"note: {line}")
        print(f"channel {ctx.args.code}: " + ("connection ok" if not problems else
                                                f"{len(problems)} problem(s)"))
    return 0 if not problems else 1


def _lifecycle(ctx: CliContext) -> int:
    from omsdesk.services.channels.lifecycle import disable_channel, enable_channel

    action = disable_channel if ctx.args.action == "disable" else enable_channel
    change = action(ctx.db, ctx.args.code, actor=ctx.actor)
    if ctx.args.json:
        print_json({"code": change.code, "active": change.active, "removed": change.removed})
    else:
        print(f"channel {change.code} " + ("enabled: the sync serves it again" if change.active
                                          else "disabled: the sync leaves it alone"))
    return 0


def _remove(ctx: CliContext) -> int:
    from omsdesk.sync.channel_admin import remove_channel_and_secret

    removal = remove_channel_and_secret(ctx.db, ctx.args.code, actor=ctx.actor, force=ctx.args.force)
    change = removal.change
    if ctx.args.json:
        print_json({"code": change.code, "active": change.active, "removed": change.removed,
                    "dropped_messages": change.dropped_messages,
                    "secret_deleted": removal.secret_deleted})
    else:
        dropped = f", {change.dropped_messages} undelivered message(s) dropped" \
            if change.dropped_messages else ""
        print(f"channel {change.code} removed{dropped}; its orders and history are kept")
        if removal.note:
            print(f"note: {removal.note}")
    return 0


def _list(ctx: CliContext) -> int:
    channels = list_channels(ctx.db)
    if ctx.args.json:
        print_json(channels)
        return 0
    if not channels:
        print("no shop channels (add one with 'omsdesk channels add')")
        return 0
    for ch in channels:
        health = {"disabled": "disabled", "config": "settings wrong", "auth": "credentials invalid",
                  "offline": "offline", "ok": "ok"}.get(
            ch.health, f"{ch.consecutive_failures} failure(s)")
        last = ch.last_success_at.strftime("%Y-%m-%d %H:%M") if ch.last_success_at else "never"
        print(f"{ch.code:20} {ch.kind:12} {health:20} last sync {last}  {ch.url}")
    return 0


def _set_secret(ctx: CliContext) -> int:
    from omsdesk.sync.secrets import check_keyring, store_secret

    check_keyring()
    ctx.require(Permission.SETTINGS)
    with ctx.db.read() as s:
        code = load_channel(s, ctx.args.code).code
    store_secret(code, _read_secret("secret: "))
    print(f"secret of {code} replaced")
    return 0


def _map_sku(ctx: CliContext) -> int:
    a = ctx.args
    map_channel_sku(ctx.db, a.code, a.shop_sku, a.sku, actor=ctx.actor)
    print(f"{a.code}: shop SKU {a.shop_sku} is {a.sku}; run 'omsdesk channels reimport {a.code}'")
    return 0


def _quarantine(ctx: CliContext) -> int:
    with ctx.db.read() as s:
        stmt = select(QuarantinedOrder).where(QuarantinedOrder.status == "open")
        if ctx.args.code:
            stmt = stmt.where(QuarantinedOrder.channel_id == load_channel(s, ctx.args.code).id)
        entries = [{"id": e.id, "external_id": e.external_id, "number": e.external_number,
                    "kind": e.kind, "reason": e.reason, "seen": e.seen_count,
                    "updated_at": e.updated_at}
                   for e in s.scalars(stmt.order_by(QuarantinedOrder.id))]
    if ctx.args.json:
        print_json(entries)
    else:
        for e in entries:
            print(f"#{e['id']} {e['kind']:10} {e['number'] or e['external_id']}: {e['reason']}")
        if not entries:
            print("quarantine is empty")
    return 0


def _reimport(ctx: CliContext) -> int:
    counts = reimport_quarantined(ctx.db, ctx.args.code, actor=ctx.actor)
    if ctx.args.json:
        print_json(counts.as_dict())
    else:
        print(", ".join(f"{k}: {v}" for k, v in counts.as_dict().items()))
    return 0


def _retry(ctx: CliContext) -> int:
    from omsdesk.sync.outbox import OutboxDispatcher

    n = OutboxDispatcher(ctx.db).retry_parked(channel=ctx.args.code)
    print(f"{n} parked deliveries back in the queue")
    return 0


def _set(ctx: CliContext) -> int:
    from omsdesk.services.channels.channels import channel_ship_by, set_ship_by
    from omsdesk.services.channels.product_listing import (
        FIELDS,
        channel_listing_settings,
        describe,
        set_listing_settings,
    )
    from omsdesk.services.channels.shop_mapping import (
        channel_cancelled_on_arrival,
        set_cancelled_on_arrival,
    )

    a = ctx.args
    if a.cancelled_on_arrival is not None:
        set_cancelled_on_arrival(ctx.db, a.code, a.cancelled_on_arrival, actor=ctx.actor)
    if a.product_push_every is not None:
        from omsdesk.sync.product_out import schedule_product_push

        every = a.product_push_every.strip().lower()
        if every != "off" and not every.isdigit():
            raise ValidationError("--product-push-every takes a whole number of minutes or off, "
                                  f"got '{a.product_push_every}'")
        schedule_product_push(ctx.db, a.code, 0 if every == "off" else int(every),
                              actor=ctx.actor)
    if a.product_fields is not None or a.prices_include_tax is not None:
        set_listing_settings(ctx.db, a.code, actor=ctx.actor, fields=a.product_fields,
                             prices_include_tax=None if a.prices_include_tax is None
                             else a.prices_include_tax == "yes")
    listing = channel_listing_settings(ctx.db, a.code)
    if a.handling_days is None and a.cutoff is None:
        policy = channel_ship_by(ctx.db, a.code)  # nothing to change: show what is in force
    else:
        days = a.handling_days
        # Read here rather than by argparse, so a typo is one line and exit 1 like any bad input.
        if days is not None and not days.strip().lstrip("-").isdigit():
            raise ValidationError(f"--handling-days takes a whole number of working days, got '{days}'")
        policy = set_ship_by(ctx.db, a.code, actor=ctx.actor,
                             handling_days=None if days is None else int(days), cutoff=a.cutoff)
    cancelled = channel_cancelled_on_arrival(ctx.db, a.code)
    if a.json:
        print_json({"code": a.code, "handling_days": policy.handling_days,
                    "cutoff": policy.cutoff.strftime("%H:%M"), "cancelled_on_arrival": cancelled,
                    "product_fields": [f for f in FIELDS if f in listing.fields],
                    "prices_include_tax": listing.prices_include_tax,
                    "product_push_every": listing.push_every_minutes})
    else:
        print(f"{a.code}: ships within {policy.handling_days} working day(s), "
              f"cut-off {policy.cutoff:%H:%M} Europe/Madrid; orders cancelled on arrival: "
              f"{cancelled}; products push: {describe(listing)}")
    return 0


def _sync(ctx: CliContext) -> int:
    from omsdesk.sync.redaction import install_log_redaction
    from omsdesk.sync.scheduler import SyncScheduler, report_dict

    install_log_redaction()
    a = ctx.args
    if a.status:
        if a.channel:
            raise ValidationError("--channel goes with --once; --status is about the whole sync")
        return _status(ctx)
    ctx.require()  # once users exist the daemon runs as a service account (`omsdesk --user LOGIN sync`)
    if a.dry_run:
        if not a.once:
            raise ValidationError("--dry-run goes with --once")
        return _dry_run(ctx)
    scheduler = SyncScheduler(ctx.db)
    if a.once:
        reports = scheduler.run_once(a.channel)
        if a.json:
            print_json([report_dict(r) for r in reports])
        else:
            for r in reports:
                print(_line(report_dict(r)))
        return 0 if all(report_dict(r)["status"] in ("ok", "partial") for r in reports) else 1
    if a.channel:
        raise ValidationError("--channel goes with --once; the daemon serves every active channel")
    return _daemon(scheduler, as_json=a.json)


def _dry_run(ctx: CliContext) -> int:
    from omsdesk.services.channels.channels import active_shop_channels
    from omsdesk.sync.order_preview import preview_orders

    codes = [ctx.args.channel] if ctx.args.channel else active_shop_channels(ctx.db)
    previews = [preview_orders(ctx.db, code) for code in codes]
    if ctx.args.json:
        print_json([p.as_dict() for p in previews])
    else:
        for preview in previews:
            data = preview.as_dict()
            print(_line(data) + "  (dry run: nothing kept)")
            for d in data["orders"]:
                ref = f" {d['reference']}" if d["reference"] else ""
                detail = f"  {d['detail']}" if d["detail"] else ""
                print(f"  {d['number'] or d['external_id']:<14} {d['action']:<10}{ref}{detail}")
    return 0 if all(p.report.status in ("ok", "partial") for p in previews) else 1


def _status(ctx: CliContext) -> int:
    from omsdesk.sync.lock import leader_status

    leader = leader_status(ctx.db)
    lock = "advisory lock" if ctx.db.dialect == "postgresql" else "lock file"
    if ctx.args.json:
        print_json({"backend": ctx.db.dialect, "lock": lock, "leader": leader})
        return 0
    if leader is None:
        print(f"nobody runs the sync jobs now ({lock} free): start `omsdesk sync --daemon` or a desktop")
        return 0
    since = f"{leader.since:%Y-%m-%d %H:%M:%S} UTC" if leader.since else "unknown"
    session = f", session {leader.backend_pid}" if leader.backend_pid else ""
    print(f"sync leader: {leader.workstation or '?'} (pid {leader.pid or '?'}{session}) since {since}, "
          f"holding the {lock}")
    return 0


def _line(d: dict[str, Any]) -> str:
    counts = " ".join(f"{k}={v}" for k, v in d["counts"].items() if v)
    text = f"{d['channel']:16} {d['job']:13} {d['status']:8} {counts}"
    return text + (f"  [{d['health']}] {d['error']}" if d["error"] else "")


def _daemon(scheduler: Any, *, as_json: bool) -> int:
    import json

    from omsdesk.sync.scheduler import SyncEvent, report_dict

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    stop = threading.Event()
    printing = threading.Lock()  # jobs of several channels finish on several threads

    def say(text: str) -> None:
        with printing:
            sys.stdout.write(text + "\n")
            sys.stdout.flush()

    def on_event(event: SyncEvent) -> None:
        if event.kind == "run" and event.report is not None:
            data = report_dict(event.report)
            say(json.dumps(data, ensure_ascii=False, default=str) if as_json else _line(data))
        elif event.kind == "standby":
            say("another process runs the sync; waiting for its lock")

    def on_signal(signum: int, _frame: object) -> None:
        stop.set()

    scheduler.add_listener(on_event)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    scheduler.start()
    try:
        while not stop.wait(1.0):
            pass
    finally:
        scheduler.shutdown(wait=True)
    return 0
