"""`omsdesk simulate desks`: several workstations on one PostgreSQL, then the invariants checked."""

from __future__ import annotations

import argparse
import sys

from omsdesk.commands.common import CliContext, add_json_flag, positive_int, print_json
from omsdesk.models import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("simulate", help="simulate several workstations on one PostgreSQL and check the result")
    ssub = p.add_subparsers(dest="simulate_command", metavar="WHAT", required=True)
    dp = ssub.add_parser("desks", help="N desk processes allocating, picking, packing, shipping, invoicing, "
                                       "selling and receiving at once; then 0 double picks, 0 oversells, ...")
    dp.add_argument("--desks", type=positive_int, default=10, help="desk processes (default 10)")
    dp.add_argument("--minutes", type=_positive_float, default=2.0, help="how long they work (default 2; 0.25 = 15 s)")
    dp.add_argument("--db", dest="sim_db", metavar="URL",
                    help="an EMPTY PostgreSQL database to fill with test data (default: the global --db)")
    dp.add_argument("--seed", type=int, default=17, help="random seed of the desks' work (default 17)")
    dp.add_argument("--claim-timeout", type=_positive_float, default=5.0, metavar="SECONDS",
                    help="pick claims of a silent (killed) desk expire after this (default 5)")
    dp.add_argument("--leader-interval", type=_positive_float, default=1.0, metavar="SECONDS",
                    help="how often a standby desk tries the sync lock (default 1)")
    dp.add_argument("--no-kill", action="store_true", help="skip the episode that kills the sync leader mid-run")
    dp.add_argument("--no-cut", action="store_true",
                    help="skip the episode that cuts the last desk off the server (its counter sells offline "
                         "and replays its journal when the link is back)")
    dp.add_argument("--cut-seconds", type=_positive_float, default=4.0, metavar="SECONDS",
                    help="how long that desk's link stays down (default 4; at most 30%% of the run)")
    add_json_flag(dp)
    dp.set_defaults(func=_desks)


def _positive_float(text: str) -> float:
    try:
        n = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("must be greater than zero")
    return n


def _desks(ctx: CliContext) -> int:
    from omsdesk.demo.desks import SimConfig, SimulationRefused, run_simulation

    a = ctx.args
    url = a.sim_db or ctx.url
    if not url.startswith("postgresql"):
        raise ValidationError("the desk simulation needs a PostgreSQL database: --db postgresql+psycopg://...")
    cfg = SimConfig(url=url, desks=a.desks, seconds=a.minutes * 60, seed=a.seed, claim_timeout=a.claim_timeout,
                    leader_interval=a.leader_interval, kill_leader=not a.no_kill, cut_link=not a.no_cut,
                    cut_seconds=a.cut_seconds)
    try:
        report = run_simulation(cfg, say=None if a.json else (lambda t: print(t, flush=True)))
    except SimulationRefused as exc:
        raise ValidationError(str(exc)) from None
    if a.json:
        print_json({**report.__dict__, "cut_episode_held": report.cut_episode_held, "passed": report.passed})
        return 0 if report.passed else 1
    _print(report)
    return 0 if report.passed else 1


def _print(r: object) -> None:
    from omsdesk.demo.desks import SimReport

    assert isinstance(r, SimReport)
    ok = lambda good: "ok" if good else "FAIL"  # noqa: E731
    print(f"{r.desks} desk(s), {r.seconds} s: {r.fulfilled} order(s) fulfilled, {r.per_minute}/min")
    print("  " + ", ".join(f"{k}={v}" for k, v in r.counts.items()))
    print(f"double picks: {r.double_picks} ({ok(r.double_picks == 0)}); lines shipped beyond the order: "
          f"{r.over_shipped_lines} ({ok(r.over_shipped_lines == 0)})")
    print(f"oversells: {r.oversells} ({ok(r.oversells == 0)})")
    print(f"invoice numbers consecutive per series: {ok(not r.series_gaps)} {'; '.join(r.series_gaps)}")
    print(f"stock levels equal the ledger: {ok(not r.ledger_mismatches)} {'; '.join(r.ledger_mismatches[:3])}")
    print(f"notifications: {r.notifications_sent} sent, heard in full by {r.listeners_complete} of "
          f"{r.listeners_checked} desk(s) ({ok(r.listeners_complete == r.listeners_checked)})")
    if r.leader_killed:
        gap = f"{r.takeover_gap_s:.2f} s" if r.takeover_gap_s is not None else "never"
        print(f"killed the sync leader {r.leader_killed}: {r.takeover_desk or 'nobody'} took over after {gap} "
              f"({ok(r.takeover_gap_s is not None)})")
    if r.cut_desk:
        print(f"cut {r.cut_desk} off the server for {r.cut_s} s: {r.offline_sales} counter sale(s) made offline, "
              f"{r.replayed} replayed, {r.replay_missing} missing, {r.replay_duplicates} duplicate(s) "
              f"({ok(r.offline_sales > 0 and r.replayed == r.offline_sales and not r.replay_missing and not r.replay_duplicates)})")
        print(f"  receipt series {r.till_series or '-'} gapless: {ok(r.till_series_gapless)}; "
              f"their stock moves applied: {ok(r.till_stock_applied)}; its listener reconnected: "
              f"{ok(r.cut_listener_reconnected)}; levels below zero by offline sales only: {r.offline_shortfalls}")
    print(f"VERI*FACTU chain verifies: {ok(r.chain_ok)}")
    for e in r.errors[:10]:
        print(f"error: {e}", file=sys.stderr)
    for s in r.skipped:
        print(f"skipped: {s}")
    print("PASSED" if r.passed else "FAILED")
