"""`omsdesk products push`: catalogue data out to a shop, with a dry run that shows the plan first."""

from __future__ import annotations

import argparse
import sys

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models.roles import Permission


def register(psub: argparse._SubParsersAction) -> None:
    pp = psub.add_parser("push", help="send titles, descriptions, prices, EANs and stock to a shop "
                                      "(--dry-run shows per product what would change)")
    pp.add_argument("--channel", metavar="CODE", required=True)
    pp.add_argument("--dry-run", action="store_true",
                    help="show the plan (create / update field: old -> new / unchanged / refused) "
                         "and send nothing")
    pp.add_argument("--sku", action="append", default=[], metavar="SKU",
                    help="only this product (repeatable; default: every active stocked product)")
    pp.add_argument("--no-create", dest="create", action="store_false",
                    help="update products the shop has, create none")
    add_json_flag(pp)
    pp.set_defaults(func=_push)


def _push(ctx: CliContext) -> int:
    from omsdesk.sync.errors import SyncError
    from omsdesk.sync.product_out import plan_product_push, push_products
    from omsdesk.sync.secrets import SecretUnavailable

    a = ctx.args
    ctx.require(Permission.SETTINGS)
    if a.dry_run:
        try:
            plan = plan_product_push(ctx.db, a.channel, skus=a.sku, create=a.create)
        except (SyncError, SecretUnavailable) as exc:
            # The shop could not be read (offline, credentials, a connector without listings).
            print(f"{a.channel}: {exc}", file=sys.stderr)
            return 1
        if a.json:
            print_json({"channel": plan.channel, "dry_run": True, "counts": plan.counts(),
                        "items": [i.as_dict() for i in plan.items]})
        else:
            for item in plan.items:
                print(_line(item.as_dict()))
            print(_summary(plan.counts(), "would be"))
        return 0
    report = push_products(ctx.db, a.channel, skus=a.sku, create=a.create)
    outcomes = {o.sku: o for o in report.outcomes}
    items = []
    for item in report.plan.items:
        row = item.as_dict()
        outcome = outcomes.get(item.sku)
        if outcome is not None:
            row.update(ok=outcome.ok, reason=outcome.reason or item.reason,
                       external_id=outcome.external_id)
        items.append(row)
    if a.json:
        print_json({"channel": report.channel, "dry_run": False, "status": report.status,
                    "health": report.health, "error": report.error, "counts": report.counts(),
                    "items": items})
    else:
        for row in items:
            print(_line(row))
        print(f"{report.channel}: {report.status}; " + ", ".join(
            f"{k} {v}" for k, v in report.counts().items()))
        if report.error and report.status == "failed":
            print(f"  [{report.health}] {report.error}")
    return 0 if report.status in ("ok", "partial") else 1


def _line(row: dict[str, object]) -> str:
    action = str(row["action"])
    if row.get("ok") is False:
        action = "FAILED " + action
    text = f"{row['sku']:<16} {action:<10}"
    changes = row.get("changes") or []
    assert isinstance(changes, list)
    if changes:
        text += " " + "; ".join(
            f"{c['field']}: {_show(c['old'])} -> {_show(c['new'])}" for c in changes)
    if row.get("reason"):
        text += f"  ({row['reason']})"
    return text


def _show(value: object) -> str:
    if value is None:
        return "-"
    text = str(value).replace("\n", " ")
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _summary(counts: dict[str, int], verb: str) -> str:
    return (f"{counts['create']} {verb} created, {counts['update']} {verb} updated, "
            f"{counts['unchanged']} unchanged, {counts['refused']} refused; nothing was sent")
