"""Aged payables: what is still owed to suppliers, by age past its due date (the receivables' buckets)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from omsdesk.invoicing.receivables import AGE_BUCKETS, age_bucket
from omsdesk.services.payables.invoices import supplier_invoices


@dataclass(frozen=True)
class AgedPayable:
    id: int
    supplier: str
    supplier_name: str
    number: str
    invoice_date: date
    due_date: date
    days_overdue: int
    bucket: str
    currency: str
    due: int
    status: str


@dataclass(frozen=True)
class AgedPayables:
    as_of: date
    items: tuple[AgedPayable, ...]
    totals: dict[str, dict[str, int]]  # currency -> bucket -> still to pay


def aged_payables(session: Session, *, today: date) -> AgedPayables:
    """Every supplier invoice with money still to pay, in the buckets of `invoices aged`."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(AGE_BUCKETS, 0))
    items = []
    for v in supplier_invoices(session, open_only=True, limit=100_000):
        bucket = age_bucket(v.due_date, today)
        items.append(AgedPayable(v.id, v.supplier, v.supplier_name, v.number, v.invoice_date, v.due_date,
                                 max(0, (today - v.due_date).days), bucket, v.currency, v.due, v.status))
        totals[v.currency][bucket] += v.due
    items.sort(key=lambda it: (it.supplier_name.lower(), it.due_date, it.number))
    return AgedPayables(today, tuple(items), {k: dict(v) for k, v in sorted(totals.items())})
