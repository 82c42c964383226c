"""Delivers queued purchase orders (and their cancellations) to the ERP as purchases."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import OutboxMessage, utcnow
from omsdesk.models.planning import PurchaseOrder
from omsdesk.services.channels.channels import finish_run, start_run
from omsdesk.services.channels.erp import ErpSettings, erp_channel_in
from omsdesk.services.goods_in.purchasing import TOPIC_PURCHASE, PurchaseOrderView, view_in
from omsdesk.sync.engine import classify
from omsdesk.sync.erp.base import (
    ErpConnector,
    ErpCustomer,
    ErpFault,
    ErpLine,
    ErpPurchase,
    PushResult,
)
from omsdesk.sync.erp.delivery import PushReport, link, postpone
from omsdesk.sync.errors import SyncError, UnsupportedOperation

JOB = "erp_purchases"


def supplier_reference(settings: ErpSettings, code: str) -> str:
    """The supplier's party code in the ERP: apart from customers (C…, G…) by its 'S-' prefix."""
    return f"{settings.prefix}S-{code}"


def erp_purchase(view: PurchaseOrderView, local_id: int, settings: ErpSettings) -> ErpPurchase:
    """A purchase order as the ERP takes it (what the outbox message stands for)."""
    supplier = ErpCustomer(local_id=0, reference=supplier_reference(settings, view.supplier_code),
                           name=view.supplier_name, email=view.supplier_email,
                           tax_id=view.supplier_tax_id)
    return ErpPurchase(
        local_id=local_id, reference=settings.order_ref(view.reference), supplier=supplier,
        purchase_date=(view.sent_at or view.created_at).date(), currency=view.currency,
        lines=tuple(ErpLine(ln.sku, ln.name, ln.qty, ln.unit_cost) for ln in view.lines),
        expected=view.expected_at.date() if view.expected_at else None,
        description=f"{view.reference} -> {view.warehouse}")


def deliver_purchases(db: Database, connector: ErpConnector, settings: ErpSettings, *,
                      ids: Sequence[int] | None = None, limit: int = 200,
                      now: datetime | None = None) -> PushReport:
    """Push the due purchase messages of this ERP (or exactly `ids`); refused ones fail alone.

    A down ERP leaves every message waiting with a growing delay. Cancellations cancel the
    ERP's purchase while it is still a draft or quotation.
    """
    now = now or utcnow()
    report = PushReport()
    with db.write() as s:
        channel_id = erp_channel_in(s, settings)
    with db.read() as s:
        stmt = select(OutboxMessage).where(OutboxMessage.topic == TOPIC_PURCHASE,
                                           OutboxMessage.status == "pending")
        stmt = stmt.where(OutboxMessage.id.in_(list(ids))) if ids is not None else \
            stmt.where(OutboxMessage.next_attempt_at <= now)
        messages = [m for m in s.scalars(stmt.order_by(OutboxMessage.id).limit(limit))
                    if (m.payload or {}).get("erp") == settings.erp]
        pos = {po.id: po for po in s.scalars(select(PurchaseOrder).where(PurchaseOrder.id.in_(
            [int(m.payload["purchase_order_id"]) for m in messages])))}
        pushes = {m.id: erp_purchase(view_in(s, pos[int(m.payload["purchase_order_id"])]),
                                     int(m.payload["purchase_order_id"]), settings)
                  for m in messages if not m.payload.get("cancelled")
                  and int(m.payload["purchase_order_id"]) in pos}
    if not messages:
        return report
    run_id = start_run(db, channel_id, JOB)
    results: dict[int, PushResult] = {}
    errors: dict[int, str] = {}
    try:
        for m in messages:
            try:
                if m.payload.get("cancelled"):
                    connector.cancel_purchases([settings.order_ref(str(m.payload["reference"]))])
                elif m.id in pushes:
                    [results[m.id]] = connector.push_purchases([pushes[m.id]])
                else:
                    errors[m.id] = f"purchase order {m.payload.get('reference')} no longer exists"
            except (ErpFault, UnsupportedOperation) as exc:
                errors[m.id] = str(exc)  # retrying the same purchase cannot help
    except SyncError as exc:
        # Down or refusing us: this and every later message wait for the next run.
        waiting = [m.id for m in messages if m.id not in results and m.id not in errors]
        postpone(db, waiting, str(exc), now)
        report.waiting = len(waiting)
        report.errors.append(str(exc))
        _record(db, settings, messages, results, errors, report, now, skip=set(waiting))
        finish_run(db, run_id, status="failed", error=str(exc), health=classify(exc),
                   counts={"fetched": len(messages)})
        return report
    _record(db, settings, messages, results, errors, report, now)
    finish_run(db, run_id, status="partial" if report.failed else "ok",
               error="\n".join(report.errors),
               counts={"fetched": len(messages), "created": report.created,
                       "unchanged": report.found, "delivered": report.created + report.found,
                       "failed": report.failed})
    return report


def _record(db: Database, settings: ErpSettings, messages: list[OutboxMessage],
            results: dict[int, PushResult], errors: dict[int, str], report: PushReport,
            now: datetime, skip: set[int] | None = None) -> None:
    with db.write() as s:
        for m in s.scalars(select(OutboxMessage).where(
                OutboxMessage.id.in_([m.id for m in messages if m.id not in (skip or set())]))):
            m.attempts += 1
            if m.id in errors:
                m.status, m.last_error = "failed", errors[m.id][:2000]
                report.errors.append(errors[m.id])
                report.failed += 1
                continue
            m.status, m.delivered_at, m.last_error = "delivered", now, ""
            result = results.get(m.id)
            if result is not None:
                link(s, settings.erp, "purchase", result.local_id, result)
                report.erp_ids[result.erp_name] = result.erp_id
                report.created += result.created
                report.found += not result.created
