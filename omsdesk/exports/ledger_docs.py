"""Money movements the accounting exports book besides sales invoices: receipts and supplier invoices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Receipt:
    """Money in (a customer payment), money out (a refund, negative) or a payment to a supplier."""

    when: date
    reference: str
    document: str
    customer: str       # customer or supplier name
    account: str        # customer reference (C0000012, CASH) or supplier code
    amount: int
    currency: str
    party_id: int | None = None   # customer or supplier id: its own subaccount in ContaPlus


@dataclass(frozen=True)
class Purchase:
    """One supplier invoice: its totals and its input VAT per rate (rate_bp, base, tax)."""

    when: date
    document: str
    supplier: str
    net: int
    tax: int
    total: int
    currency: str
    supplier_id: int = 0
    number: str = ""
    taxes: tuple[tuple[int, int, int], ...] = ()
