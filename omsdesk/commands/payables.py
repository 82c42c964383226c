"""`omsdesk payables record|list|show|approve|pay|aged`: supplier invoices and what is owed to suppliers."""

from __future__ import annotations

import argparse
from datetime import date

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.invoicing.receivables import AGE_BUCKETS
from omsdesk.models import ValidationError
from omsdesk.models.money import format_minor
from omsdesk.services.payables.invoices import METHODS, InvoicedLine, PayableView


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg, unused-ignore]
    p = sub.add_parser("payables", help="supplier invoices matched to purchase orders, payments, aged payables")
    psub = p.add_subparsers(dest="payables_command", metavar="ACTION", required=True)

    rp = psub.add_parser("record", help="record a supplier invoice against a purchase order (three-way match)")
    rp.add_argument("--supplier", required=True, metavar="CODE")
    rp.add_argument("--po", required=True, metavar="REF", help="purchase order reference")
    rp.add_argument("--number", required=True, help="the supplier's invoice number")
    rp.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD", help="invoice date")
    rp.add_argument("--line", action="append", default=[], required=True,
                    metavar="SKU:QTY:UNIT_PRICE_CENTS[:VAT_BP]",
                    help="an invoiced line; VAT in basis points (2100 = 21 %%), default the product's")
    rp.add_argument("--notes", default="")
    add_json_flag(rp)
    rp.set_defaults(func=_record)

    lp = psub.add_parser("list", help="supplier invoices, newest first")
    lp.add_argument("--supplier", metavar="CODE")
    lp.add_argument("--open", action="store_true", help="only those with money still to pay")
    add_json_flag(lp)
    lp.set_defaults(func=_list)

    sp = psub.add_parser("show", help="one supplier invoice with its line-by-line match")
    sp.add_argument("id", type=int, metavar="ID")
    add_json_flag(sp)
    sp.set_defaults(func=_show)

    ap = psub.add_parser("approve", help="accept the differences of an invoice on hold")
    ap.add_argument("id", type=int, metavar="ID")
    ap.add_argument("--reason", required=True)
    add_json_flag(ap)
    ap.set_defaults(func=_approve)

    pp = psub.add_parser("pay", help="record a payment (all or part) to a supplier")
    pp.add_argument("id", type=int, metavar="ID")
    pp.add_argument("--amount", required=True, type=int, help="minor units (cents)")
    pp.add_argument("--method", default="transfer", choices=list(METHODS))
    pp.add_argument("--payment-ref", default="")
    add_json_flag(pp)
    pp.set_defaults(func=_pay)

    gp = psub.add_parser("aged", help="aged payables (current, 1-30, 31-60, 61-90, 90+ days)")
    add_json_flag(gp)
    gp.set_defaults(func=_aged)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def parse_lines(items: list[str]) -> list[InvoicedLine]:
    """`SKU:QTY:UNIT_PRICE_CENTS[:VAT_BP]` options as invoiced lines."""
    out = []
    for item in items:
        parts = item.split(":")
        if len(parts) not in (3, 4) or not parts[0] or not all(x.isdigit() for x in parts[1:]):
            raise ValidationError(f"--line must be SKU:QTY:UNIT_PRICE_CENTS[:VAT_BP], got '{item}'")
        out.append(InvoicedLine(parts[0], int(parts[1]), int(parts[2]),
                                int(parts[3]) if len(parts) == 4 else None))
    return out


def _print(v: PayableView) -> None:
    print(f"{v.id}  {v.supplier} {v.number}  PO {v.purchase_order}  {v.invoice_date} due {v.due_date}  "
          f"{v.status}")
    for ln in v.lines:
        flag = "ok" if ln.matched else "DIFF " + ",".join(ln.differences)
        print(f"  {ln.sku:<14} ordered {ln.ordered:>4} received {ln.received:>4} invoiced "
              f"{ln.previously_invoiced + ln.invoiced:>4}  price {format_minor(ln.invoiced_price, v.currency)}"
              f" (PO {format_minor(ln.ordered_price, v.currency)})  {flag}")
    for rate, base, tax in v.taxes:
        print(f"  VAT {rate / 100:g} %: base {format_minor(base, v.currency)} tax {format_minor(tax, v.currency)}")
    print(f"  total {format_minor(v.total, v.currency)}  paid {format_minor(v.paid, v.currency)}  "
          f"due {format_minor(v.due, v.currency)}")


def _out(ctx: CliContext, v: PayableView) -> int:
    if ctx.args.json:
        print_json({**_plain(v)})
    else:
        _print(v)
    return 0


def _plain(v: PayableView) -> dict[str, object]:
    from omsdesk.commands.common import to_jsonable

    data = to_jsonable(v)
    assert isinstance(data, dict)
    return {**data, "due": v.due, "status": v.status}


def _record(ctx: CliContext) -> int:
    from omsdesk.services.payables.invoices import record_supplier_invoice

    a = ctx.args
    v = record_supplier_invoice(ctx.db, supplier=a.supplier, po_reference=a.po, number=a.number,
                                invoice_date=a.date, lines=parse_lines(a.line), actor=ctx.actor,
                                notes=a.notes)
    return _out(ctx, v)


def _list(ctx: CliContext) -> int:
    from omsdesk.services.payables.invoices import supplier_invoices

    with ctx.db.read() as s:
        rows = supplier_invoices(s, supplier=ctx.args.supplier, open_only=ctx.args.open)
    if ctx.args.json:
        print_json([_plain(v) for v in rows])
        return 0
    for v in rows:
        print(f"{v.id:>5} {v.supplier:<10} {v.number:<16} {v.purchase_order:<16} {v.invoice_date} "
              f"due {v.due_date} {format_minor(v.total, v.currency):>12} {format_minor(v.due, v.currency):>12}"
              f" {v.status}")
    return 0


def _show(ctx: CliContext) -> int:
    from omsdesk.services.payables.invoices import supplier_invoice

    with ctx.db.read() as s:
        v = supplier_invoice(s, ctx.args.id)
    return _out(ctx, v)


def _approve(ctx: CliContext) -> int:
    from omsdesk.services.payables.invoices import approve_supplier_invoice

    return _out(ctx, approve_supplier_invoice(ctx.db, ctx.args.id, reason=ctx.args.reason, actor=ctx.actor))


def _pay(ctx: CliContext) -> int:
    from omsdesk.services.payables.invoices import pay_supplier_invoice

    a = ctx.args
    return _out(ctx, pay_supplier_invoice(ctx.db, a.id, amount=a.amount, method=a.method,
                                          reference=a.payment_ref, actor=ctx.actor))


def _aged(ctx: CliContext) -> int:
    from omsdesk.queries.invoices import local_today
    from omsdesk.services.payables.aged import aged_payables

    with ctx.db.read() as s:
        report = aged_payables(s, today=local_today(s))
    if ctx.args.json:
        print_json(report)
        return 0
    print(f"aged payables as of {report.as_of}")
    for it in report.items:
        print(f"  {it.supplier:<10} {it.number:<16} due {it.due_date} {it.bucket:>7} "
              f"{format_minor(it.due, it.currency):>14} {it.status}")
    for currency, buckets in report.totals.items():
        print(f"{currency}: " + "  ".join(f"{b} {format_minor(buckets[b], currency)}" for b in AGE_BUCKETS))
    return 0
