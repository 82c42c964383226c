"""`omsdesk erp push|pull-products|status|taxes|set-tax` and `omsdesk export accounting`."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

import keyring

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models import ValidationError
from omsdesk.services.channels.erp import ErpSettings
from omsdesk.sync.erp.base import ErpConnector

KEYRING_SERVICE = "omsdesk-erp"


def register(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("erp", help="send orders to the ERP (Tryton, Odoo) and pull its products")
    esub = e.add_subparsers(dest="erp_command", metavar="ACTION", required=True)
    push = esub.add_parser("push", help="queue orders not yet in the ERP and deliver the ERP outbox")
    _connection_args(push)
    push.add_argument("--confirm", action="store_true", help="confirm the sales in the ERP too")
    push.add_argument("--no-queue", action="store_true",
                      help="deliver what is already queued, queue nothing new")
    push.add_argument("--no-invoices", action="store_true",
                      help="orders only, when the ERP issues the invoices itself")
    add_json_flag(push)
    push.set_defaults(func=_push)
    pull = esub.add_parser("pull-products", help="update local products from the ERP by SKU")
    _connection_args(pull)
    add_json_flag(pull)
    pull.set_defaults(func=_pull)
    status = esub.add_parser("status", help="ERP outbox: pending, failed, delivered, last error")
    status.add_argument("--erp", default=os.environ.get("OMSDESK_ERP", "tryton"))
    add_json_flag(status)
    status.set_defaults(func=_status)
    taxes = esub.add_parser("taxes", help="which ERP tax stands for each VAT rate, recargo and "
                                          "exemption (found by rate, or set with set-tax)")
    _connection_args(taxes)
    add_json_flag(taxes)
    taxes.set_defaults(func=_taxes)
    set_tax = esub.add_parser("set-tax", help="map a VAT rate, recargo or exemption to an ERP tax")
    set_tax.add_argument("--erp", default=os.environ.get("OMSDESK_ERP", "tryton"))
    what = set_tax.add_mutually_exclusive_group(required=True)
    what.add_argument("--rate", type=int, metavar="BP", help="VAT rate in basis points (2100 = 21 %%)")
    what.add_argument("--recargo", type=int, metavar="BP",
                      help="recargo de equivalencia rate in basis points (520 = 5.2 %%)")
    what.add_argument("--exemption", metavar="E1..E6", help="AEAT exemption key")
    set_tax.add_argument("--included", action="store_true",
                         help="with --rate: the ERP tax included in the price (Odoo), used for "
                              "lines whose VAT omsdesk split off a tax-included amount")
    target = set_tax.add_mutually_exclusive_group(required=True)
    target.add_argument("--tax", type=int, metavar="ID", help="the ERP's tax record id")
    target.add_argument("--clear", action="store_true", help="find it by rate again")
    add_json_flag(set_tax)
    set_tax.set_defaults(func=_set_tax)

    x = sub.add_parser("export", help="export data for other systems")
    xsub = x.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    acc = xsub.add_parser("accounting", help="invoices, credit notes, supplier invoices and payments "
                                             "for QuickBooks Online, Sage 50 / ContaPlus or a journal")
    acc.add_argument("--format", dest="fmt", required=True, choices=("quickbooks", "contaplus", "journal"))
    acc.add_argument("--from", dest="start", required=True, type=_date, metavar="YYYY-MM-DD")
    acc.add_argument("--to", dest="end", required=True, type=_date, metavar="YYYY-MM-DD")
    acc.add_argument("--out", required=True, type=Path, metavar="FILE")
    acc.add_argument("--date-format", default="%d/%m/%Y",
                     help="strftime pattern of the dates (default dd/mm/yyyy; not ContaPlus)")
    acc.add_argument("--subaccount-digits", type=int, default=8, metavar="N",
                     help="ContaPlus: the company's subaccount length, 4 to 12 (default 8)")
    acc.add_argument("--credit-memos", type=Path, metavar="FILE",
                     help="QuickBooks: where the credit memos go (default FILE-credit-memos.csv)")
    add_json_flag(acc)
    acc.set_defaults(func=_export_accounting)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _connection_args(p: argparse.ArgumentParser) -> None:
    env = os.environ.get
    p.add_argument("--erp", default=env("OMSDESK_ERP", "tryton"), choices=("tryton", "odoo"))
    p.add_argument("--url", default=env("OMSDESK_ERP_URL"), help="server address (OMSDESK_ERP_URL)")
    p.add_argument("--database", default=env("OMSDESK_ERP_DATABASE"),
                   help="ERP database name (OMSDESK_ERP_DATABASE)")
    p.add_argument("--login", default=env("OMSDESK_ERP_LOGIN", "admin"))
    p.add_argument("--prefix", default=env("OMSDESK_ERP_PREFIX", ""),
                   help="prefix of this shop's references in the ERP (OMSDESK_ERP_PREFIX)")


def _connector(ctx: CliContext) -> ErpConnector:
    from omsdesk.sync.erp.factory import make_connector

    a = ctx.args
    if not a.url or not a.database:
        raise ValidationError("give the ERP with --url and --database (or OMSDESK_ERP_URL and "
                              "OMSDESK_ERP_DATABASE)")
    # The password never goes on the command line, where other users can read it.
    password = os.environ.get("OMSDESK_ERP_PASSWORD") or keyring.get_password(
        KEYRING_SERVICE, f"{a.url}|{a.login}")
    if not password:
        raise ValidationError(f"no ERP password for {a.login} at {a.url}: store it in the "
                              f"keyring (service {KEYRING_SERVICE}) or set OMSDESK_ERP_PASSWORD")
    return make_connector(a.erp, a.url, a.database, a.login, password)


def _settings(ctx: CliContext, confirm: bool = False) -> ErpSettings:
    from omsdesk.services.channels.erp import erp_settings_in

    with ctx.db.read() as s:
        stored = erp_settings_in(s, ctx.args.erp)
    return ErpSettings(erp=ctx.args.erp, prefix=ctx.args.prefix, confirm=confirm,
                       taxes=stored.taxes if stored is not None else {})


def _taxes(ctx: CliContext) -> int:
    from omsdesk.sync.erp.taxes import describe

    settings = _settings(ctx)
    connector = _connector(ctx)
    try:
        connector.use_taxes(settings.taxes)
        choices = connector.tax_mapping()
        rounding = getattr(connector, "tax_rounding", lambda: "")()
    finally:
        connector.close()
    missing = [c.key for c in choices if c.erp_id is None]
    if ctx.args.json:
        print_json({"erp": settings.erp, "tax_rounding": rounding, "missing": missing,
                    "taxes": [{"key": c.key, "what": describe(c.key), "tax_id": c.erp_id,
                               "name": c.name, "source": c.source, "note": c.note}
                              for c in choices]})
    else:
        for c in choices:
            found = f"{c.erp_id} {c.name} ({c.source})" if c.erp_id is not None else "MISSING"
            note = f"  - {c.note}" if c.note else ""
            print(f"{describe(c.key):<16} {found}{note}")
        if rounding and rounding != "line":
            print(f"warning: the ERP rounds taxes per {rounding}; omsdesk rounds per line, so "
                  "set Tax Rounding to 'Per Line' in the ERP's accounting configuration",
                  file=sys.stderr)
    return 0


def _set_tax(ctx: CliContext) -> int:
    from omsdesk.invoicing.taxes import check_exemption, check_rate, recargo_rate
    from omsdesk.services.channels.erp import erp_settings_in, set_erp_tax
    from omsdesk.sync.erp.taxes import describe, tax_key

    a = ctx.args
    if a.exemption is not None:
        key = tax_key(0, exemption=check_exemption(a.exemption))
    elif a.recargo is not None:
        if a.recargo not in {recargo_rate(r) for r in (2100, 1000, 500, 400, 200)}:
            raise ValidationError(f"{a.recargo} is not a recargo de equivalencia rate")
        key = tax_key(a.recargo, recargo=True)
    else:
        key = tax_key(check_rate(a.rate), included=a.included and a.rate > 0)
    with ctx.db.read() as s:
        stored = erp_settings_in(s, a.erp) or ErpSettings(erp=a.erp)
    settings = set_erp_tax(ctx.db, stored, key, None if a.clear else a.tax, actor=ctx.actor)
    if a.json:
        print_json({"erp": settings.erp, "key": key, "taxes": dict(settings.taxes)})
    else:
        print(f"{settings.erp}: {describe(key)} -> "
              f"{'found by rate' if a.clear else f'tax {a.tax}'}")
    return 0


def _push(ctx: CliContext) -> int:
    from omsdesk.services.channels.erp import queue_unsent_invoices, queue_unsent_orders
    from omsdesk.sync.erp.delivery import deliver_orders
    from omsdesk.sync.erp.invoice_delivery import deliver_invoices

    a = ctx.args
    settings = _settings(ctx, a.confirm)
    connector = _connector(ctx)
    from omsdesk.services.channels.erp import erp_channel_in

    # Remember where the ERP is, so the scheduler's ERP job can deliver without these flags.
    with ctx.db.write() as s:
        erp_channel_in(s, settings, a.url, database=a.database, login=a.login)
    queued = 0
    if not a.no_queue:
        queued = queue_unsent_orders(ctx.db, settings)
        if not a.no_invoices:
            queued += queue_unsent_invoices(ctx.db, settings)
    try:
        orders = deliver_orders(ctx.db, connector, settings)
        # Invoices after their orders' customers exist; none if the ERP is down anyway.
        invoices = (deliver_invoices(ctx.db, connector, settings)
                    if not a.no_invoices and not orders.waiting else None)
    finally:
        connector.close()
    reports = {"orders": orders, **({"invoices": invoices} if invoices else {})}
    if a.json:
        print_json({"queued": queued, **{name: {
            "created": r.created, "found": r.found, "failed": r.failed, "waiting": r.waiting,
            "errors": r.errors, "erp_ids": r.erp_ids} for name, r in reports.items()}})
    else:
        print(f"{queued} queued")
        for name, r in reports.items():
            print(f"{name}: {r.created} created in {settings.erp}, {r.found} already there, "
                  f"{r.failed} refused, {r.waiting} waiting")
            for error in r.errors:
                print(f"  {error}", file=sys.stderr)
    return 1 if any(r.failed or r.waiting for r in reports.values()) else 0


def _pull(ctx: CliContext) -> int:
    from omsdesk.sync.erp.delivery import pull_products

    connector = _connector(ctx)
    try:
        report = pull_products(ctx.db, connector, actor=ctx.actor)
    finally:
        connector.close()
    if ctx.args.json:
        print_json(report)
    else:
        print(f"{report.seen} products in the ERP, {len(report.changed)} changed here, "
              f"{report.unknown} unknown here")
        for change in report.changed:
            print(f"  {change}")
    return 0


def _status(ctx: CliContext) -> int:
    from omsdesk.services.channels.erp import erp_overview

    overview = erp_overview(ctx.db, ctx.args.erp)
    if ctx.args.json:
        print_json(overview)
    else:
        print(f"{overview.erp}: {overview.pending} pending, {overview.failed} failed, "
              f"{overview.delivered} delivered, {overview.linked_orders} orders linked")
        if overview.last_error:
            print(f"last error: {overview.last_error}")
    return 0


def _export_accounting(ctx: CliContext) -> int:
    from omsdesk.exports.accounting import Accounts, export_accounting

    a = ctx.args
    if not 4 <= a.subaccount_digits <= 12:
        print(f"error: --subaccount-digits must be 4 to 12, not {a.subaccount_digits}", file=sys.stderr)
        return 2
    summary = export_accounting(ctx.db, a.fmt, a.start, a.end, a.out, date_format=a.date_format,
                                accounts=Accounts(subaccount_digits=a.subaccount_digits),
                                credit_memos=a.credit_memos)
    if a.json:
        print_json(summary)
    else:
        print(f"{a.out}: {summary.rows} rows ({summary.invoices} invoices, "
              f"{summary.credit_notes} credit notes, {summary.payments} payments, "
              f"{summary.purchase_invoices} supplier invoices)")
        if summary.credit_memo_file:
            print(f"{summary.credit_memo_file}: the {summary.credit_notes} credit notes as "
                  "QuickBooks credit memos")
        if summary.skipped_payments:
            print(f"  {summary.skipped_payments} payments left out: the QuickBooks invoice "
                  "import has no payments", file=sys.stderr)
    return 0
