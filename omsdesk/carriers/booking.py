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
        # Read once for the run (a wave asks the same for every parcel): the accounts by how
        # they were chosen, and each warehouse's sender.
        self._accounts: dict[tuple[str, int], svc.AccountView | None] = {}
        self._senders: dict[int, Any] = {}

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

    def prepare(self, session: Any, shipment_id: int, *, account: str | None = None, service: str = "",
                weight_g: int | None = None) -> LabelOutcome | tuple[svc.BookingDraft, svc.AccountView]:
        """In the caller's transaction: the parcel's label if it has one, its refusal (recorded), or its draft.

        The draft fixes the booking key; once committed, any later try is a retry.
        """
        parcel = session.get(Shipment, shipment_id)
        if parcel is None:
            raise ValidationError(f"no parcel {shipment_id}")
        reference = parcel.order.reference
        if parcel.label is not None:
            return LabelOutcome(shipment_id, reference, parcel.tracking, parcel.label, parcel.label_format)
        chosen = self._account(session, account, parcel.carrier_account_id)
        if chosen is None:
            raise ValidationError("no carrier is configured: add one (omsdesk carriers add) or ship with a typed "
                                  "tracking number")
        try:
            return svc.draft_booking(session, shipment_id, chosen, service=service, weight_g=weight_g,
                                     senders=self._senders), chosen
        except ValidationError as exc:
            svc.record_failure_in(session, shipment_id, str(exc), actor=self.actor)
            return LabelOutcome(shipment_id, reference, error=str(exc))

    def _account(self, session: Any, name: str | None, account_id: int | None) -> svc.AccountView | None:
        key = (name or "", 0) if name or account_id is None else ("", account_id)
        if key not in self._accounts:
            self._accounts[key] = svc.account_for(session, name) if name or account_id is None else \
                _account_by_id(session, account_id)
        return self._accounts[key]

    def call(self, draft: svc.BookingDraft, chosen: svc.AccountView, label_format: str) -> svc.BookingResult:
        """Book over the network (no transaction open); every carrier trouble comes back as an error."""
        try:
            connector = self._connector(chosen)
            formats = getattr(connector, "formats", ("pdf",))
            wanted = label_format if label_format in formats else formats[0]
            # A label in the wrong format raises here too: the retry books with the same key, and
            # the carrier answers the booking it already made, with its label again.
            booking = connector.book(_request(draft, wanted))
            check_label(booking.label, wanted, chosen.name)
        except (CarrierError, OmsError) as exc:
            return svc.BookingResult(draft.shipment_id, error=str(exc))
        return svc.BookingResult(draft.shipment_id, booking.carrier_name or chosen.name, booking.tracking,
                                 booking.carrier_ref, booking.label, booking.label_format)

    def book(self, shipment_id: int, *, account: str | None = None, service: str = "", weight_g: int | None = None,
             label_format: str = "pdf") -> LabelOutcome:
        """Book one parcel, or return the label it already has; a refusal is recorded, never raised."""
        with self.db.write() as s:
            prepared = self.prepare(s, shipment_id, account=account, service=service, weight_g=weight_g)
        if isinstance(prepared, LabelOutcome):
            return prepared
        draft, chosen = prepared
        result = self.call(draft, chosen, label_format)
        svc.record_bookings(self.db, [result], actor=self.actor)
        return _outcome(draft.reference, result)


def _outcome(reference: str, result: svc.BookingResult) -> LabelOutcome:
    return LabelOutcome(result.shipment_id, reference, result.tracking, result.label, result.label_format,
                        error=result.error)


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


CHUNK = 20  # parcels drafted, then recorded, per transaction: short write locks, few commits


def book_and_print(db: Database, shipment_ids: Sequence[int], *, actor: Actor, printer: PrinterProfile | None,
                   factory: CarrierFactory | None = None, progress: Progress | None = None,
                   cancelled: Callable[[], bool] = lambda: False,
                   render: Callable[[LabelOutcome], str] | None = None) -> WaveLabels:
    """Book every parcel of a wave and print its label as it comes; one failure never stops the rest.

    Parcels go in chunks: drafted in one transaction (their keys committed), booked one by one,
    and recorded in one more. A crash between booking and recording loses nothing: the next try
    is a retry with the same key, and the carrier answers the booking it made.
    `render` replaces the printer (a file per label, or the bench's in-memory sink).
    """
    report = WaveLabels()
    ids = list(shipment_ids)
    total = len(ids)
    label_format = printer.format if printer is not None else "pdf"
    with Bookings(db, actor=actor, factory=factory) as bookings:
        for start in range(0, total, CHUNK):
            if cancelled():
                report.cancelled, report.skipped = True, ids[start:]
                break
            with db.write() as s:
                held = svc.load_parcels(s, ids[start:start + CHUNK])
                prepared = [bookings.prepare(s, sid) for sid in ids[start:start + CHUNK]]
                del held
            results: list[svc.BookingResult] = []
            try:
                for offset, item in enumerate(prepared):
                    if offset and cancelled():
                        report.cancelled, report.skipped = True, ids[start + offset:]
                        break
                    if progress is not None:
                        progress(start + offset, total, f"parcel {ids[start + offset]}")
                    if isinstance(item, LabelOutcome):
                        outcome = item
                    else:
                        draft, chosen = item
                        result = bookings.call(draft, chosen, label_format)
                        results.append(result)
                        outcome = _outcome(draft.reference, result)
                    report.outcomes.append(_printed(outcome, printer, render))
            finally:
                if results:
                    svc.record_bookings(db, results, actor=actor)
            if report.cancelled:
                break
        if progress is not None and not report.cancelled:
            progress(total, total, "")
    return report


def _printed(outcome: LabelOutcome, printer: PrinterProfile | None,
             render: Callable[[LabelOutcome], str] | None) -> LabelOutcome:
    if outcome.error or not outcome.label:
        return outcome
    try:
        job = render(outcome) if render is not None else (print_label(outcome, printer) if printer else "")
    except (PrintError, OSError) as exc:
        return LabelOutcome(outcome.shipment_id, outcome.reference, outcome.tracking, outcome.label,
                            outcome.label_format, error=f"booked, not printed: {exc}")
    return LabelOutcome(outcome.shipment_id, outcome.reference, outcome.tracking, outcome.label,
                        outcome.label_format, printed=job)
