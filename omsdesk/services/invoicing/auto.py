"""Automatic invoicing: find the orders whose policy says they are due, issue them in batches
through the ordinary issuing service, and keep a report of what was issued and why the rest was not.

Each invoice is issued in its own transaction (the issuing service's), so one refusal never
undoes the others and numbers stay gapless. Running twice issues nothing twice: the issuing
service locks the order and recounts what is invoiced before it takes a number, so a second
(or concurrent) run finds the order invoiced and reports it as skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from omsdesk.db import Database
from omsdesk.models import (
    ConflictError,
    Customer,
    OmsError,
    Order,
    OrderLine,
    OrderStatus,
    Shipment,
)
from omsdesk.models.autoinvoice import AutoInvoiceRun, InvoiceWhen
from omsdesk.models.base import utcnow
from omsdesk.models.invoice import Invoice, InvoiceKind, InvoiceLine, InvoiceRecord
from omsdesk.services.context import Actor
from omsdesk.services.invoicing.company import load_company
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.invoicing.period import SHIPPED_STATUSES, issue_period_invoice
from omsdesk.services.invoicing.policy import PolicyBook
from omsdesk.services.validation import valid_tax_id

log = logging.getLogger(__name__)

BATCH_SIZE = 50
KEEP_RUNS = 50

# Why an order was not invoiced; the GUI translates these codes.
NO_TAX_ID = "no_tax_id"              # a full invoice needs the customer's tax id
NOT_SHIPPED = "not_shipped"          # policy "shipped" or "monthly", nothing has left yet
NOT_PAID = "not_paid"                # policy "paid", a balance is still due
PERIOD_OPEN = "period_open"          # monthly: the month has not ended yet
ALREADY_INVOICED = "already_invoiced"
REFUSED = "validation_refused"       # the issuing service refused (its message is the detail)
FAILED = "error"                     # anything else; logged
REASONS = (NO_TAX_ID, NOT_SHIPPED, NOT_PAID, PERIOD_OPEN, ALREADY_INVOICED, REFUSED, FAILED)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class AutoItem:
    """One decision of a run: an invoice issued (or that would be, in a dry run) or a skip."""

    order: str
    customer: str
    outcome: str  # issued | would_issue | skipped
    policy: str
    invoice: str = ""
    invoice_type: str = ""
    total: int = 0
    currency: str = ""
    reason: str = ""
    detail: str = ""


@dataclass(frozen=True)
class AutoRunReport:
    run_id: int
    dry_run: bool
    status: str  # done | cancelled
    started_at: datetime
    finished_at: datetime | None
    items: tuple[AutoItem, ...] = field(default_factory=tuple)

    @property
    def issued(self) -> int:
        return sum(i.outcome in ("issued", "would_issue") for i in self.items)

    @property
    def skipped(self) -> int:
        return sum(i.outcome == "skipped" for i in self.items)

    def skipped_by_reason(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in self.items:
            if i.outcome == "skipped":
                out[i.reason] = out.get(i.reason, 0) + 1
        return out


@dataclass(frozen=True)
class _Task:
    """One invoice to try: an order (whole or one parcel) or a customer's month."""

    label: str
    customer: str
    policy: str
    simplified: bool = False
    reference: str = ""
    shipment_id: int | None = None
    customer_id: int | None = None
    references: tuple[str, ...] = ()
    period: tuple[date, date] | None = None


def run_auto_invoicing(db: Database, *, actor: Actor, dry_run: bool = False,
                       now: datetime | None = None, batch_size: int = BATCH_SIZE,
                       progress: Progress | None = None,
                       cancelled: Callable[[], bool] | None = None) -> AutoRunReport:
    """Issue every invoice the policies say is due; report each issue and each skip.

    `progress(done, total, label)` hears each decision; `cancelled()` is asked between
    invoices (the one being issued is finished). The report is stored as the last run.
    """
    moment = now or utcnow()
    with db.write() as s:
        run = AutoInvoiceRun(started_at=moment, dry_run=dry_run, user=actor.user,
                             workstation=actor.workstation, items=[])
        s.add(run)
        s.flush()
        run_id = run.id
    items: list[AutoItem] = []
    try:
        status = _work(db, actor, moment, now, dry_run, batch_size, progress, cancelled, items)
    except BaseException:
        # The run's row says it broke (the items so far are kept); the caller hears the error.
        _finish(db, run_id, items, "failed", utcnow())
        raise
    finished = utcnow() if now is None else moment
    _finish(db, run_id, items, status, finished)
    return AutoRunReport(run_id, dry_run, status, moment, finished, tuple(items))


