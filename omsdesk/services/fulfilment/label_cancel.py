"""Cancelling a parcel's carrier label: which labels may go, and what the parcel becomes. No network.

The rule is `Shipment.label_cancel_refusal` (booked, still packed, nothing scanned in transit).
The carrier is asked between the two steps here (omsdesk.carriers.cancel), outside any
transaction: `label_to_cancel` reads what to cancel, `record_label_cancelled` voids the label
and puts the parcel back to "packed, not booked" with a fresh booking key to come, and
`record_cancel_refused` keeps the carrier's refusal in the order's history.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Order, ParcelStatus, Shipment, ValidationError
from omsdesk.models.carrier import CarrierAccount
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.carriers import AccountView, account_for


@dataclass(frozen=True)
class LabelToCancel:
    """One booked label the carrier is to be asked to cancel."""

    shipment_id: int
    reference: str
    account: AccountView
    carrier: str
    tracking: str
    carrier_ref: str


@dataclass(frozen=True)
class CancelledLabel:
    shipment_id: int
    reference: str
    carrier: str
    tracking: str       # the number the cancelled label carried (kept in the order's history)
    queued: bool        # the carrier accepted the cancellation and will finish it later


def label_to_cancel(session: Session, reference: str, parcel: int | None = None) -> LabelToCancel:
    """The label to cancel: the named parcel's, or the order's only cancellable one; ValidationError says why not."""
    order = session.scalar(select(Order).where(Order.reference == reference))
    if order is None:
        raise ValidationError(f"no order {reference}")
    if parcel is not None:
        chosen = next((p for p in order.parcels if p.id == parcel), None)
        if chosen is None:
            raise ValidationError(f"order {reference} has no parcel {parcel}")
    else:
        booked = [p for p in order.parcels if p.label is not None]
        if not booked:
            raise ValidationError(f"order {reference} has no carrier label to cancel")
        ready = [p for p in booked if not p.label_cancel_refusal()]
        if len(ready) > 1:
            ids = ", ".join(str(p.id) for p in ready)
            raise ValidationError(f"order {reference} has several labels that could be cancelled (parcels {ids}): "
                                  "name one with --parcel")
        chosen = ready[0] if ready else booked[-1]
    refusal = chosen.label_cancel_refusal()
    if refusal:
        raise ValidationError(f"{reference}: {refusal}")
    row = session.get(CarrierAccount, chosen.carrier_account_id)
    if row is None or not row.active:
        raise ValidationError(f"{reference}: the carrier account that booked parcel {chosen.id} has been removed; "
                              "cancel the label in the carrier's own panel")
    account = account_for(session, row.name)
    assert account is not None
    return LabelToCancel(chosen.id, order.reference, account, chosen.carrier, chosen.tracking, chosen.carrier_ref)


def record_label_cancelled(db: Database, target: LabelToCancel, *, queued: bool, actor: Actor) -> CancelledLabel:
    """The carrier cancelled (or queued the cancelling of) the label: void it, the parcel is packed, not booked.

    The booking key goes too: booking again is a new parcel at the carrier, never the
    cancelled one found again by its key.
    """
    with db.write() as s:
        parcel = s.get(Shipment, target.shipment_id)
        if parcel is None:
            raise ValidationError(f"no parcel {target.shipment_id}")
        order = parcel.order
        parcel.label, parcel.label_format, parcel.carrier_ref, parcel.booking_key = None, "", "", ""
        parcel.tracking, parcel.booked_at, parcel.tracking_status = "", None, ""
        parcel.booking_error, parcel.booking_failed_at = "", None
        parcel.tracking_next_at, parcel.tracking_failures, parcel.tracking_error = None, 0, ""
        if parcel.status != ParcelStatus.PACKED.value:
            # It left the bench while the carrier was being asked: the inbox asks for a new label.
            parcel.booking_error = (f"its label {target.carrier} {target.tracking} was cancelled at the carrier "
                                    f"after the parcel was {parcel.status}; book a new label")
            parcel.booking_failed_at = parcel.shipped_at
        else:
            parcel.carrier = ""
        how = "cancellation queued at the carrier" if queued else "cancelled"
        audit.record(s, actor, entity="order", entity_id=order.id, reference=order.reference,
                     action="label-cancel", from_status=order.status, to_status=order.status,
                     reason=f"parcel {parcel.id}: label {target.carrier} {target.tracking} {how}"[:500])
        return CancelledLabel(parcel.id, order.reference, target.carrier, target.tracking, queued)


def record_cancel_refused(db: Database, target: LabelToCancel, reason: str, *, actor: Actor) -> None:
    """The carrier would not cancel: the label stands, and the order's history says why."""
    with db.write() as s:
        order = s.scalar(select(Order).where(Order.reference == target.reference))
        if order is None:
            return
        audit.record(s, actor, entity="order", entity_id=order.id, reference=order.reference,
                     action="label-cancel-refused", from_status=order.status, to_status=order.status,
                     reason=f"parcel {target.shipment_id}: {reason}"[:500])
