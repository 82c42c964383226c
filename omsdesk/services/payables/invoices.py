"""Supplier invoices recorded against a purchase order and its receipts, matched line by line.

The three-way match compares, per purchase-order line, what was ordered (PO quantity and unit
cost), what was received (the receipts booked on the PO) and what suppliers have invoiced
(this invoice plus earlier ones). Any difference is stored on the line and holds the invoice
for payment until someone approves it with a reason: nothing is accepted silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from omsdesk.db import Database
from omsdesk.invoicing.taxes import check_rate
from omsdesk.models import ConflictError, NotFound, Product, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.money import tax_on_net
from omsdesk.models.party import PaymentTerms
from omsdesk.models.payables import (
    SupplierInvoice,
    SupplierInvoiceLine,
    SupplierInvoiceTax,
    SupplierPayment,
)
from omsdesk.models.planning import PurchaseOrder, PurchaseOrderLine, PurchaseStatus, Supplier
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.validation import positive_int

OVER_RECEIVED = "over_received"  # invoiced (with earlier invoices) more than was received
OVER_ORDERED = "over_ordered"    # invoiced more than was ordered
PRICE = "price"                  # unit price differs from the purchase order's cost
METHODS = ("transfer", "card", "cash", "direct_debit", "other")


@dataclass(frozen=True)
class InvoicedLine:
    """What the supplier's invoice says for one SKU; VAT rate None takes the product's."""

    sku: str
    qty: int
    unit_price: int
    tax_rate_bp: int | None = None


@dataclass(frozen=True)
class MatchLine:
    sku: str
    ordered: int
    received: int
    previously_invoiced: int
    invoiced: int
    ordered_price: int
    invoiced_price: int
    tax_rate_bp: int
    differences: tuple[str, ...]

    @property
    def matched(self) -> bool:
        return not self.differences


@dataclass(frozen=True)
class PayableView:
    id: int
    supplier: str
    supplier_name: str
    purchase_order: str
    number: str
    invoice_date: date
    due_date: date
    currency: str
    total_net: int
    total_tax: int
    total: int
    paid: int
    has_differences: bool
    approved: bool
    taxes: tuple[tuple[int, int, int], ...]  # (rate bp, base, tax)
    lines: tuple[MatchLine, ...]

    @property
    def due(self) -> int:
        return self.total - self.paid

    @property
    def status(self) -> str:
        if self.paid >= self.total:
            return "paid"
        if self.has_differences and not self.approved:
            return "on_hold"
        return "partly_paid" if self.paid else "open"


def _po(session: Session, reference: str, *, lock: bool = False) -> PurchaseOrder:
    stmt = select(PurchaseOrder).where(PurchaseOrder.reference == reference.strip())
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(of=PurchaseOrder)
    po = session.scalar(stmt.options(selectinload(PurchaseOrder.lines)))
    if po is None:
        raise NotFound(f"unknown purchase order '{reference}'")
    return po


def _already_invoiced(session: Session, po: PurchaseOrder) -> dict[int, int]:
    return {lid: int(q) for lid, q in session.execute(
        select(SupplierInvoiceLine.purchase_order_line_id, func.sum(SupplierInvoiceLine.qty))
        .where(SupplierInvoiceLine.purchase_order_line_id.in_([ln.id for ln in po.lines]))
        .group_by(SupplierInvoiceLine.purchase_order_line_id))}


def match_in(session: Session, po: PurchaseOrder,
             lines: Sequence[InvoicedLine]) -> list[tuple[PurchaseOrderLine, MatchLine]]:
    """The three-way match of invoiced lines against a purchase order, without storing anything."""
    if not lines:
        raise ValidationError("a supplier invoice needs at least one line (SKU:QTY:UNIT_PRICE)")
    products = {p.id: p for p in session.scalars(
        select(Product).where(Product.id.in_([ln.product_id for ln in po.lines])))}
    by_sku = {products[ln.product_id].sku: ln for ln in po.lines}
    before = _already_invoiced(session, po)
    seen: set[str] = set()
    out = []
    for given in lines:
        if given.sku not in by_sku:
            raise ValidationError(f"SKU {given.sku} is not on purchase order {po.reference}")
        if given.sku in seen:
            raise ValidationError(f"SKU {given.sku} is on the invoice twice; give it once")
        seen.add(given.sku)
        qty = positive_int(given.qty, f"quantity of {given.sku}")
        if isinstance(given.unit_price, bool) or not isinstance(given.unit_price, int) or given.unit_price < 0:
            raise ValidationError(f"unit price of {given.sku} must be whole cents, got {given.unit_price!r}")
        pol = by_sku[given.sku]
        rate = check_rate(given.tax_rate_bp if given.tax_rate_bp is not None
                          else products[pol.product_id].tax_rate_bp, given.sku)
        earlier = before.get(pol.id, 0)
        diffs = []
        if earlier + qty > pol.qty_received:
            diffs.append(OVER_RECEIVED)
        if earlier + qty > pol.qty:
            diffs.append(OVER_ORDERED)
        if given.unit_price != pol.unit_cost:
            diffs.append(PRICE)
        out.append((pol, MatchLine(given.sku, pol.qty, pol.qty_received, earlier, qty, pol.unit_cost,
                                   given.unit_price, rate, tuple(diffs))))
    return out


def preview_match(db: Database, po_reference: str, lines: Sequence[InvoicedLine]) -> tuple[MatchLine, ...]:
    """The match the record dialog shows before anything is stored."""
    with db.read() as s:
        return tuple(m for _, m in match_in(s, _po(s, po_reference), lines))


def due_date_for(terms: str, invoice_date: date) -> date:
    """The supplier's terms from the invoice date: netN adds N days; immediate and cod are due at once."""
    parsed = PaymentTerms.parse(terms or "immediate")
    return invoice_date + timedelta(days=parsed.days if parsed.kind == "net" else 0)


