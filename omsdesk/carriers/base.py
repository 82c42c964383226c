"""The Carrier protocol every connector implements, the values it takes and returns, and its errors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from omsdesk.models import OmsError

LabelFormat = Literal["pdf", "zpl"]


@dataclass(frozen=True)
class Address:
    name: str
    line1: str
    line2: str = ""
    postcode: str = ""
    city: str = ""
    province: str = ""
    country: str = "ES"
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ParcelRequest:
    """What a carrier needs to book one parcel. `key` is the same on every try of the same parcel."""

    key: str
    reference: str  # the order reference, printed on the label
    sender: Address
    recipient: Address
    weight_g: int
    service: str = ""
    length_mm: int | None = None
    width_mm: int | None = None
    height_mm: int | None = None
    packages: int = 1
    cod_amount: int = 0  # minor units to collect at the door (0: not cash on delivery)
    currency: str = "EUR"
    label_format: LabelFormat = "pdf"
    # An earlier try with this key may have reached the carrier: look for its booking first.
    retry: bool = False


@dataclass(frozen=True)
class Booking:
    """The carrier's answer to a booking: its numbers and the label to stick on the box."""

    tracking: str
    carrier_ref: str  # the carrier's own id of the parcel (to cancel it, fetch its label again)
    label: bytes
    label_format: str
    carrier_name: str = ""  # the carrier that will carry it (Sendcloud books with many)
    tracking_url: str = ""


@dataclass(frozen=True)
class TrackingUpdate:
    """One event a carrier reports, with the carrier's code kept and our status mapped from it."""

    tracking: str
    code: str
    status: str  # a models.carrier.TrackingStatus value
    at: datetime
    message: str = ""
    cod_collected: int = 0


@dataclass(frozen=True)
class TrackingAnswer:
    """What one tracking call found: events per tracking number, and the numbers the carrier does not know."""

    events: dict[str, list[TrackingUpdate]] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True)
class CarrierConfig:
    name: str
    kind: str
    url: str
    secret: str
    settings: dict[str, Any] = field(default_factory=dict)


class CarrierError(OmsError):
    """A carrier call failed; the message says why in words a clerk can act on."""

    retryable = False


class BookingRejected(CarrierError):
    """The carrier refused the parcel's data (4xx): fix the field named and book again."""

    def __init__(self, message: str, *, field_name: str = "") -> None:
        super().__init__(message)
        self.field_name = field_name


class CarrierUnavailable(CarrierError):
    """No usable answer (network, timeout, 5xx, rate limit): the same request may be tried later."""

    retryable = True


class CancelRefused(CarrierError):
    """The carrier will not cancel the label (handed over, past its deadline): the label stands."""


class CarrierAuthError(CarrierError):
    """The carrier refused the account's credentials."""


class LabelFormatError(CarrierError):
    """The carrier answered with a label that is not the PDF or ZPL asked for."""

    retryable = True


class Carrier(Protocol):
    """A carrier connector. Found by type name through the `omsdesk.carriers` entry-point group."""

    name: str

    def book(self, request: ParcelRequest) -> Booking:
        """Book the parcel (or find the booking an earlier try with the same key made)."""
        ...

    def label(self, carrier_ref: str, label_format: LabelFormat) -> tuple[bytes, str]:
        """The label of a booked parcel again: its bytes and format."""
        ...

    def cancel(self, carrier_ref: str) -> str:
        """Cancel a booked label not handed over yet: 'cancelled', or 'queued' when the carrier finishes later.

        CancelRefused when the carrier will not (the parcel is on its way, the deadline passed).
        """
        ...

    def track(self, tracking_numbers: Sequence[str]) -> TrackingAnswer:
        """The events of each parcel, oldest first."""
        ...

    def close(self) -> None: ...
