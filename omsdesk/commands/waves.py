"""`omsdesk waves ...`: claim the next pick wave for this bench, list and release claims.

Every `waves` command first heartbeats this workstation's claims, so a bench driven from
scripts keeps its claims alive by running any of them (`waves heartbeat` does nothing else).
"""

from __future__ import annotations

import argparse
from datetime import timedelta

from omsdesk.commands.common import CliContext, add_json_flag, positive_int, print_json
from omsdesk.config import claim_timeout_seconds, load_settings
from omsdesk.models import ValidationError
from omsdesk.queries.claims import list_claims
from omsdesk.services.counter import default_shop_warehouse
from omsdesk.services.fulfilment import claims


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("waves", help="claim pick waves for this bench, list and release claims")
    wsub = p.add_subparsers(dest="waves_command", metavar="ACTION", required=True)

    cp = wsub.add_parser("claim", help="claim the next wave of orders waiting in a warehouse for this bench")
    cp.add_argument("--warehouse", metavar="CODE",
                    help="where to pick (default: this workstation's warehouse, else the first by priority)")
    cp.add_argument("--size", type=positive_int, default=20, help="orders in the wave (default 20)")
    cp.add_argument("--timeout", type=positive_int, metavar="SECONDS",
                    help="expire other desks' claims silent for longer than this first "
                         "(default: setting claim_timeout_s, OMSDESK_CLAIM_TIMEOUT, or 120)")
    add_json_flag(cp)
    cp.set_defaults(func=_claim)

    rp = wsub.add_parser("release", help="give a claimed wave back to the pool")
    rp.add_argument("id", type=positive_int, help="the claim id (waves list)")
    rp.add_argument("--reason", default="", help="recorded in the audit trail")
    add_json_flag(rp)
    rp.set_defaults(func=_release)

    lp = wsub.add_parser("list", help="active claims, newest first: bench, user, since, orders")
    lp.add_argument("--all", action="store_true", help="also claims that ended (done, released, expired)")
    add_json_flag(lp)
    lp.set_defaults(func=_list)

    hp = wsub.add_parser("heartbeat", help="tell the other desks this bench is alive (keeps its claims)")
    add_json_flag(hp)
    hp.set_defaults(func=_heartbeat)


def _beat(ctx: CliContext) -> set[int]:
    return claims.heartbeat(ctx.db, ctx.actor.workstation)


def _claim(ctx: CliContext) -> int:
    a = ctx.args
    _beat(ctx)
    settings = load_settings()
    warehouse = a.warehouse or str(settings.get("counter_warehouse") or "") or default_shop_warehouse(ctx.db)
    if not warehouse:
        raise ValidationError("there is no warehouse to pick in: add one (omsdesk warehouses add)")
    timeout = float(a.timeout) if a.timeout else claim_timeout_seconds(settings)
    wave = claims.claim_wave(ctx.db, actor=ctx.actor, warehouse=warehouse, size=a.size,
                             timeout=timedelta(seconds=timeout))
    if a.json:
        print_json(wave)
        return 0
    print(f"claim {wave.id} {wave.name} in {wave.warehouse} for {wave.workstation}/{wave.user}: "
          f"{len(wave.orders)} order(s)")
    for o in wave.orders:
        print(f"  {o.reference:<16} {o.units:>4} unit(s)  {o.customer_name}")
    if wave.expired:
        print(f"expired first (silent desks): {', '.join(str(i) for i in wave.expired)}")
    return 0


def _release(ctx: CliContext) -> int:
    a = ctx.args
    _beat(ctx)
    returned = claims.release_claim(ctx.db, a.id, actor=ctx.actor, reason=a.reason)
    if a.json:
        print_json({"id": a.id, "state": "released", "returned": returned})
        return 0
    print(f"claim {a.id} released: {returned} parcel(s) back in the pool")
    return 0


def _list(ctx: CliContext) -> int:
    _beat(ctx)
    with ctx.db.read() as s:
        rows = list_claims(s, active_only=not ctx.args.all)
    if ctx.args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(f"{r.id:>6} {r.name:<20} {r.warehouse:<6} {r.workstation}/{r.user:<12} {r.state:<8} "
              f"since {r.claimed_at:%Y-%m-%d %H:%M:%S} UTC  heard {r.heartbeat_at:%H:%M:%S}  "
              f"{', '.join(r.orders) or '-'}")
    return 0


def _heartbeat(ctx: CliContext) -> int:
    alive = sorted(_beat(ctx))
    if ctx.args.json:
        print_json({"workstation": ctx.actor.workstation, "active": alive})
        return 0
    print(f"{ctx.actor.workstation}: {len(alive)} active claim(s)"
          + (f" ({', '.join(str(i) for i in alive)})" if alive else ""))
    return 0
