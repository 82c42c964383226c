"""`omsdesk invoices auto` (issue what the policies say is due) and `omsdesk invoices policy`."""

from __future__ import annotations

import argparse
import sys

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models.money import format_minor
from omsdesk.services.invoicing.policy import WHEN_CHOICES


def register_actions(isub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg, unused-ignore]
    ap = isub.add_parser("auto", help="issue the invoices the invoicing policies say are due")
    ap.add_argument("--dry-run", action="store_true", help="say what would be issued; issue nothing")
    ap.add_argument("--last", action="store_true", help="show the report of the last run instead")
    add_json_flag(ap)
    ap.set_defaults(func=_auto)

    pp = isub.add_parser("policy", help="when a channel's or a customer's orders are invoiced")
    who = pp.add_mutually_exclusive_group()
    who.add_argument("--channel", metavar="CODE", help="channel code (see 'omsdesk channels list')")
    who.add_argument("--customer", type=int, metavar="ID", help="customer id; overrides its channel")
    pp.add_argument("--when", choices=WHEN_CHOICES,
                    help="manual (by hand), shipped, paid or monthly (one invoice per customer per month)")
    simp = pp.add_mutually_exclusive_group()
    simp.add_argument("--simplified-consumers", dest="simplified", action="store_const", const=True,
                      help="consumers without a tax id get a simplified invoice (the default)")
    simp.add_argument("--no-simplified-consumers", dest="simplified", action="store_const", const=False,
                      help="skip consumers without a tax id instead")
    add_json_flag(pp)
    pp.set_defaults(func=_policy)


def _policy(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.policy import policies, set_policy

    a = ctx.args
    if a.channel is None and a.customer is None:
        if a.when is not None or a.simplified is not None:
            print("invoices policy: give --channel CODE or --customer ID with --when", file=sys.stderr)
            return 2
        with ctx.db.read() as s:
            rows = policies(s)
        if a.json:
            print_json(rows)
            return 0
        if not rows:
            print("no invoicing policies: every order is invoiced by hand")
        for r in rows:
            extra = "" if r.simplified_for_consumers else " (no simplified invoices)"
            print(f"{r.owner:<9} {r.code:<20} {r.name[:30]:<30} {r.when}{extra}")
        return 0
    if a.when is None:
        print("invoices policy: --when is required with --channel or --customer", file=sys.stderr)
        return 2
    view = set_policy(ctx.db, actor=ctx.actor, when=a.when, channel=a.channel, customer_id=a.customer,
                      simplified_for_consumers=a.simplified)
    if a.json:
        print_json(view)
    else:
        print(f"{view.owner} {view.code} ({view.name}): invoiced {view.when}")
    return 0


def _auto(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.auto import last_run, run_auto_invoicing

    a = ctx.args
    if a.last:
        with ctx.db.read() as s:
            report = last_run(s)
        if report is None:
            print("automatic invoicing has not run yet")
            return 0
    else:
        def heard(done: int, total: int, label: str) -> None:
            if not a.json and sys.stderr.isatty():
                print(f"\r{done}/{total} {label[:40]:<40}", end="", file=sys.stderr, flush=True)

        report = run_auto_invoicing(ctx.db, actor=ctx.actor, dry_run=a.dry_run, progress=heard)
        if not a.json and sys.stderr.isatty():
            print(file=sys.stderr)
    if a.json:
        print_json({"run": report.run_id, "dry_run": report.dry_run, "status": report.status,
                    "issued": report.issued, "skipped": report.skipped,
                    "skipped_by_reason": report.skipped_by_reason(), "items": report.items})
        return 0
    verb = "would issue" if report.dry_run else "issued"
    for it in report.items:
        if it.outcome == "skipped":
            print(f"skipped {it.order:<20} {it.customer[:28]:<28} {it.reason}: {it.detail}")
        elif it.outcome == "would_issue":
            print(f"would issue {it.invoice_type} {it.order:<20} {it.customer[:28]} ({it.policy})")
        else:
            print(f"issued  {it.invoice:<16} {it.order:<20} {it.customer[:28]:<28} "
                  f"{format_minor(it.total, it.currency or 'EUR'):>12} ({it.policy})")
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(report.skipped_by_reason().items()))
    print(f"{verb} {report.issued}, skipped {report.skipped}" + (f" ({reasons})" if reasons else "")
          + (" - cancelled" if report.status == "cancelled" else ""))
    return 0
