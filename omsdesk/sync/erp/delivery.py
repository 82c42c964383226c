"""Delivers the ERP outbox in batches (customers, then sales) and pulls ERP products."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Customer, Order, OutboxMessage, Product, utcnow
from omsdesk.models.erp import ErpLink
from omsdesk.services.channels.channels import finish_run, start_run
from omsdesk.services.channels.erp import (
    TOPIC_ORDER,
    ErpSettings,
    ProductData,
    PullReport,
    apply_product_data,
    erp_channel_in,
)
from omsdesk.services.context import Actor
from omsdesk.sync.engine import classify
from omsdesk.sync.erp.base import (
    ErpAddress,
    ErpConnector,
    ErpCustomer,
    ErpLine,
    ErpOrder,
    ErpProduct,
    PushResult,
)
from omsdesk.sync.erp.batching import push_splitting
from omsdesk.sync.errors import SyncError

# Waits between delivery attempts while the ERP is down: 1, 2, 4 ... minutes, at most an hour.
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=1)
# The job name of ERP pushes in the sync-run history.
JOB = "erp_push"


@dataclass
class PushReport:
    """What one delivery run did; `waiting` messages stay in the outbox for a later run."""

    created: int = 0
    found: int = 0
    failed: int = 0
    waiting: int = 0
    errors: list[str] = field(default_factory=list)
    erp_ids: dict[str, int] = field(default_factory=dict)


def due_messages(s: Session, settings: ErpSettings, now: datetime, limit: int,
                 topic: str = TOPIC_ORDER) -> list[OutboxMessage]:
    """The ERP's pending messages of one topic whose next attempt is due, oldest first."""
    rows = s.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == topic, OutboxMessage.status == "pending",
        OutboxMessage.next_attempt_at <= now).order_by(OutboxMessage.id).limit(limit)).all()
    return [m for m in rows if m.payload.get("erp") == settings.erp]


def _erp_customer(order: Order, customer: Customer | None, settings: ErpSettings) -> ErpCustomer:
    addresses = [ErpAddress(a.name or (customer.name if customer else ""),
                            "\n".join(x for x in (a.line1, a.line2) if x), a.city, a.postcode,
                            a.province, a.country) for a in (customer.addresses if customer else [])]
    if not addresses and order.ship_line1:
        addresses = [ErpAddress(order.ship_name, "\n".join(x for x in (order.ship_line1,
                                order.ship_line2) if x), order.ship_city, order.ship_postcode,
                                order.ship_province, order.ship_country)]
    return ErpCustomer(
        local_id=customer.id if customer else 0,
        reference=settings.customer_ref(order.customer_id, order.id),
        name=(customer.name if customer else order.customer_name) or order.ship_name or "Guest",
        email=(customer.email if customer else order.customer_email) or "",
        phone=(customer.phone if customer else "") or "",
        tax_id=(customer.tax_id if customer else "") or "",
        addresses=tuple(addresses),
    )


def _erp_order(order: Order, settings: ErpSettings) -> ErpOrder:
    # ERPs take amounts before tax; ours may include it, so the line's exact net and VAT go.
    lines = tuple(ErpLine(ln.sku, ln.name, ln.qty, round(ln.net / ln.qty), net=ln.net,
                          tax_rate_bp=ln.tax_rate_bp, tax=ln.tax) for ln in order.lines)
    return ErpOrder(order.id, settings.order_ref(order.reference),
                    settings.customer_ref(order.customer_id, order.id),
                    order.placed_at.date(), order.currency, lines, description=order.reference)


def _erp_products(s: Session, orders: Sequence[Order]) -> list[ErpProduct]:
    ids = {ln.product_id for o in orders for ln in o.lines}
    products = s.scalars(select(Product).where(Product.id.in_(ids))).all() if ids else []
    return [ErpProduct(0, p.sku, p.name, p.ean,
                       round(p.price * 10000 / (10000 + p.tax_rate_bp)), p.currency,
                       tax_rate_bp=p.tax_rate_bp)
            for p in products]


def _backoff(attempts: int) -> timedelta:
    return min(BACKOFF_MAX, BACKOFF_BASE * (2 ** max(0, attempts - 1)))


