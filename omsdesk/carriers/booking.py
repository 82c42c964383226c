"""Book parcels with their carrier and print the labels: one parcel, one order, or a whole wave.

Each parcel is drafted in one transaction, booked over the network outside any, and the answer
(or the reason it failed) recorded in another; a wave goes parcel by parcel, reporting progress
and stopping between parcels when cancelled. Nothing is booked twice: a parcel with a label is
skipped, and a retry sends the same booking key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from omsdesk.carriers.accounts import connect
from omsdesk.carriers.base import Address, Carrier, CarrierError, ParcelRequest
from omsdesk.carriers.labels import check_label
from omsdesk.carriers.registry import CarrierFactory
from omsdesk.db import Database
from omsdesk.documents.errors import PrintError
from omsdesk.documents.printing import PrinterProfile, print_bytes
from omsdesk.models import OmsError, Shipment, ValidationError
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment import carriers as svc

Progress = Callable[[int, int, str], None]  # done, total, what is being done


@dataclass(frozen=True)
class LabelOutcome:
    shipment_id: int
    reference: str
    tracking: str = ""
    label: bytes = b""
    label_format: str = ""
    printed: str = ""   # the print job, or the file written
    error: str = ""     # why it was not booked or not printed


@dataclass
class WaveLabels:
    """What a wave's labels came to: each parcel's outcome, and whether the clerk stopped it."""

    outcomes: list[LabelOutcome] = field(default_factory=list)
    cancelled: bool = False
    skipped: list[int] = field(default_factory=list)

    @property
    def booked(self) -> int:
        return sum(1 for o in self.outcomes if o.tracking and not o.error)

    @property
    def failed(self) -> list[LabelOutcome]:
        return [o for o in self.outcomes if o.error]


class Bookings:
    """Books parcels through the accounts' connectors, one connector per account for the run."""

    def __init__(self, db: Database, *, actor: Actor, factory: CarrierFactory | None = None) -> None:
        self.db, self.actor, self.factory = db, actor, factory
        self._connectors: dict[str, Carrier] = {}

    def close(self) -> None:
        for connector in self._connectors.values():
            connector.close()
        self._connectors.clear()

    def __enter__(self) -> Bookings:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _connector(self, account: svc.AccountView) -> Carrier:
        if account.name not in self._connectors:
            self._connectors[account.name] = connect(account, self.factory)
        return self._connectors[account.name]

    def book(self, shipment_id: int, *, account: str | None = None, service: str = "", weight_g: int | None = None,
             label_format: str = "pdf") -> LabelOutcome:
        """Book one parcel, or return the label it already has; a refusal is recorded, never raised."""
        with self.db.write() as s:
            parcel = s.get(Shipment, shipment_id)
            if parcel is None:
                raise ValidationError(f"no parcel {shipment_id}")
            reference = parcel.order.reference
            if parcel.label is not None:
                return LabelOutcome(shipment_id, reference, parcel.tracking, parcel.label, parcel.label_format)
            chosen = svc.account_for(s, account) if account or parcel.carrier_account_id is None else \
                _account_by_id(s, parcel.carrier_account_id)
            if chosen is None:
                raise ValidationError("no carrier is configured: add one (omsdesk carriers add) or ship with a typed "
                                      "tracking number")
            try:
                draft = svc.draft_booking(s, shipment_id, chosen, service=service, weight_g=weight_g)
            except ValidationError as exc:
                draft, refusal = None, str(exc)
            else:
                refusal = ""
        if draft is None:
            svc.record_booking_failure(self.db, shipment_id, refusal, actor=self.actor)
            return LabelOutcome(shipment_id, reference, error=refusal)
        try:
            connector = self._connector(chosen)
            formats = getattr(connector, "formats", ("pdf",))
            wanted = label_format if label_format in formats else formats[0]
            # A label in the wrong format raises here too: the retry books with the same key, and
            # the carrier answers the booking it already made, with its label again.
            booking = connector.book(_request(draft, wanted))
            check_label(booking.label, wanted, chosen.name)
        except (CarrierError, OmsError) as exc:
            svc.record_booking_failure(self.db, shipment_id, str(exc), actor=self.actor)
            return LabelOutcome(shipment_id, reference, error=str(exc))
        done = svc.record_booking(self.db, shipment_id, carrier=booking.carrier_name or chosen.name,
                                  tracking=booking.tracking, carrier_ref=booking.carrier_ref, label=booking.label,
                                  label_format=booking.label_format, actor=self.actor)
        return LabelOutcome(shipment_id, reference, done.tracking, booking.label, booking.label_format)


def _account_by_id(session: Any, account_id: int) -> svc.AccountView | None:
    from omsdesk.models.carrier import CarrierAccount

    row = session.get(CarrierAccount, account_id)
    return svc.account_for(session, row.name) if row is not None and row.active else None


def _request(draft: svc.BookingDraft, label_format: str) -> ParcelRequest:
    return ParcelRequest(key=draft.key, reference=draft.reference, sender=Address(**draft.sender),
                         recipient=Address(**draft.recipient), weight_g=draft.weight_g, service=draft.service,
                         packages=draft.packages, cod_amount=draft.cod_amount, currency=draft.currency,
                         label_format="zpl" if label_format == "zpl" else "pdf", retry=draft.retry)


def print_label(outcome: LabelOutcome, printer: PrinterProfile) -> str:
    """Send a carrier label to the label printer in its own format; PrintError when they do not match."""
    if outcome.label_format != printer.format:
        raise PrintError(f"the label printer '{printer.queue}' takes {printer.format.upper()} but the carrier's "
                         f"label for {outcome.reference} is {outcome.label_format.upper()}")
    zpl = PrinterProfile(queue=printer.queue, media=printer.media, copies=1, format=printer.format,
                         server=printer.server, dpi=printer.dpi) if printer.format == "zpl" else printer
    return print_bytes(outcome.label, zpl, title=f"omsdesk label {outcome.reference}")


def book_and_print(db: Database, shipment_ids: Sequence[int], *, actor: Actor, printer: PrinterProfile | None,
                   factory: CarrierFactory | None = None, progress: Progress | None = None,
                   cancelled: Callable[[], bool] = lambda: False,
                   render: Callable[[LabelOutcome], str] | None = None) -> WaveLabels:
    """Book every parcel of a wave and print its label as it comes; one failure never stops the rest.

    `render` replaces the printer (a file per label, or the bench's in-memory sink).
    """
    report = WaveLabels()
    total = len(shipment_ids)
    label_format = printer.format if printer is not None else "pdf"
    with Bookings(db, actor=actor, factory=factory) as bookings:
        for i, sid in enumerate(shipment_ids):
            if cancelled():
                report.cancelled, report.skipped = True, list(shipment_ids[i:])
                break
            if progress is not None:
                progress(i, total, f"parcel {sid}")
            outcome = bookings.book(sid, label_format=label_format)
            if not outcome.error and outcome.label:
                try:
                    job = render(outcome) if render is not None else (
                        print_label(outcome, printer) if printer is not None else "")
                except (PrintError, OSError) as exc:
                    outcome = LabelOutcome(sid, outcome.reference, outcome.tracking, outcome.label,
                                           outcome.label_format, error=f"booked, not printed: {exc}")
                else:
                    outcome = LabelOutcome(sid, outcome.reference, outcome.tracking, outcome.label,
                                           outcome.label_format, printed=job)
            report.outcomes.append(outcome)
        if progress is not None and not report.cancelled:
            progress(total, total, "")
    return report
