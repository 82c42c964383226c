"""Sendcloud (API v2): announce a parcel with its label, fetch and cancel labels, read tracking.

Basic auth with the account's public and secret key. A parcel is created with
`request_label: true` and our booking key as `external_reference`; before a retry the parcels
with that reference are looked up, so a retry after a timeout finds the first booking instead of
making a second one (the first try of a parcel skips that round trip). Sendcloud v2 gives PDF labels only (A6 for label printers).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from omsdesk.carriers.base import (
    Booking,
    BookingRejected,
    CancelRefused,
    CarrierConfig,
    CarrierUnavailable,
    LabelFormat,
    ParcelRequest,
    TrackingAnswer,
    TrackingUpdate,
)
from omsdesk.carriers.http import (
    body_of,
    carrier_errors,
    make_client,
    plain_rejection,
    split_secret,
)
from omsdesk.carriers.labels import check_label
from omsdesk.models.carrier import TrackingStatus as T
from omsdesk.sync.errors import RequestRejected
from omsdesk.sync.ratelimit import RateLimit, TokenBucket

DEFAULT_URL = "https://panel.sendcloud.sc/api/v2"
# Sendcloud's parent_status of a tracking update -> ours; anything else is on its way.
PARENT_STATUS = {
    "announced": T.BOOKED, "ready-to-send": T.BOOKED, "announcing": T.BOOKED,
    "driver-en-route": T.OUT_FOR_DELIVERY, "out-for-delivery": T.OUT_FOR_DELIVERY,
    "delivered": T.DELIVERED,
    "delivery-attempt-failed": T.DELIVERY_FAILED, "unable-to-deliver": T.DELIVERY_FAILED,
    "exception": T.DELIVERY_FAILED, "address-invalid": T.DELIVERY_FAILED,
    "returned-to-sender": T.RETURNED_TO_SENDER, "return-to-sender": T.RETURNED_TO_SENDER,
}


class SendcloudCarrier:
    """One Sendcloud account."""

    formats: tuple[str, ...] = ("pdf",)

    def __init__(self, config: CarrierConfig, **http_options: Any) -> None:
        self.name = config.name
        self.base = (config.url or DEFAULT_URL).rstrip("/")
        public, secret = split_secret(config.secret, "Sendcloud")
        # Sendcloud's default limits: GET 1,000 a minute; POST, PATCH, PUT, DELETE 100 a minute
        # with a burst of 15 a second. An account with other limits sets them in its settings.
        reads = float(config.settings.get("get_per_minute", 1000)) / 60
        writes = float(config.settings.get("unsafe_per_minute", 100)) / 60
        self.http = make_client(config.name, limit=RateLimit(max(15.0, reads), reads),
                                secrets=(secret,), auth=(public, secret), **http_options)
        sleep = http_options.get("sleep")
        self._writes = TokenBucket(RateLimit(max(15.0, writes), writes), **({"sleep": sleep} if sleep else {}))

    @classmethod
    def from_config(cls, config: CarrierConfig, **http_options: Any) -> SendcloudCarrier:
        return cls(config, **http_options)

    def close(self) -> None:
        self.http.close()

    # -- booking -------------------------------------------------------------------------

    def book(self, request: ParcelRequest) -> Booking:
        """Announce the parcel (or find the one an earlier try announced) and fetch its label."""
        parcel = (self._find(request.key) if request.retry else None) or self._create(request)
        tracking = str(parcel.get("tracking_number") or "")
        if not tracking:
            raise CarrierUnavailable(f"{self.name}: Sendcloud announced parcel {parcel.get('id')} "
                                     "without a tracking number yet; tried again later")
        data, kind = self.label(str(parcel["id"]), "pdf")
        carrier = parcel.get("carrier") or {}
        return Booking(tracking=tracking, carrier_ref=str(parcel["id"]), label=data, label_format=kind,
                       carrier_name=str(carrier.get("code") or "sendcloud"),
                       tracking_url=str(parcel.get("tracking_url") or ""))

    def _find(self, key: str) -> dict[str, Any] | None:
        with carrier_errors(self.name, "looking for an earlier booking", plain_rejection(self.name, "the lookup")):
            found, _ = self.http.get_json(f"{self.base}/parcels", params={"external_reference": key})
        parcels = (found or {}).get("parcels") or []
        return parcels[0] if parcels else None

    def _create(self, request: ParcelRequest) -> dict[str, Any]:
        to = request.recipient
        body: dict[str, Any] = {
            "name": to.name, "address": to.line1, "address_2": to.line2, "city": to.city,
            "postal_code": to.postcode, "country": to.country, "email": to.email, "telephone": to.phone,
            "order_number": request.reference, "external_reference": request.key,
            "weight": f"{request.weight_g / 1000:.3f}", "quantity": request.packages, "request_label": True,
        }
        if request.service:
            body["shipment"] = {"id": int(request.service)} if request.service.isdigit() else {"name": request.service}
        if request.length_mm and request.width_mm and request.height_mm:
            body.update(length=f"{request.length_mm / 10:.1f}", width=f"{request.width_mm / 10:.1f}",
                        height=f"{request.height_mm / 10:.1f}")
        self._writes.acquire()
        with carrier_errors(self.name, f"booking {request.reference}", self._rejected):
            answer = self.http.send_json("POST", f"{self.base}/parcels", {"parcel": body}, idempotent=False)
        parcel = (answer or {}).get("parcel")
        if not isinstance(parcel, dict) or "id" not in parcel:
            raise CarrierUnavailable(f"{self.name}: Sendcloud's answer to the booking has no parcel")
        return parcel

    def _rejected(self, exc: RequestRejected) -> BookingRejected:
        error = (body_of(exc.body_excerpt) or {}).get("error") or {}
        message = str(error.get("message") or exc.body_excerpt[:200])
        # Sendcloud names the field first: "postal_code: Invalid postal code for country ES".
        field, sep, _ = message.partition(":")
        field_name = field.strip() if sep and field.strip().replace("_", "").isalnum() else ""
        return BookingRejected(f"{self.name}: Sendcloud refused the parcel (HTTP {exc.status}): {message}",
                               field_name=field_name)

    def label(self, carrier_ref: str, label_format: LabelFormat = "pdf") -> tuple[bytes, str]:
        """The A6 label-printer PDF of an announced parcel."""
        with carrier_errors(self.name, f"fetching the label of parcel {carrier_ref}",
                            plain_rejection(self.name, "the label")):
            response = self.http.request("GET", f"{self.base}/labels/label_printer/{carrier_ref}",
                                         headers={"Accept": "application/pdf"})
        return response.content, check_label(response.content, "pdf", self.name)

    def cancel(self, carrier_ref: str) -> str:
        """POST /parcels/{id}/cancel: Sendcloud says in `status` whether it is cancelled or only queued."""
        self._writes.acquire()
        with carrier_errors(self.name, f"cancelling parcel {carrier_ref}",
                            lambda exc: self._cancel_refused(carrier_ref, exc)):
            answer = self.http.send_json("POST", f"{self.base}/parcels/{carrier_ref}/cancel", {})
        status = str((answer or {}).get("status") or "cancelled")
        # "deleted": a parcel that was never announced is removed; for us the label is gone all the same.
        return "queued" if status == "queued" else "cancelled"

    def _cancel_refused(self, carrier_ref: str, exc: RequestRejected) -> CancelRefused:
        body = body_of(exc.body_excerpt) or {}
        error = body.get("error")
        error = error if isinstance(error, dict) else {}
        message = str(error.get("message") or body.get("message") or exc.body_excerpt[:200])
        return CancelRefused(f"{self.name}: Sendcloud will not cancel parcel {carrier_ref} "
                             f"(HTTP {exc.status}): {message}")

    # -- tracking ------------------------------------------------------------------------

    def track(self, tracking_numbers: Sequence[str]) -> TrackingAnswer:
        """One GET /tracking/{number} per parcel; a 404 means Sendcloud does not know it."""
        events: dict[str, list[TrackingUpdate]] = {}
        unknown: list[str] = []
        for number in tracking_numbers:
            try:
                with carrier_errors(self.name, f"tracking {number}", _keep):
                    data, _ = self.http.get_json(f"{self.base}/tracking/{number}")
            except _NotFound:
                unknown.append(number)
                continue
            events[number] = [_update(number, s) for s in (data or {}).get("statuses") or []]
        return TrackingAnswer(events, tuple(unknown))


class _NotFound(Exception):
    pass


def _keep(exc: RequestRejected) -> Exception:
    if exc.status == 404:
        return _NotFound()
    return BookingRejected(f"tracking refused (HTTP {exc.status}): {exc.body_excerpt[:200]}")


def _update(number: str, status: dict[str, Any]) -> TrackingUpdate:
    parent = str(status.get("parent_status") or "")
    at = datetime.fromisoformat(str(status.get("carrier_update_timestamp")).replace("Z", "+00:00"))
    return TrackingUpdate(tracking=number, code=parent or str(status.get("carrier_code") or ""),
                          status=PARENT_STATUS.get(parent, T.IN_TRANSIT).value,
                          at=at if at.tzinfo else at.replace(tzinfo=UTC),
                          message=str(status.get("carrier_message") or ""))
