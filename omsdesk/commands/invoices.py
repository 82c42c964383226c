"""`omsdesk invoices ...` (issue, credit, convert, pay, list, show, verify-chain, aged, export,
pdf, cancel; auto and policy in auto_invoicing.py) and `omsdesk company ...` (the issuer's data)."""

from __future__ import annotations

import argparse
import sys

from omsdesk.commands.auto_invoicing import register_actions
from omsdesk.commands.common import (
    CliContext,
    add_json_flag,
    parse_sku_quantities,
    positive_int,
    print_json,
)
from omsdesk.files import write_atomic
from omsdesk.invoicing.receivables import AGE_BUCKETS, ReceivableStatus
from omsdesk.models import ValidationError
from omsdesk.models.invoice import RECTIFICATION_REASONS
from omsdesk.models.money import format_minor, to_minor
from omsdesk.services.invoicing.payments import METHODS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg, unused-ignore]
    p = sub.add_parser("invoices", help="issue and credit invoices, receivables, VERI*FACTU chain")
    isub = p.add_subparsers(dest="invoices_command", metavar="ACTION", required=True)

    ip = isub.add_parser("issue", help="invoice an order (what is not invoiced yet) or one shipment")
    ip.add_argument("reference", metavar="REF", help="order reference, e.g. SO-2026-000123")
    ip.add_argument("--simplified", action="store_true", help="simplified invoice (counter ticket)")
    ip.add_argument("--shipment", type=int, metavar="ID", help="invoice only this shipment")
    ip.add_argument("--recargo", action="store_true", help="add recargo de equivalencia")
    ip.add_argument("--exemption", choices=["E1", "E2", "E3", "E4", "E5", "E6"],
                    help="VAT exemption key (E2 export, E5 intra-EU delivery ...)")
    ip.add_argument("--rate", metavar="EUR", help="exchange rate: euros per 1 unit of the order currency")
    add_json_flag(ip)
    ip.set_defaults(func=_issue)

    cp = isub.add_parser("credit", help="credit note for a whole invoice or some SKUs and quantities")
    cp.add_argument("number", metavar="NUMBER")
    cp.add_argument("--line", action="append", default=[], metavar="SKU:QTY",
                    help="credit only this quantity of a SKU (repeatable)")
    cp.add_argument("--reason", required=True, type=str.upper, choices=list(RECTIFICATION_REASONS),
                    metavar="CODE", help="R1..R4 (R4: returns, discounts, errors), R5 for simplified")
    cp.add_argument("--note", default="", help="the reason in words, printed on the credit note")
    add_json_flag(cp)
    cp.set_defaults(func=_credit)

    vp = isub.add_parser("convert", help="replace a simplified invoice by an ordinary one (F3)")
    vp.add_argument("number", metavar="NUMBER")
    vp.add_argument("--tax-id", required=True)
    vp.add_argument("--name", required=True)
    vp.add_argument("--address", default="")
    vp.add_argument("--country", default="ES")
    add_json_flag(vp)
    vp.set_defaults(func=_convert)

    pp = isub.add_parser("pay", help="record a payment against an invoice")
    pp.add_argument("number", metavar="NUMBER")
    pp.add_argument("--amount", required=True, type=positive_int,
                    help="minor units (cents), as 'omsdesk orders pay'")
    pp.add_argument("--method", default="transfer", choices=list(METHODS))
    pp.add_argument("--payment-ref", default="")
    add_json_flag(pp)
    pp.set_defaults(func=_pay)

    xp = isub.add_parser("cancel", help="annul an invoice issued by mistake (registro de anulación)")
    xp.add_argument("number", metavar="NUMBER")
    xp.add_argument("--reason", required=True)
    add_json_flag(xp)
    xp.set_defaults(func=_cancel)

    lp = isub.add_parser("list", help="invoices, newest first, with receivable status")
    lp.add_argument("--status", choices=[s.value for s in ReceivableStatus])
    lp.add_argument("--series", metavar="CODE")
    lp.add_argument("--search", metavar="TEXT", help="number, customer, tax id or order reference")
    lp.add_argument("--limit", type=positive_int, default=50)
    add_json_flag(lp)
    lp.set_defaults(func=_list)

    sp = isub.add_parser("show", help="one invoice with lines, VAT breakdown, records and payments")
    sp.add_argument("number", metavar="NUMBER")
    add_json_flag(sp)
    sp.set_defaults(func=_show)

    vc = isub.add_parser("verify-chain", help="recompute the VERI*FACTU record chain, check series for gaps")
    add_json_flag(vc)
    vc.set_defaults(func=_verify)

    ap = isub.add_parser("aged", help="aged receivables (current, 1-30, 31-60, 61-90, 90+ days)")
    ap.add_argument("--csv", metavar="FILE", help="write the report as CSV ('-' for stdout)")
    add_json_flag(ap)
    ap.set_defaults(func=_aged)

    ep = isub.add_parser("export", help="e-invoice export (Factur-X EN 16931 PDF/A-3)")
    ep.add_argument("number", metavar="NUMBER")
    ep.add_argument("--format", required=True, choices=["facturx"], dest="fmt")
    ep.add_argument("--out", required=True, metavar="FILE")
    ep.set_defaults(func=_export)

    dp = isub.add_parser("pdf", help="the invoice PDF (A4, or 80 mm receipt for simplified)")
    dp.add_argument("number", metavar="NUMBER")
    dp.add_argument("--out", required=True, metavar="FILE")
    dp.add_argument("--layout", choices=["auto", "a4", "receipt"], default="auto")
    dp.set_defaults(func=_pdf)

    register_actions(isub)
    _register_company(sub)


