"""Pick and pack: build a pick list sorted by bin, verify each scan against it, pack what was picked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.documents.data import (
    DocLine,
    LabelDoc,
    Language,
    PackingSlipDoc,
    Party,
    PickListDoc,
    PickRow,
)
from omsdesk.models import (
    Order,
    ParcelStatus,
    Product,
    Shipment,
    ValidationError,
    check_transition,
)
from omsdesk.models.base import utcnow
from omsdesk.models.claims import PickClaim
from omsdesk.queries.documents import sender_for
from omsdesk.queries.picking import PICKABLE, pick_items
from omsdesk.services import audit
from omsdesk.services.catalog import set_bin_in
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.carriers import account_for
from omsdesk.services.fulfilment.claims import DEFAULT_TIMEOUT, claim_holders_in, leave_claims_in
from omsdesk.services.fulfilment.parcels import choose_parcels, pack_in, parcel_units, pick_in
from omsdesk.services.fulfilment.status import load_order
from omsdesk.services.ledger.stock import product_by_sku, warehouse_by_code


class ScanRefused(ValidationError):
    """A scan that does not match what is left to pick; nothing was counted."""


class WrongItem(ScanRefused):
    def __init__(self, code: str) -> None:
        super().__init__(f"'{code}' is not on this pick list: put it back")
        self.code = code


class OverPick(ScanRefused):
    def __init__(self, sku: str, wanted: int) -> None:
        super().__init__(f"{sku} is already picked ({wanted} of {wanted}): put the extra one back")
        self.sku = sku
        self.wanted = wanted


@dataclass(frozen=True)
class ScanResult:
    row_index: int
    sku: str
    bin: str
    picked: int
    qty: int
    complete: bool  # the whole list is picked


@dataclass
class PickProgress:
    """The scans of one pick list: which units of each bin row are in the tote.

    The verification rules live here, next to the counts they guard, so the widget only
    shows what this says (and every caller, a handheld or the CLI, gets the same rules).
    """

    rows: tuple[PickRow, ...]
    picked: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.picked:
            self.picked = [0] * len(self.rows)

    @property
    def complete(self) -> bool:
        return bool(self.rows) and all(p >= r.qty for p, r in zip(self.picked, self.rows, strict=True))

    @property
    def units_left(self) -> int:
        return sum(r.qty - p for p, r in zip(self.picked, self.rows, strict=True))

    def scan(self, code: str) -> ScanResult:
        """Count one unit of the scanned SKU or EAN, in bin order; refuse a wrong item or an over-pick."""
        code = code.strip()
        matches = [i for i, r in enumerate(self.rows) if code and code in (r.sku, r.ean)]
        if not matches:
            raise WrongItem(code)
        for i in matches:
            if self.picked[i] < self.rows[i].qty:
                self.picked[i] += 1
                row = self.rows[i]
                return ScanResult(i, row.sku, row.bin, self.picked[i], row.qty, self.complete)
        row = self.rows[matches[0]]
        wanted = sum(self.rows[i].qty for i in matches)
        raise OverPick(row.sku, wanted)


@dataclass(frozen=True)
class PickPlan:
    doc: PickListDoc
    references: tuple[str, ...]
    skipped: tuple[str, ...]  # asked for but not pickable (not allocated, already packed...)


@dataclass(frozen=True)
class PackResult:
    references: tuple[str, ...]
    slips: tuple[PackingSlipDoc, ...]
    labels: tuple[LabelDoc, ...]
    parcels: tuple[int, ...] = ()  # the packed parcels' ids, in the order of their slips
    carrier: bool = False  # a carrier account books these parcels: its labels replace ours


def start_picking(db: Database, references: Sequence[str], *, actor: Actor, wave: str = "",
                  warehouse: str = "", language: Language = "es", resume: bool = True,
                  claim_id: int | None = None, timeout: timedelta = DEFAULT_TIMEOUT) -> PickPlan:
    """Start picking the orders for this picker (allocated -> picking) and return their pick list by bin.

    `claim_id` (a wave claimed with claims.claim_wave) picks only that claim's parcels; the
    claim's orders left out of `references` go back to the pool. Without it, a parcel in another
    desk's live claim is skipped (a claim silent for longer than `timeout` is expired instead). `resume=False` takes only open parcels, so two pickers
    building lists at once never walk for the same order; on PostgreSQL an order another
    workstation is starting right now is skipped (SKIP LOCKED) rather than waited for.
    `resume=True` also accepts parcels already in picking, for a picker who restarts an
    interrupted list by reference.
    """
    if not references:
        raise ValidationError("choose at least one order to pick")
    # A wave claims parcels still open; a restart by reference also takes up ones in picking.
    wanted = (ParcelStatus.OPEN.value, ParcelStatus.PICKING.value) if resume else (ParcelStatus.OPEN.value,)
    with db.write() as s:
        if claim_id is not None:
            claim = s.get(PickClaim, claim_id)
            if claim is None or claim.state != "active":
                raise ValidationError(f"wave claim {claim_id} has ended (expired or released): "
                                      "its orders are back in the pool, load a new wave")
            wave = wave or claim.name
        stmt = (select(Order).where(Order.reference.in_(list(references)), Order.status.in_(PICKABLE))
                .order_by(Order.id))
        if s.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True, of=Order)
        claimed = {order.reference: order for order in s.scalars(stmt)}
        wid = warehouse_by_code(s, warehouse).id if warehouse else None
        refs: list[str] = []
        candidates: dict[str, list[Shipment]] = {}
        for ref in references:
            order = claimed.get(ref)
            if order is None or ref in candidates:
                continue
            # A picker walks one warehouse: only its parcel (a split order's other parcel
            # waits for its own warehouse's picker).
            candidates[ref] = [p for p in choose_parcels(s, order)
                               if p.status in wanted and (wid is None or p.warehouse_id == wid)]
        # The one claim rule (claims.claim_holders_in): another bench's live claim is its own.
        held = {} if claim_id is not None else claim_holders_in(
            s, [p for ps in candidates.values() for p in ps], actor=actor, timeout=timeout)
        for ref, found in candidates.items():
            if claim_id is not None:
                parcels = [p for p in found if p.claim_id == claim_id]
            else:
                parcels = [p for p in found if p.id not in held]
            if not parcels:
                continue
            pick_in(s, claimed[ref], actor=actor, parcels=parcels, reason=f"pick list {wave}".strip())
            refs.append(ref)
        if claim_id is not None:
            # The claim's orders the picker left out are free for another bench.
            s.execute(update(Shipment).where(Shipment.claim_id == claim_id,
                                             Shipment.status == ParcelStatus.OPEN.value)
                      .values(claim_id=None).execution_options(synchronize_session="fetch"))
        if not refs:
            raise ValidationError("none of the chosen orders has a parcel waiting to be picked"
                                  + (f" in {warehouse}" if warehouse else ""))
        s.flush()
        items = pick_items(s, refs, warehouse or None)
    now = utcnow()
    name = wave or f"W-{now:%Y%m%d-%H%M%S}"
    doc = PickListDoc.from_items(name, warehouse, now, items, language)
    skipped = tuple(r for r in references if r not in refs)
    return PickPlan(doc, tuple(refs), skipped)


def pack_picked(db: Database, plan: PickPlan, progress: PickProgress, *, actor: Actor,
                language: Language = "es") -> PackResult:
    """Mark every order of a fully picked list packed, and return its packing slips and labels."""
    if not progress.complete:
        raise ValidationError(f"{progress.units_left} unit(s) still to pick before packing")
    slips: list[PackingSlipDoc] = []
    labels: list[LabelDoc] = []
    packed: list[int] = []
    with db.write() as s:
        wid = warehouse_by_code(s, plan.doc.warehouse).id if plan.doc.warehouse else None
        for ref in plan.references:
            order = load_order(s, ref)
            check_transition("pack", order.status, order.reference)
            parcels = [p for p in choose_parcels(s, order)
                       if p.status == ParcelStatus.PICKING.value and (wid is None or p.warehouse_id == wid)]
            if not parcels:
                raise ValidationError(f"order {ref} has no parcel being picked on this list")
            first = not order.shipments
            pack_in(s, order, actor=actor, parcels=parcels, reason=f"packed from {plan.doc.wave}")
            leave_claims_in(s, parcels)  # picked: the bench's claim on them is fulfilled
            for i, parcel in enumerate(parcels):
                # Services (shipping, gift wrap) travel with the first parcel to leave.
                units = _with_services(order, parcel_units(order, parcel), first and i == 0)
                # The parcel leaves from its warehouse: that address is the sender on slip and label.
                sender = sender_for(s, parcel.warehouse_id)
                slips.append(_slip(order, sender, language, units))
                labels.append(_label(s, order, sender, language, units))
                packed.append(parcel.id)
        carrier = account_for(s) is not None
    return PackResult(plan.references, tuple(slips), tuple(labels), tuple(packed), carrier)


def _recipient(order: Order) -> Party:
    lines = tuple(v for v in (order.ship_line1, order.ship_line2,
                              f"{order.ship_postcode} {order.ship_city}".strip(), order.ship_province) if v)
    return Party(name=order.ship_name or order.customer_name or order.reference,
                 address_lines=lines, country=order.ship_country, email=order.customer_email)


def _with_services(order: Order, units: dict[str, int], first: bool) -> dict[str, int]:
    if not first:
        return units
    out = dict(units)
    for ln in order.lines:
        if not ln.product.stock_tracked and ln.qty_open > 0:
            out[ln.sku] = out.get(ln.sku, 0) + ln.qty_open
    return out


def _slip(order: Order, shipper: Party, language: Language, units: dict[str, int]) -> PackingSlipDoc:
    names = {ln.sku: ln.name for ln in order.lines}
    lines = tuple(DocLine(sku=sku, name=names.get(sku, sku), qty=qty) for sku, qty in units.items() if qty > 0)
    placed: datetime = order.placed_at
    return PackingSlipDoc(order_ref=order.reference, order_date=placed.date(), ship_to=_recipient(order),
                          lines=lines, shipper=shipper, external_ref=order.external_id or "",
                          language=language)


def _label(session: Session, order: Order, shipper: Party, language: Language,
           units: dict[str, int]) -> LabelDoc:
    ids = [ln.product_id for ln in order.lines if ln.sku in units]
    weights = {pid: grams for pid, grams in session.execute(
        select(Product.id, Product.weight_g).where(Product.id.in_(ids)))}
    per_sku = {ln.sku: weights.get(ln.product_id, 0) for ln in order.lines}
    weight = sum(per_sku.get(sku, 0) * qty for sku, qty in units.items())
    # No carrier is booked at pack time yet, so the barcode carries the order reference,
    # which the dispatch desk scans to ship; the carrier's number replaces it on booking.
    return LabelDoc(sender=shipper, recipient=_recipient(order), carrier="", service="",
                    tracking=order.reference, weight_g=weight, order_ref=order.reference,
                    language=language)


def assign_bin(db: Database, sku: str, warehouse: str, bin_code: str, *, actor: Actor) -> None:
    """Record where a product is shelved in a warehouse, so pick lists walk the aisles in order."""
    code = bin_code.strip().upper()
    with db.write() as s:
        product = product_by_sku(s, sku)
        wh = warehouse_by_code(s, warehouse)
        before = set_bin_in(s, product, wh, code)
        if before is None:
            return
        audit.record(s, actor, entity="stock", entity_id=product.id, reference=f"{sku}@{wh.code}",
                     action="assign_bin", reason=f"bin {before or '-'} -> {code or '-'}")