def deliver_orders(db: Database, connector: ErpConnector, settings: ErpSettings, *,
                   limit: int = 1000, now: datetime | None = None) -> PushReport:
    """Push the due ERP outbox messages: customers first, then sales, in batches.

    No transaction stays open while the ERP works. If the ERP is down the messages wait
    with a growing delay; an order the ERP refuses is marked failed with the ERP's reason
    and the rest go on. Each run is recorded as a sync run of the ERP's channel, so the
    Sync view shows the ERP's health like a shop's.
    """
    now = now or utcnow()
    report = PushReport()
    with db.write() as s:
        channel_id = erp_channel_in(s, settings)
    with db.read() as s:
        messages = due_messages(s, settings, now, limit)
        order_ids = [int(m.payload["order_id"]) for m in messages]
        orders = s.scalars(select(Order).where(Order.id.in_(order_ids))).unique().all()
        by_id = {o.id: o for o in orders}
        customers = {c.id: c for c in s.scalars(select(Customer).where(
            Customer.id.in_({o.customer_id for o in orders if o.customer_id})))}
        erp_customers = {c.reference: c for c in (
            _erp_customer(o, customers.get(o.customer_id or 0), settings) for o in orders)}
        erp_orders = [_erp_order(by_id[i], settings) for i in order_ids if i in by_id]
        products = _erp_products(s, orders)
    if not messages:
        return report
    run_id = start_run(db, channel_id, JOB)
    connector.use_taxes(settings.taxes)
    try:
        party_results, failures = push_parties(connector, list(erp_customers.values()))
        refused = {o.reference: f"customer {o.customer_reference}: {failures[o.customer_reference]}"
                   for o in erp_orders if o.customer_reference in failures}
        results = push_splitting(
            lambda batch: connector.push_orders(batch, _products_of(batch, products)),
            [o for o in erp_orders if o.reference not in refused], lambda o: o.reference, refused)
        for reference, reason in refused.items():
            report.errors.append(f"{reference}: {reason}")
            report.erp_ids[reference] = 0
        if settings.confirm and results:
            connector.confirm_orders([r.erp_id for r in results])
    except SyncError as exc:
        # Down, auth refused, or the ERP failed: everything waits for the next run.
        postpone(db, [m.id for m in messages], str(exc), now)
        report.waiting = len(messages)
        report.errors.append(str(exc))
        finish_run(db, run_id, status="failed", error=str(exc), health=classify(exc),
                   counts={"fetched": len(messages)})
        return report
    _record(db, settings, messages, party_results, results, erp_customers, report, now)
    finish_run(db, run_id, status="partial" if report.failed else "ok",
               error="\n".join(report.errors),
               counts={"fetched": len(messages), "created": report.created,
                       "unchanged": report.found, "delivered": report.created + report.found,
                       "failed": report.failed})
    return report


def push_parties(connector: ErpConnector,
                 customers: list[ErpCustomer]) -> tuple[list[PushResult], dict[str, str]]:
    """Push the parties, splitting on ERP errors; (results, refused reference -> reason)."""
    failures: dict[str, str] = {}
    results = push_splitting(connector.push_customers, customers, lambda c: c.reference,
                             failures)
    return results, failures


def _products_of(orders: Sequence[ErpOrder], products: list[ErpProduct]) -> list[ErpProduct]:
    # Only the batch's own products: one product the ERP refuses fails only its orders.
    codes = {ln.code for o in orders for ln in o.lines}
    return [p for p in products if p.code in codes]


def postpone(db: Database, ids: list[int], error: str, now: datetime) -> None:
    """Leave messages pending with the error and a later, growing, next attempt."""
    with db.write() as s:
        for m in s.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))):
            m.attempts += 1
            m.last_error = error[:2000]
            m.next_attempt_at = now + _backoff(m.attempts)


def link_parties(s: Session, settings: ErpSettings, customers: Iterable[ErpCustomer],
                 parties: list[PushResult]) -> None:
    """Record where each pushed customer went (parties the ERP refused have no result)."""
    by_reference = {r.erp_name: r for r in parties}
    for c in customers:
        if c.local_id and c.reference in by_reference:
            link(s, settings.erp, "customer", c.local_id, by_reference[c.reference])


def link(s: Session, erp: str, kind: str, local_id: int, result: PushResult) -> None:
    """Record (or update) where a local record went in the ERP."""
    row = s.scalar(select(ErpLink).where(ErpLink.erp == erp, ErpLink.kind == kind,
                                         ErpLink.local_id == local_id))
    if row is None:
        s.add(ErpLink(erp=erp, kind=kind, local_id=local_id, erp_id=result.erp_id,
                      erp_name=result.erp_name[:120]))
    else:
        row.erp_id, row.erp_name = result.erp_id, result.erp_name[:120]


def _record(db: Database, settings: ErpSettings, messages: list[OutboxMessage],
            parties: list[PushResult], results: list[PushResult],
            erp_customers: dict[str, ErpCustomer], report: PushReport, now: datetime) -> None:
    by_order = {r.local_id: r for r in results}
    with db.write() as s:
        link_parties(s, settings, erp_customers.values(), parties)
        for m in s.scalars(select(OutboxMessage).where(
                OutboxMessage.id.in_([m.id for m in messages]))):
            order_id = int(m.payload["order_id"])
            m.attempts += 1
            result = by_order.get(order_id)
            if result is None:
                m.status = "failed"
                ref = s.scalar(select(Order.reference).where(Order.id == order_id)) or "?"
                m.last_error = next((e for e in report.errors
                                     if e.startswith(settings.order_ref(ref) + ":")),
                                    "the ERP refused the order")[:2000]
                report.failed += 1
                continue
            link(s, settings.erp, "order", order_id, result)
            m.status, m.delivered_at, m.last_error = "delivered", now, ""
            report.erp_ids[result.erp_name] = result.erp_id
            if result.created:
                report.created += 1
            else:
                report.found += 1


def pull_products(db: Database, connector: ErpConnector, *, actor: Actor,
                  since: datetime | None = None) -> PullReport:
    """Pull the ERP's products (all, or changed after `since`) onto local products by SKU."""
    pulled = connector.pull_products(since)
    return apply_product_data(db, [ProductData(p.code, p.name, p.ean, p.list_price, p.currency)
                                   for p in pulled], actor=actor)