def _work(db: Database, actor: Actor, moment: datetime, issue_at: datetime | None, dry_run: bool,
          batch_size: int, progress: Progress | None, cancelled: Callable[[], bool] | None,
          items: list[AutoItem]) -> str:
    """Plan as of `moment`; each invoice is stamped when it is really issued (its VERI*FACTU
    record's generation time), unless the caller fixed the clock (`issue_at`, in tests)."""
    with db.read() as s:
        tasks, skips = _plan(s, moment)
    items.extend(skips)
    total = len(tasks)
    for start in range(0, total, max(batch_size, 1)):
        for n, task in enumerate(tasks[start:start + batch_size], start=start):
            if cancelled is not None and cancelled():
                return "cancelled"
            items.append(_would(task) if dry_run else _issue(db, task, actor, issue_at))
            if progress is not None:
                progress(n + 1, total, task.label)
    return "done"


def _finish(db: Database, run_id: int, items: list[AutoItem], status: str, finished: datetime) -> None:
    with db.write() as s:
        run = s.get(AutoInvoiceRun, run_id)
        assert run is not None
        run.items = [asdict(i) for i in items]
        run.issued = sum(i.outcome in ("issued", "would_issue") for i in items)
        run.skipped = sum(i.outcome == "skipped" for i in items)
        run.status, run.finished_at = status, finished
        _prune(s)


def _prune(session: Session) -> None:
    keep = select(AutoInvoiceRun.id).order_by(AutoInvoiceRun.id.desc()).limit(KEEP_RUNS).subquery()
    session.execute(delete(AutoInvoiceRun).where(AutoInvoiceRun.id.not_in(select(keep.c.id))))


def last_run(session: Session) -> AutoRunReport | None:
    """The report of the most recent finished run, for the Invoices view and `invoices auto --last`."""
    run = session.scalar(select(AutoInvoiceRun).where(AutoInvoiceRun.finished_at.is_not(None))
                         .order_by(AutoInvoiceRun.id.desc()).limit(1))
    if run is None:
        return None
    return AutoRunReport(run.id, run.dry_run, run.status, run.started_at, run.finished_at,
                         tuple(AutoItem(**_known(i)) for i in run.items or []))


def _known(raw: dict[str, Any]) -> dict[str, Any]:
    names = AutoItem.__dataclass_fields__
    return {k: v for k, v in raw.items() if k in names}


# -- deciding ---------------------------------------------------------------------------------

def _open_orders(session: Session, book: PolicyBook) -> list[Order]:
    """Orders under an automatic policy that may still have something to invoice.

    A coarse SQL filter (ordered units above units on live-or-cancelled invoices, or an
    annulled invoice that gave units back); the issuing service does the exact count.
    """
    channels, customers = book.automatic_channels, book.automatic_customers
    if not channels and not customers:
        return []
    invoiced = (select(func.coalesce(func.sum(InvoiceLine.qty), 0))
                .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
                .where(InvoiceLine.order_line_id == OrderLine.id,
                       Invoice.kind != InvoiceKind.RECTIFYING.value, Invoice.invoice_type != "F3")
                .correlate(OrderLine).scalar_subquery())
    open_line = exists(select(OrderLine.id).where(OrderLine.order_id == Order.id,
                                                  OrderLine.qty > invoiced))
    annulled = exists(select(InvoiceRecord.id)
                      .join(InvoiceLine, InvoiceLine.invoice_id == InvoiceRecord.invoice_id)
                      .join(OrderLine, OrderLine.id == InvoiceLine.order_line_id)
                      .where(InvoiceRecord.kind == "anulacion", OrderLine.order_id == Order.id))
    owner = or_(Order.channel_id.in_(channels), Order.customer_id.in_(customers))
    # A returned order that was never invoiced is left to the clerk (invoice and credit, or not).
    stmt = (select(Order).where(owner, Order.status.not_in((OrderStatus.NEW.value, OrderStatus.CANCELLED.value,
                                                            OrderStatus.RETURNED.value)),
                                or_(open_line, annulled))
            .options(selectinload(Order.lines), selectinload(Order.parcels))
            .order_by(Order.id))
    return list(session.scalars(stmt))