def _register_company(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg, unused-ignore]
    p = sub.add_parser("company", help="the issuing company: name, tax id, address, series")
    csub = p.add_subparsers(dest="company_command", metavar="ACTION", required=True)
    shp = csub.add_parser("show", help="the company data every invoice prints")
    add_json_flag(shp)
    shp.set_defaults(func=_company_show)
    st = csub.add_parser("set", help="change company data and invoicing settings")
    for flag in ("name", "tax-id", "address", "postcode", "city", "province", "country", "email",
                 "phone", "series-ordinary", "series-simplified", "series-rectifying", "time-zone"):
        st.add_argument(f"--{flag}")
    st.add_argument("--logo", dest="logo_path", metavar="FILE")
    st.add_argument("--payment-days", type=int)
    st.add_argument("--simplified-limit", metavar="EUR",
                    help="simplified invoice limit in euros (400, or 3000 for retail)")
    st.add_argument("--verifactu-env", dest="verifactu_environment", choices=["test", "production"])
    add_json_flag(st)
    st.set_defaults(func=_company_set)




def _print_issued(ctx: CliContext, result: object) -> int:
    from omsdesk.services.invoicing.writer import IssuedInvoice

    assert isinstance(result, IssuedInvoice)
    if ctx.args.json:
        print_json(result)
    else:
        print(f"{result.number} ({result.invoice_type}) {result.issue_date:%Y-%m-%d} "
              f"total {format_minor(result.total, result.currency)}"
              f"  VAT {format_minor(result.total_tax, result.currency)}")
        print(f"  huella {result.record_hash}")
        print(f"  QR {result.qr_url}")
    return 0