def record_supplier_invoice(db: Database, *, supplier: str, po_reference: str, number: str,
                            invoice_date: date, lines: Sequence[InvoicedLine], actor: Actor,
                            notes: str = "") -> PayableView:
    """Store a supplier's invoice against its purchase order, with the match of every line.

    Refused: an unknown supplier or PO, a PO of another supplier or still a draft, a number the
    supplier already used, SKUs not on the PO. Differences are stored and hold the invoice.
    """
    if not number.strip():
        raise ValidationError("the supplier's invoice number is required")
    with db.write() as s:
        sup = s.scalar(select(Supplier).where(Supplier.code == supplier.strip()))
        if sup is None:
            raise NotFound(f"unknown supplier '{supplier}'")
        po = _po(s, po_reference, lock=True)
        if po.supplier_id != sup.id:
            raise ValidationError(f"purchase order {po.reference} is not from supplier {sup.code}")
        if po.status in (PurchaseStatus.DRAFT.value, PurchaseStatus.CANCELLED.value):
            raise ValidationError(f"purchase order {po.reference} is {po.status}; it cannot be invoiced")
        if s.scalar(select(SupplierInvoice.id).where(SupplierInvoice.supplier_id == sup.id,
                                                     SupplierInvoice.number == number.strip())):
            raise ConflictError(f"supplier {sup.code} invoice {number.strip()} is already recorded")
        matched = match_in(s, po, lines)
        inv = SupplierInvoice(supplier_id=sup.id, purchase_order_id=po.id, number=number.strip(),
                              invoice_date=invoice_date, due_date=due_date_for(sup.payment_terms, invoice_date),
                              currency=po.currency, notes=notes.strip()[:500], user=actor.user,
                              has_differences=any(not m.matched for _, m in matched))
        bases: dict[int, int] = defaultdict(int)
        for no, (pol, m) in enumerate(matched, start=1):
            net = m.invoiced * m.invoiced_price
            bases[m.tax_rate_bp] += net
            inv.lines.append(SupplierInvoiceLine(
                line_no=no, purchase_order_line_id=pol.id, sku=m.sku, qty=m.invoiced,
                unit_price=m.invoiced_price, tax_rate_bp=m.tax_rate_bp, net=net, ordered_qty=m.ordered,
                received_qty=m.received, previously_invoiced=m.previously_invoiced,
                ordered_price=m.ordered_price, differences=",".join(m.differences)))
        # Input VAT per rate on the rate's base, as a Spanish invoice states it (RD 1619/2012 art. 6.1.g).
        for rate, base in sorted(bases.items(), reverse=True):
            inv.taxes.append(SupplierInvoiceTax(rate_bp=rate, base=base, tax=tax_on_net(base, rate)))
        inv.total_net = sum(t.base for t in inv.taxes)
        inv.total_tax = sum(t.tax for t in inv.taxes)
        inv.total = inv.total_net + inv.total_tax
        s.add(inv)
        s.flush()
        audit.record(s, actor, entity="supplier_invoice", entity_id=inv.id, reference=inv.number,
                     action="record", to_status="on_hold" if inv.has_differences else "open",
                     reason=f"{po.reference} {inv.total} {inv.currency}")
        return _view(s, inv)