def _month(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def _plan(session: Session, moment: datetime) -> tuple[list[_Task], list[AutoItem]]:
    book = PolicyBook(session)
    company = load_company(session)
    local = ZoneInfo(company.time_zone)
    today = moment.astimezone(local).date()
    orders = _open_orders(session, book)
    customers = {c.id: c for c in session.scalars(select(Customer).where(
        Customer.id.in_({o.customer_id for o in orders if o.customer_id})))}
    invoiced_parcels = set(session.scalars(select(Invoice.shipment_id).where(
        Invoice.shipment_id.in_([p.id for o in orders for p in o.parcels]))))
    tasks: list[_Task] = []
    skips: list[AutoItem] = []
    months: dict[tuple[int, date], list[Order]] = {}
    for order in orders:
        policy = book.for_order(order)
        if policy.when is InvoiceWhen.MANUAL:
            continue
        customer = customers.get(order.customer_id) if order.customer_id else None
        name = (customer.name if customer else "") or order.customer_name
        tax_id = valid_tax_id(customer.tax_id) if customer and customer.tax_id else None

        def skip(reason: str, detail: str, order: Order = order, name: str = name,
                 policy_name: str = policy.when.value) -> None:
            skips.append(AutoItem(order.reference, name, "skipped", policy_name, reason=reason,
                                  detail=detail))

        if policy.when is InvoiceWhen.MONTHLY:
            if order.status not in SHIPPED_STATUSES:
                skip(NOT_SHIPPED, f"status {order.status}")
            elif customer is None or not tax_id:
                skip(NO_TAX_ID, "a monthly invoice is a full invoice and needs the customer's tax id")
            else:
                days = [p.shipped_at for p in order.parcels if p.shipped_at is not None]
                shipped = max(days).astimezone(local).date() if days else today
                first, last = _month(shipped)
                if last >= today:
                    skip(PERIOD_OPEN, f"invoiced after {last:%d/%m/%Y}")
                else:
                    months.setdefault((customer.id, first), []).append(order)
            continue
        simplified = not tax_id
        if simplified and not policy.simplified_for_consumers:
            skip(NO_TAX_ID, "a full invoice needs the customer's tax id; simplified invoices are off "
                 "for this policy")
            continue

        def task(label: str, shipment_id: int | None = None, order: Order = order, name: str = name,
                 policy_name: str = policy.when.value, simplified: bool = simplified) -> _Task:
            return _Task(label, name, policy_name, simplified, order.reference, shipment_id)

        if policy.when is InvoiceWhen.PAID:
            if order.total <= 0 or order.balance_due > 0:
                skip(NOT_PAID, f"{order.balance_due} still due")
                continue
            tasks.append(task(order.reference))
            continue
        # Policy "shipped": the whole order once it has all left, each parcel while it is partial.
        if order.status in SHIPPED_STATUSES:
            tasks.append(task(order.reference))
            continue
        parcels = [p for p in order.parcels if p.shipped_at is not None and p.id not in invoiced_parcels]
        if not parcels:
            skip(NOT_SHIPPED, f"status {order.status}")
            continue
        for p in parcels:
            tasks.append(task(f"{order.reference} #{p.id}", p.id))
    for (customer_id, first), group in months.items():
        customer = customers[customer_id]
        refs = tuple(o.reference for o in group)
        tasks.append(_Task(f"{customer.name} {first:%Y-%m}", customer.name, InvoiceWhen.MONTHLY.value,
                           customer_id=customer_id, references=refs, period=_month(first)))
    return tasks, skips


# -- issuing ----------------------------------------------------------------------------------

def _order_text(task: _Task) -> str:
    return task.reference or ", ".join(task.references)


def _would(task: _Task) -> AutoItem:
    return AutoItem(_order_text(task), task.customer, "would_issue", task.policy,
                    invoice_type="F2" if task.simplified else "F1")


def _issue(db: Database, task: _Task, actor: Actor, moment: datetime | None) -> AutoItem:
    order = _order_text(task)
    try:
        if task.references:
            assert task.customer_id is not None and task.period is not None
            inv = issue_period_invoice(db, task.customer_id, task.references, period=task.period,
                                       actor=actor, now=moment)
        else:
            inv = issue_invoice(db, task.reference, actor=actor, simplified=task.simplified,
                                shipment_id=task.shipment_id, now=moment)
    except ConflictError as exc:
        reason = ALREADY_INVOICED if "already" in str(exc) else REFUSED
        return AutoItem(order, task.customer, "skipped", task.policy, reason=reason, detail=str(exc))
    except OmsError as exc:
        # A consumer over the simplified-invoice limit lands here, with the limit in the message.
        reason = NO_TAX_ID if task.simplified else REFUSED
        return AutoItem(order, task.customer, "skipped", task.policy, reason=reason, detail=str(exc))
    except Exception as exc:  # recorded and reported; the rest of the run goes on
        log.exception("automatic invoicing of %s failed", order)
        return AutoItem(order, task.customer, "skipped", task.policy, reason=FAILED, detail=str(exc))
    return AutoItem(order, task.customer, "issued", task.policy, invoice=inv.number,
                    invoice_type=inv.invoice_type, total=inv.total, currency=inv.currency)


def shipped_parcel_ids(session: Session, order_id: int) -> list[int]:
    """Parcels of an order that have left, oldest first (for the order screen's hint)."""
    return list(session.scalars(select(Shipment.id).where(
        Shipment.order_id == order_id, Shipment.shipped_at.is_not(None)).order_by(Shipment.id)))
