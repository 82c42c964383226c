"""What each invoice is still owed: payments, order payments and credit notes applied to it.

Nothing here is stored on the (immutable) invoice. The balance of an invoice is its total,
less its credit notes, less what was paid: payments recorded against it (or against the
simplified invoice it replaced) plus its share of its order's payments, which are applied
to the order's invoices in the order they were issued.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omsdesk.models import Order
from omsdesk.models.invoice import Invoice, InvoiceKind, InvoicePayment, InvoiceRecord


class ReceivableStatus(StrEnum):
    ISSUED = "issued"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    OVERDUE = "overdue"
    CREDITED = "credited"
    CANCELLED = "cancelled"  # annulled by a registro de anulación
    REPLACED = "replaced"    # a simplified invoice replaced by an ordinary one (F3)


AGE_BUCKETS = ("current", "1-30", "31-60", "61-90", "90+")


@dataclass(frozen=True)
class Balance:
    invoice_id: int
    total: int
    credited: int
    paid: int
    status: ReceivableStatus

    @property
    def due(self) -> int:
        """Still to collect; negative when more came in than is owed (a refund is due)."""
        if self.status in (ReceivableStatus.CANCELLED, ReceivableStatus.REPLACED):
            return 0
        return self.total - self.credited - self.paid


@dataclass(frozen=True)
class _Facts:
    id: int
    order_id: int | None
    kind: str
    invoice_type: str
    total: int
    due_date: date
    corrects_id: int | None


def age_bucket(due_date: date, today: date) -> str:
    days = (today - due_date).days
    if days <= 0:
        return "current"
    if days <= 30:
        return "1-30"
    if days <= 60:
        return "31-60"
    if days <= 90:
        return "61-90"
    return "90+"


def status_of(total: int, credited: int, paid: int, due_date: date, today: date) -> ReceivableStatus:
    """The receivable status of a live (not cancelled, not replaced) invoice."""
    if total > 0 and credited >= total:
        return ReceivableStatus.CREDITED
    if total - credited - paid <= 0:
        return ReceivableStatus.PAID
    if due_date < today:
        return ReceivableStatus.OVERDUE
    if paid > 0:
        return ReceivableStatus.PARTLY_PAID
    return ReceivableStatus.ISSUED


def _facts(session: Session, invoice_ids: Iterable[int] | None) -> list[_Facts]:
    cols = (Invoice.id, Invoice.order_id, Invoice.kind, Invoice.invoice_type, Invoice.total,
            Invoice.due_date, Invoice.corrects_id)
    if invoice_ids is None:
        rows = session.execute(select(*cols).order_by(Invoice.id)).all()
        return [_Facts(*r) for r in rows]
    ids = sorted(set(invoice_ids))
    if not ids:
        return []
    wanted = session.execute(select(*cols).where(Invoice.id.in_(ids))).all()
    orders = {r.order_id for r in wanted if r.order_id is not None}
    # The balance of one invoice depends on its order's other invoices and on the invoices
    # that correct or replace it, so load those too.
    related = session.execute(select(*cols).where(
        Invoice.order_id.in_(orders) | Invoice.corrects_id.in_(ids) | Invoice.id.in_(ids)
    ).order_by(Invoice.id)).all()
    return [_Facts(*r) for r in related]


def balances(session: Session, invoice_ids: Iterable[int] | None = None, *,
             today: date) -> dict[int, Balance]:
    """Balance and status of the given invoices (of every invoice when ids is None)."""
    facts = _facts(session, invoice_ids)
    if not facts:
        return {}
    ids = [f.id for f in facts]
    cancelled = set(session.scalars(select(InvoiceRecord.invoice_id).where(
        InvoiceRecord.kind == "anulacion", InvoiceRecord.invoice_id.in_(ids))))
    direct: dict[int, int] = dict(session.execute(
        select(InvoicePayment.invoice_id, func.sum(InvoicePayment.amount))
        .where(InvoicePayment.invoice_id.in_(ids)).group_by(InvoicePayment.invoice_id)
    ).all())
    order_ids = {f.order_id for f in facts if f.order_id is not None}
    # What the order's ledger holds: payments in less refunds out.
    pools: dict[int, int] = dict(session.execute(
        select(Order.id, Order.paid_amount - Order.refunded_amount).where(Order.id.in_(order_ids))).all())

    credited: dict[int, int] = defaultdict(int)
    replaced_by: dict[int, int] = {}
    for f in facts:
        if f.id in cancelled or f.corrects_id is None:
            continue
        if f.kind == InvoiceKind.RECTIFYING.value:
            credited[f.corrects_id] -= f.total  # credit note totals are negative
        elif f.invoice_type == "F3":
            replaced_by[f.corrects_id] = f.id

    paid: dict[int, int] = defaultdict(int)
    for f in facts:
        paid[f.id] += direct.get(f.id, 0)
    for old, new in replaced_by.items():
        paid[new] += direct.get(old, 0)
    by_order: dict[int, list[_Facts]] = defaultdict(list)
    for f in facts:
        live = f.id not in cancelled and f.id not in replaced_by
        if live and f.kind != InvoiceKind.RECTIFYING.value and f.order_id is not None:
            by_order[f.order_id].append(f)
    for order_id, invoices in by_order.items():
        pool = pools.get(order_id, 0)
        for f in sorted(invoices, key=lambda x: x.id):
            take = max(0, min(pool, f.total - credited[f.id] - paid[f.id]))
            paid[f.id] += take
            pool -= take

    result: dict[int, Balance] = {}
    for f in facts:
        if f.id in cancelled:
            status = ReceivableStatus.CANCELLED
        elif f.id in replaced_by:
            status = ReceivableStatus.REPLACED
        elif f.kind == InvoiceKind.RECTIFYING.value:
            # A credit note is settled by the invoice it corrects; it owes nothing itself.
            result[f.id] = Balance(f.id, f.total, f.total, 0, ReceivableStatus.ISSUED)
            continue
        else:
            status = status_of(f.total, credited[f.id], paid[f.id], f.due_date, today)
        result[f.id] = Balance(f.id, f.total, credited[f.id], paid[f.id], status)
    if invoice_ids is not None:
        wanted = set(invoice_ids)
        return {k: v for k, v in result.items() if k in wanted}
    return result