def _issue(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.issue import issue_invoice

    a = ctx.args
    return _print_issued(ctx, issue_invoice(
        ctx.db, a.reference, actor=ctx.actor, simplified=a.simplified, shipment_id=a.shipment,
        recargo=a.recargo, exemption=a.exemption, exchange_rate=a.rate))


def _credit(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.credit import credit_invoice

    a = ctx.args
    return _print_issued(ctx, credit_invoice(ctx.db, a.number, actor=ctx.actor, reason_code=a.reason,
                                             quantities=parse_sku_quantities(a.line), reason=a.note))


def _convert(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.issue import convert_simplified

    a = ctx.args
    return _print_issued(ctx, convert_simplified(ctx.db, a.number, actor=ctx.actor, tax_id=a.tax_id,
                                                 name=a.name, address=a.address, country=a.country))


def _pay(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.payments import record_invoice_payment

    a = ctx.args
    r = record_invoice_payment(ctx.db, a.number, actor=ctx.actor, amount=a.amount, method=a.method,
                               reference=a.payment_ref)
    if a.json:
        print_json(r)
    else:
        print(f"{r.number}: {r.status}, paid {r.paid}, due {r.due}")
    return 0


def _cancel(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.credit import cancel_invoice

    r = cancel_invoice(ctx.db, ctx.args.number, actor=ctx.actor, reason=ctx.args.reason)
    if ctx.args.json:
        print_json(r)
    else:
        print(f"{r.number}: cancelled (registro de anulación {r.record_hash})")
    return 0


def _list(ctx: CliContext) -> int:
    from omsdesk.queries.invoices import InvoiceFilter, list_invoices

    a = ctx.args
    with ctx.db.read() as s:
        rows = list_invoices(s, InvoiceFilter(series=a.series, status=a.status, search=a.search),
                             limit=a.limit)
    if a.json:
        print_json([{k: v for k, v in r.__dict__.items() if k != "id"} for r in rows])
        return 0
    for r in rows:
        print(f"{r.number:<16} {r.invoice_type} {r.issue_date:%Y-%m-%d} {r.status:<11} "
              f"{format_minor(r.total, r.currency):>14} due {format_minor(r.due, r.currency):>14}"
              f"  {r.order_reference:<16} {r.customer_name}")
    return 0


def _show(ctx: CliContext) -> int:
    from omsdesk.queries.invoices import invoice_detail

    with ctx.db.read() as s:
        d = invoice_detail(s, ctx.args.number)
    if ctx.args.json:
        print_json(d)
        return 0
    cur = d.currency
    print(f"{d.number} ({d.invoice_type}, {d.kind})  issued {d.issue_date}  due {d.due_date}  {d.status}")
    print(f"issuer: {d.issuer_name} ({d.issuer_tax_id})")
    print(f"customer: {d.customer_name or '-'} {('(' + d.customer_tax_id + ')') if d.customer_tax_id else ''}")
    if d.order_reference:
        print(f"order: {d.order_reference}")
    if d.corrects:
        print(f"corrects: {d.corrects}  {d.correction_reason}")
    for ln in d.lines:
        print(f"  {ln.line_no:>2} {ln.sku:<14} x{ln.qty:<4} {ln.tax_rate_bp / 100:>5.2f}% "
              f"net {format_minor(ln.net, cur):>13}  {ln.name}")
    for t in d.taxes:
        label = t.exemption or f"{t.rate_bp / 100:.2f}%"
        extra = f" + R.E. {t.recargo_rate_bp / 100:.2f}% {format_minor(t.recargo, cur)}" if t.recargo_rate_bp else ""
        print(f"  VAT {label:<6} base {format_minor(t.base, cur):>13} tax {format_minor(t.tax, cur):>12}{extra}")
    print(f"total {format_minor(d.total, cur)}  credited {format_minor(d.credited, cur)}  "
          f"paid {format_minor(d.paid, cur)}  due {format_minor(d.due, cur)}")
    for r in d.records:
        print(f"  record {r.kind:<9} {r.generated_at}  {r.hash}")
    if d.qr_url:
        print(f"QR {d.qr_url}")
    return 0


def _verify(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.records import verify_chain

    report = verify_chain(ctx.db)
    if ctx.args.json:
        print_json(report)
    elif report.ok:
        print(f"chain ok: {report.records} record(s) of {report.issuers} issuer(s)")
    if report.problem is not None:
        p = report.problem
        print(f"omsdesk: invoice record chain broken at record {p.position} ({p.kind} of {p.number}, "
              f"issuer {p.issuer_tax_id}): {p.reason}", file=sys.stderr)
    for gap in report.gaps:
        print(f"omsdesk: invoice series not gapless: {gap.describe()}", file=sys.stderr)
    return 0 if report.ok else 1


def _aged(ctx: CliContext) -> int:
    from omsdesk.queries.invoices import aged_csv, aged_receivables

    with ctx.db.read() as s:
        report = aged_receivables(s)
    if ctx.args.csv:
        text = aged_csv(report)
        if ctx.args.csv == "-":
            sys.stdout.write(text)
        else:
            write_atomic(ctx.args.csv, text)
            print(f"{len(report.items)} open invoice(s) written to {ctx.args.csv}")
        return 0
    if ctx.args.json:
        print_json(report)
        return 0
    print(f"aged receivables as of {report.as_of}")
    for it in report.items:
        print(f"  {it.number:<16} {it.customer_name[:30]:<30} due {it.due_date} {it.bucket:>7} "
              f"{format_minor(it.due, it.currency):>14}")
    for currency, buckets in report.totals.items():
        print(f"{currency}: " + "  ".join(f"{b} {format_minor(buckets[b], currency)}" for b in AGE_BUCKETS))
    if report.refunds_due:
        print("refunds due to customers")
        for rf in report.refunds_due:
            print(f"  {rf.order:<16} {rf.customer_name[:30]:<30} paid {format_minor(rf.paid, rf.currency):>12} "
                  f"refunded {format_minor(rf.refunded, rf.currency):>12} due {format_minor(rf.refund_due, rf.currency):>12}")
    return 0


def _write(path: str, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise ValidationError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _export(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.export import export_invoice

    data = export_invoice(ctx.db, ctx.args.number, ctx.args.fmt)
    _write(ctx.args.out, data)
    print(f"{ctx.args.number}: Factur-X (EN 16931) written to {ctx.args.out} ({len(data)} bytes)")
    return 0


def _pdf(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.documents import render_invoice_pdf

    with ctx.db.read() as s:
        data = render_invoice_pdf(s, ctx.args.number, ctx.args.layout)
    _write(ctx.args.out, data)
    print(f"{ctx.args.number}: PDF written to {ctx.args.out}")
    return 0


def _company_show(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.company import get_company

    c = get_company(ctx.db)
    if ctx.args.json:
        print_json(c)
        return 0
    print(f"{c.name or '(name not set)'}  NIF {c.tax_id or '(not set)'}")
    for line in c.address_lines:
        print(f"  {line}")
    print(f"series: ordinary {c.series_ordinary}, simplified {c.series_simplified}, "
          f"rectifying {c.series_rectifying}; payment {c.payment_days} days; simplified limit "
          f"{format_minor(c.simplified_limit, 'EUR')}; VERI*FACTU {c.verifactu_environment}; {c.time_zone}")
    return 0


def _company_set(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.company import set_company

    a = ctx.args
    changes = {name: getattr(a, name) for name in (
        "name", "tax_id", "address", "postcode", "city", "province", "country", "email", "phone",
        "series_ordinary", "series_simplified", "series_rectifying", "time_zone", "logo_path",
        "payment_days", "verifactu_environment")}
    if a.simplified_limit is not None:
        changes["simplified_limit"] = to_minor(a.simplified_limit, "EUR")
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise ValidationError("nothing to change: give at least one option (see --help)")
    c = set_company(ctx.db, actor=ctx.actor, **changes)
    if a.json:
        print_json(c)
    else:
        print(f"company: {c.name} ({c.tax_id or 'no tax id'}) updated: {', '.join(sorted(changes))}")
    return 0