def _load(session: Session, invoice_id: int, *, lock: bool = False) -> SupplierInvoice:
    stmt = select(SupplierInvoice).where(SupplierInvoice.id == invoice_id)
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    inv = session.scalar(stmt.execution_options(populate_existing=True))
    if inv is None:
        raise NotFound(f"unknown supplier invoice {invoice_id}")
    return inv


def approve_supplier_invoice(db: Database, invoice_id: int, *, reason: str, actor: Actor) -> PayableView:
    """Accept the differences of a held invoice (e.g. the supplier's new price was agreed)."""
    if not reason.strip():
        raise ValidationError("approving differences needs a reason")
    with db.write() as s:
        inv = _load(s, invoice_id, lock=True)
        if not inv.has_differences:
            raise ConflictError(f"supplier invoice {inv.number} matches its order; nothing to approve")
        if inv.approved_at is not None:
            raise ConflictError(f"supplier invoice {inv.number} is already approved")
        inv.approved_at, inv.approved_by, inv.approval_reason = utcnow(), actor.user, reason.strip()[:300]
        audit.record(s, actor, entity="supplier_invoice", entity_id=inv.id, reference=inv.number,
                     action="approve", from_status="on_hold", to_status="open", reason=reason.strip())
        return _view(s, inv)


def pay_supplier_invoice(db: Database, invoice_id: int, *, amount: int, actor: Actor,
                         method: str = "transfer", reference: str = "",
                         now: datetime | None = None) -> PayableView:
    """Record money paid to the supplier, all or part of what is due; refuses more than is due."""
    amount = positive_int(amount, "payment amount")
    if method not in METHODS:
        raise ValidationError(f"unknown payment method '{method}' (use {', '.join(METHODS)})")
    with db.write() as s:
        inv = _load(s, invoice_id, lock=True)
        view = _view(s, inv)
        if view.status == "on_hold":
            raise ConflictError(f"supplier invoice {inv.number} differs from its order and receipts; "
                                "approve it first ('omsdesk payables approve')")
        if amount > view.due:
            raise ValidationError(f"payment of {amount} exceeds the {view.due} due on {inv.number}")
        inv.payments.append(SupplierPayment(amount=amount, currency=inv.currency, method=method,
                                            reference=reference.strip()[:100], paid_at=now or utcnow(),
                                            user=actor.user))
        s.flush()
        after = _view(s, inv)
        audit.record(s, actor, entity="supplier_invoice", entity_id=inv.id, reference=inv.number,
                     action="pay", from_status=view.status, to_status=after.status,
                     reason=f"{method} {amount} {inv.currency}")
        return after


def _view(session: Session, inv: SupplierInvoice) -> PayableView:
    sup = session.get(Supplier, inv.supplier_id)
    po = session.get(PurchaseOrder, inv.purchase_order_id)
    assert sup is not None and po is not None
    lines = tuple(MatchLine(ln.sku, ln.ordered_qty, ln.received_qty, ln.previously_invoiced, ln.qty,
                            ln.ordered_price, ln.unit_price, ln.tax_rate_bp,
                            tuple(d for d in ln.differences.split(",") if d)) for ln in inv.lines)
    return PayableView(inv.id, sup.code, sup.name, po.reference, inv.number, inv.invoice_date,
                       inv.due_date, inv.currency, inv.total_net, inv.total_tax, inv.total,
                       sum(p.amount for p in inv.payments), inv.has_differences,
                       inv.approved_at is not None,
                       tuple((t.rate_bp, t.base, t.tax) for t in inv.taxes), lines)


def supplier_invoice(session: Session, invoice_id: int) -> PayableView:
    return _view(session, _load(session, invoice_id))


def supplier_invoices(session: Session, *, supplier: str | None = None, open_only: bool = False,
                      limit: int = 200) -> list[PayableView]:
    """Supplier invoices, newest first."""
    stmt = (select(SupplierInvoice).options(selectinload(SupplierInvoice.lines),
                                            selectinload(SupplierInvoice.taxes),
                                            selectinload(SupplierInvoice.payments))
            .order_by(SupplierInvoice.invoice_date.desc(), SupplierInvoice.id.desc()))
    if supplier:
        stmt = stmt.join(Supplier, Supplier.id == SupplierInvoice.supplier_id).where(Supplier.code == supplier)
    views = [_view(session, i) for i in session.scalars(stmt.limit(limit if not open_only else None))]
    return [v for v in views if v.due > 0][:limit] if open_only else views
