"""Delivers queued invoices and credit notes to the ERP, after their customers, in batches."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from omsdesk.db import Database
from omsdesk.models import Order, OutboxMessage, utcnow
from omsdesk.models.invoice import Invoice, InvoiceKind
from omsdesk.services.channels.channels import finish_run, start_run
from omsdesk.services.channels.erp import TOPIC_INVOICE, ErpSettings, erp_channel_in
from omsdesk.sync.engine import classify
from omsdesk.sync.erp.base import (
    ErpAddress,
    ErpConnector,
    ErpCustomer,
    ErpInvoice,
    ErpLine,
    PushResult,
)
from omsdesk.sync.erp.batching import push_splitting
from omsdesk.sync.erp.delivery import (
    PushReport,
    due_messages,
    link,
    link_parties,
    postpone,
    push_parties,
)
from omsdesk.sync.errors import SyncError

JOB = "erp_invoices"


def _customer(inv: Invoice, settings: ErpSettings) -> ErpCustomer:
    # The invoice's own snapshot of the customer: what the ERP must show is what was invoiced.
    street, _, rest = inv.customer_address.partition("\n")
    return ErpCustomer(
        local_id=inv.customer_id or 0,
        reference=(settings.customer_ref(inv.customer_id, inv.order_id or 0)
                   if inv.customer_id or inv.order_id else f"{settings.prefix}I{inv.id}"),
        name=inv.customer_name or "Cash customer", tax_id=inv.customer_tax_id,
        addresses=(ErpAddress(inv.customer_name, street, rest.replace("\n", " "), "", "",
                              inv.customer_country),) if inv.customer_address else (),
    )


def _invoice(inv: Invoice, settings: ErpSettings, order_ref: str) -> ErpInvoice:
    lines = tuple(ErpLine(ln.sku, ln.name, ln.qty, round(ln.net / ln.qty), net=ln.net,
                          tax_rate_bp=ln.tax_rate_bp, tax=ln.tax,
                          recargo_rate_bp=ln.recargo_rate_bp, recargo=ln.recargo,
                          exemption=ln.exemption) for ln in inv.lines)
    return ErpInvoice(inv.id, settings.order_ref(inv.number), _customer(inv, settings).reference,
                      inv.issue_date, inv.currency, lines,
                      credit_note=inv.kind == InvoiceKind.RECTIFYING.value or inv.total < 0,
                      order_reference=order_ref)


def deliver_invoices(db: Database, connector: ErpConnector, settings: ErpSettings, *,
                     limit: int = 500, now: datetime | None = None) -> PushReport:
    """Push the due invoice messages; refused ones fail alone, a down ERP leaves all waiting."""
    now = now or utcnow()
    report = PushReport()
    with db.write() as s:
        channel_id = erp_channel_in(s, settings)
    with db.read() as s:
        messages = due_messages(s, settings, now, limit, TOPIC_INVOICE)
        ids = [int(m.payload["invoice_id"]) for m in messages]
        invoices = s.scalars(select(Invoice).where(Invoice.id.in_(ids))
                             .options(selectinload(Invoice.lines))).all()
        refs: dict[int, str] = {oid: oref for oid, oref in s.execute(
            select(Order.id, Order.reference).where(
                Order.id.in_({i.order_id for i in invoices if i.order_id})))}
        customers = {c.reference: c for c in (_customer(i, settings) for i in invoices)}
        pushed = [_invoice(i, settings, refs.get(i.order_id or 0, "")) for i in invoices]
    if not messages:
        return report
    run_id = start_run(db, channel_id, JOB)
    results: list[PushResult] = []
    refused: dict[str, str] = {}
    connector.use_taxes(settings.taxes)
    try:
        parties, failures = push_parties(connector, list(customers.values()))
        refused = {i.number: f"customer {i.customer_reference}: {failures[i.customer_reference]}"
                   for i in pushed if i.customer_reference in failures}
        results = push_splitting(connector.push_invoices,
                                 [i for i in pushed if i.number not in refused],
                                 lambda i: i.number, refused)
        report.errors.extend(f"{number}: {reason}" for number, reason in refused.items())
    except SyncError as exc:
        postpone(db, [m.id for m in messages], str(exc), now)
        report.waiting = len(messages)
        report.errors.append(str(exc))
        finish_run(db, run_id, status="failed", error=str(exc), health=classify(exc),
                   counts={"fetched": len(messages)})
        return report
    by_id = {r.local_id: r for r in results}
    numbers = {i.local_id: i.number for i in pushed}
    with db.write() as s:
        link_parties(s, settings, customers.values(), parties)
        for m in s.scalars(select(OutboxMessage).where(
                OutboxMessage.id.in_([m.id for m in messages]))):
            m.attempts += 1
            result = by_id.get(int(m.payload["invoice_id"]))
            if result is None:
                number = numbers.get(int(m.payload["invoice_id"]), "")
                m.status = "failed"
                m.last_error = refused.get(number, "the invoice no longer exists")[:2000]
                report.failed += 1
                continue
            link(s, settings.erp, "invoice", result.local_id, result)
            m.status, m.delivered_at, m.last_error = "delivered", now, ""
            report.erp_ids[result.erp_name] = result.erp_id
            report.created += result.created
            report.found += not result.created
    finish_run(db, run_id, status="partial" if report.failed else "ok",
               error="\n".join(report.errors),
               counts={"fetched": len(messages), "created": report.created,
                       "unchanged": report.found, "delivered": report.created + report.found,
                       "failed": report.failed})
    return report
