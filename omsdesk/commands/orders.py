"""`omsdesk orders ...`: list, show, create and every workflow action."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from omsdesk.commands import csv_imports
from omsdesk.commands.common import (
    CliContext,
    add_json_flag,
    parse_sku_quantities,
    positive_int,
    print_json,
)
from omsdesk.config import claim_timeout_seconds, load_settings
from omsdesk.models import OrderStatus, ValidationError
from omsdesk.models.money import format_minor
from omsdesk.models.order import PAYMENT_METHODS
from omsdesk.queries.order_detail import order_detail
from omsdesk.queries.order_page import OrderFilter
from omsdesk.queries.orders import list_orders
from omsdesk.services.fulfilment import allocation, returns, shipping
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment.refunds import METHODS as REFUND_METHODS
from omsdesk.services.fulfilment.refunds import refund_order
from omsdesk.services.intake.order_entry import create_order
from omsdesk.services.intake.order_file import load_order_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("orders", help="list, show, create and move orders through the workflow")
    osub = p.add_subparsers(dest="orders_command", metavar="ACTION", required=True)

    lp = osub.add_parser("list", help="one page of the order queue, newest first")
    lp.add_argument("--status", choices=[s.value for s in OrderStatus])
    lp.add_argument("--channel", metavar="CODE")
    lp.add_argument("--search", metavar="TEXT", help="reference, marketplace id, customer name or email, SKU")
    lp.add_argument("--late", action="store_true", help="only open orders past their ship-by time")
    lp.add_argument("--batch", type=positive_int, metavar="ID", help="only the orders of saved batch run ID")
    lp.add_argument("--batch-outcome", choices=["done", "failed", "cancelled"],
                    help="with --batch: only the orders it did, failed or did not run")
    lp.add_argument("--limit", type=positive_int, default=50)
    add_json_flag(lp)
    lp.set_defaults(func=_list)

    sp = osub.add_parser("show", help="one order with lines, payments, shipments and audit trail")
    sp.add_argument("reference")
    add_json_flag(sp)
    sp.set_defaults(func=_show)

    cp = osub.add_parser("create", help="create an order from a JSON file (docs/cli.md)")
    cp.add_argument("--file", required=True, metavar="ORDER.json")
    add_json_flag(cp)
    cp.set_defaults(func=_create)
    csv_imports.register_orders(osub)

    for action, help_text in [
        ("pay", "record a payment (the balance by default)"), ("allocate", "reserve stock"),
        ("pick", "start picking"), ("pack", "mark packed"), ("ship", "ship (whole or partial)"),
        ("deliver", "confirm delivery"), ("hold", "put on hold"), ("release", "release from hold"),
        ("cancel", "cancel (before shipping)"),
    ]:
        ap = osub.add_parser(action, help=help_text)
        ap.add_argument("reference")
        ap.add_argument("--reason", default="", help="recorded in the audit trail")
        if action == "pay":
            ap.add_argument("--amount", type=int, help="minor units (default: the balance due)")
            ap.add_argument("--method", default="card", choices=list(PAYMENT_METHODS))
            ap.add_argument("--payment-ref", default="")
        if action == "ship":
            ap.add_argument("--carrier", default="")
            ap.add_argument("--tracking", default="", help="the parcel's tracking number (one warehouse)")
            ap.add_argument("--packages", type=positive_int, default=1, help="packages the parcel is (labels 1/N)")
            ap.add_argument("--weight", type=positive_int, metavar="GRAMS",
                            help="what the parcel weighs (default: the products' weights)")
        if action in ("pick", "pack", "ship"):
            where = ap.add_mutually_exclusive_group()
            where.add_argument("--warehouse", metavar="CODE",
                               help=f"{action} only the parcel reserved in this warehouse (split orders)")
            where.add_argument("--shipment", type=positive_int, metavar="N",
                               help=f"{action} only parcel N (orders show lists the open parcels)")
        if action == "pack":
            ap.add_argument("--no-label", action="store_true",
                            help="do not book the parcel with the default carrier (nor print its label)")
        if action == "ship":
            ap.add_argument("--line", action="append", default=[], metavar="SKU:QTY",
                            help="ship only this quantity of a SKU (repeatable)")
        add_json_flag(ap)
        ap.set_defaults(func=_action, action=action)

    rtp = osub.add_parser("return", help="take shipped goods back as a return (RMA)")
    rtp.add_argument("reference")
    rtp.add_argument("--shipment", type=positive_int, metavar="N", help="the parcel the goods come back from")
    rtp.add_argument("--line", action="append", default=[], metavar="SKU:QTY[:restock|damaged|scrap]",
                     help="return this quantity of a SKU, with what becomes of it (default restock; repeatable)")
    rtp.add_argument("--reason", default="", help="why it came back (audit trail and RMA)")
    add_json_flag(rtp)
    rtp.set_defaults(func=_return)

    crp = osub.add_parser("cancel-rest", help="close the unshipped lines of a part-shipped order")
    crp.add_argument("reference")
    crp.add_argument("--reason", required=True, help="why the rest will not ship (audit trail)")
    add_json_flag(crp)
    crp.set_defaults(func=_cancel_rest)

    ep = osub.add_parser("edit", help="change the ship-to address or the notes of an order")
    ep.add_argument("reference")
    for field in ("name", "line1", "line2", "postcode", "city", "province", "country"):
        ep.add_argument(f"--ship-{field}", dest=f"ship_{field}", metavar="TEXT",
                        help=f"new ship-to {field} (the other fields stay)")
    ep.add_argument("--notes", help="replace the order's notes ('' clears them)")
    ep.add_argument("--reason", default="", help="recorded in the audit trail")
    add_json_flag(ep)
    ep.set_defaults(func=_edit)

    rp = osub.add_parser("refund", help="give money back on an order")
    rp.add_argument("reference")
    rp.add_argument("--amount", type=positive_int, required=True, help="minor units")
    rp.add_argument("--method", required=True, choices=list(REFUND_METHODS))
    rp.add_argument("--reference", dest="refund_ref", default="", help="bank or card reference")
    rp.add_argument("--reason", default="")
    add_json_flag(rp)
    rp.set_defaults(func=_refund)


def _list(ctx: CliContext) -> int:
    a = ctx.args
    if a.batch_outcome and not a.batch:
        raise ValidationError("--batch-outcome needs --batch ID")
    f = OrderFilter(status=a.status, channel=a.channel, search=a.search, late_only=a.late, batch_id=a.batch,
                    batch_outcome=a.batch_outcome)
    with ctx.db.read() as s:
        rows = list_orders(s, f, limit=a.limit)
    if a.json:
        print_json([{k: v for k, v in r._asdict().items() if k != "id"} for r in rows])
        return 0
    for r in rows:
        late = " LATE" if r.late else ""
        print(f"{r.reference:<16} {r.placed_at:%Y-%m-%d %H:%M} {r.status:<10} {r.channel:<12} "
              f"{format_minor(r.total, r.currency):>14}  {r.customer_name}{late}")
    return 0


def _show(ctx: CliContext) -> int:
    with ctx.db.read() as s:
        d = order_detail(s, ctx.args.reference)
    if ctx.args.json:
        print_json(d)
        return 0
    print(f"{d.reference}  {d.status}  channel {d.channel}  placed {d.placed_at:%Y-%m-%d %H:%M} UTC")
    print(f"customer: {d.customer_name} <{d.customer_email}>")
    print(f"total {format_minor(d.total, d.currency)}  owed {format_minor(d.amount_owed, d.currency)}"
          f"  paid {format_minor(d.paid_amount, d.currency)}  refunded {format_minor(d.refunded_amount, d.currency)}"
          f"  due {format_minor(d.balance_due, d.currency)}  refund due {format_minor(d.refund_due, d.currency)}"
          f"  warehouse {d.warehouse or '-'}")
    if d.claimed_by:
        print(f"claimed by {d.claimed_by} (wave {d.claim_wave}, since {d.claimed_at:%Y-%m-%d %H:%M:%S} UTC)")
    for ln in d.lines:
        print(f"  {ln.line_no:>2} {ln.sku:<14} x{ln.qty:<4} {format_minor(ln.total, d.currency):>12}"
              f"  shipped {ln.qty_shipped} reserved {ln.qty_reserved}  {ln.name}")
    for sh in d.shipments:
        lines = ", ".join(f"{sku} x{q}" for sku, q in sh.lines.items())
        when = f"{sh.shipped_at:%Y-%m-%d}" if sh.shipped_at else "-"
        print(f"  shipment {sh.id} from {sh.warehouse} {sh.status} {sh.carrier} {sh.tracking} {when}: {lines}")
    for parcel in d.open_parcels:
        lines = ", ".join(f"{sku} x{q}" for sku, q in parcel.lines.items())
        print(f"  parcel {parcel.id or '-'} from {parcel.warehouse} {parcel.status} (reserved): {lines}")
    for rf in d.refunds:
        print(f"  refund {format_minor(rf.amount, d.currency)} {rf.method} {rf.reference} "
              f"{rf.refunded_at:%Y-%m-%d} by {rf.user}: {rf.reason}")
    print("audit:")
    for au in d.audit:
        print(f"  {au.at:%Y-%m-%d %H:%M:%S} {au.user}@{au.workstation} {au.action} "
              f"{au.from_status or ''}->{au.to_status or ''} {au.reason}")
    print(f"allowed: {', '.join(d.allowed_actions) or '-'}")
    return 0


def _return(ctx: CliContext) -> int:
    a = ctx.args
    quantities, dispositions = parse_return_lines(a.line)
    res = returns.return_order(ctx.db, a.reference, actor=ctx.actor, reason=a.reason, quantities=quantities,
                               dispositions=dispositions, shipment_id=a.shipment)
    if a.json:
        print_json(res)
        return 0
    print(f"{res.reference}: {res.status} ({res.message})")
    if res.refund_due:
        print(f"refund due: {format_minor(res.refund_due, 'EUR')} (omsdesk orders refund {res.reference} "
              f"--amount {res.refund_due} --method ...)")
    if res.credit_note:
        print(f"credit note: {res.credit_note}")
    return 0


def parse_return_lines(items: list[str]) -> tuple[dict[str, int] | None, dict[str, str]]:
    """`--line SKU:QTY[:DISPOSITION]` options as ({sku: qty}, {sku: disposition})."""
    if not items:
        return None, {}
    quantities: dict[str, int] = {}
    dispositions: dict[str, str] = {}
    for item in items:
        sku_qty, disposition = item, None
        head, sep, last = item.rpartition(":")
        if sep and last and not last.isdigit():
            sku_qty, disposition = head, last
        for sku, qty in (parse_sku_quantities([sku_qty]) or {}).items():
            quantities[sku] = quantities.get(sku, 0) + qty
            if disposition is not None and dispositions.setdefault(sku, disposition) != disposition:
                raise ValidationError(f"one disposition per SKU in a return, got two for {sku}")
    return quantities, dispositions


def _cancel_rest(ctx: CliContext) -> int:
    state = svc.cancel_rest(ctx.db, ctx.args.reference, actor=ctx.actor, reason=ctx.args.reason)
    if ctx.args.json:
        print_json(state)
    else:
        print(f"{state.reference}: {state.status} ({state.message})")
    return 0


def _refund(ctx: CliContext) -> int:
    a = ctx.args
    res = refund_order(ctx.db, a.reference, actor=ctx.actor, amount=a.amount, method=a.method,
                       refund_ref=a.refund_ref, reason=a.reason)
    if a.json:
        print_json(res)
    else:
        print(f"{res.reference}: refunded {format_minor(res.amount, res.currency)} "
              f"(refunded in all {format_minor(res.refunded, res.currency)}, "
              f"still due back {format_minor(res.refund_due, res.currency)})")
    return 0


def _create(ctx: CliContext) -> int:
    data = load_order_file(ctx.args.file)
    created = create_order(ctx.db, data, actor=ctx.actor)
    if ctx.args.json:
        print_json(created)
    else:
        print(f"{created.reference}: {created.status}, total {format_minor(created.total, created.currency)}")
    return 0




def _edit(ctx: CliContext) -> int:
    from omsdesk.services.fulfilment.order_edit import OrderEdit, edit_order

    a = ctx.args
    fields = {f: v for f in ("name", "line1", "line2", "postcode", "city", "province", "country")
              if (v := getattr(a, f"ship_{f}")) is not None}
    state = edit_order(ctx.db, a.reference, OrderEdit(ship_fields=fields or None, notes=a.notes, reason=a.reason),
                       actor=ctx.actor)
    if a.json:
        print_json(state)
    else:
        print(f"{state.reference}: {state.message}")
    return 0


def _action(ctx: CliContext) -> int:
    a = ctx.args
    ref, actor, reason = a.reference, ctx.actor, a.reason
    if a.action == "pay":
        state = svc.pay_order(ctx.db, ref, actor=actor, amount=a.amount, method=a.method,
                              payment_ref=a.payment_ref)
    elif a.action == "allocate":
        state = allocation.allocate_order(ctx.db, ref, actor=actor)
    elif a.action == "ship":
        state = shipping.ship_order(ctx.db, ref, actor=actor, carrier=a.carrier, tracking=a.tracking,
                                    quantities=parse_sku_quantities(a.line), warehouse=a.warehouse,
                                    shipment=a.shipment, packages=a.packages, weight_g=a.weight)
    elif a.action in ("pick", "pack"):
        step = svc.pick_order if a.action == "pick" else svc.pack_order
        # The claim rule of the pick benches holds here too: another bench's live wave is refused.
        timeout = timedelta(seconds=claim_timeout_seconds(load_settings()))
        state = step(ctx.db, ref, actor=actor, reason=reason, warehouse=a.warehouse, shipment=a.shipment,
                     claim_timeout=timeout)
    else:
        func = {"deliver": svc.deliver_order,
                "hold": svc.hold_order, "release": svc.release_order, "cancel": svc.cancel_order}[a.action]
        state = func(ctx.db, ref, actor=actor, reason=reason)
    if a.json:
        print_json(state)
    if a.action == "allocate" and state.status != OrderStatus.ALLOCATED.value:
        # Nothing was reserved: a refusal for scripts, although the order now waits on backorder.
        print(f"omsdesk: cannot allocate {state.reference}: {state.message}; order is on {state.status}",
              file=sys.stderr)
        return 1
    if not a.json:
        print(f"{state.reference}: {state.status}" + (f" ({state.message})" if state.message else ""))
    if a.action == "pack" and not a.no_label:
        from omsdesk.commands.carriers import book_after_pack

        book_after_pack(ctx, ref, quiet=a.json)
    return 0
