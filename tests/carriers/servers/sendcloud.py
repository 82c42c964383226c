"""A local Sendcloud API v2, written from Sendcloud's public documentation (sendcloud.dev), not from our connector.

What it follows:

- Authentication: "Basic Auth" with the API public key as user name and the secret key as
  password (the Labels OpenAPI: `security: - HTTPBasicAuth: []`); anything else is 401.
- `POST /api/v2/parcels` ("Create a parcel or parcels"): a `parcel` object with the recipient's
  name, address, city, postal_code, country, email, telephone, `order_number`,
  `external_reference`, `weight` in kg as a decimal string, optional length/width/height in cm,
  `shipment: {id}` (the shipping method) and `request_label: true` ("Method 2: create the parcel
  and shipping label in a single API call"). The answer is `{"parcel": {id, tracking_number,
  tracking_url, label: {label_printer, normal_printer: [...]}, carrier: {code}, status}}`.
  Invalid data is a 4xx with the error envelope `{"error": {"code", "request", "message"}}`,
  the message naming the field first ("postal_code: ...").
- `GET /api/v2/parcels?external_reference=...`: the parcels with that reference (`{"parcels": []}`).
- `GET /api/v2/labels/label_printer/{parcel_id}` ("Retrieve a specific PDF label for a label
  printer"): the A6 PDF. "You can retrieve a shipping label in A4 or A6 format, suitable for
  normal printers, or A6 format for label printers." v2 labels are PDF only.
- `POST /api/v2/parcels/{id}/cancel` ("Cancel a parcel",
  https://sendcloud.dev/api/v2/parcels/cancel-a-parcel): the documented example answer is
  `{"status": "cancelled", "message": "Parcel has been cancelled"}`; "cancellation is not
  guaranteed and may be asynchronous depending on the state of the parcel. When you send a
  cancellation request via this endpoint, the response will indicate the status of the
  cancellation request", and "After 42 days, it's no longer possible to cancel a parcel, even
  if it hasn't been shipped". Sendcloud's cancel flows answer 200 when cancelled at once and 202
  when the cancellation is queued (the v3 cancel workflow built on Sendcloud's OpenAPI: "a 200
  means the shipment was cancelled immediately, while a 202 means the cancellation was accepted
  and queued"). Our reading, not shown on the page: the 202 body is `{"status": "queued",
  "message": ...}`, and a refusal (the carrier already scanned the parcel, past the 42 days, or
  `refuse_cancel` set by a test) is a 400 in the usual error envelope.
- `GET /api/v2/tracking/{tracking_number}` ("Retrieve tracking information of a parcel"): "Tracking
  history is nested under the statuses object, and is listed in chronological order, starting
  from the moment the label was created up until the point of delivery. Tracking status messages
  are mapped from the carrier to the parent_status field." Each status has
  `carrier_update_timestamp`, `parcel_status_history_id`, `parent_status`, `carrier_code`,
  `carrier_message`. An unknown number is 404.
- Rate limits (Getting started > Rate limits): "Safe methods (GET): 1000 requests per minute",
  "Unsafe methods (POST, PATCH, PUT, DELETE): 100 requests per minute", "burst allowance: 15
  requests per second"; beyond them HTTP 429 (injected here with `fail(429, retry_after=...)`).

The `parent_status` names used here (announced, en-route-to-sorting-center, driver-en-route,
delivered, delivery-attempt-failed, returned-to-sender) are as we read the statuses list
(`GET /parcels/statuses`); check them against a real account before relying on a new one.
"""

from __future__ import annotations

import base64
import re
import threading
import time
from datetime import UTC, datetime
from typing import Any

from omsdesk.sync.simulator import LocalShopServer, RecordedRequest, Reply, json_reply
from tests.carriers.servers import label_pdf, next_serial

PUBLIC = "sc-public-0000000000000000000000000000"
SECRET = "sc-secret-0000000000000000000000000000"
_POSTCODE = {"ES": re.compile(r"^\d{5}$")}


def _error(status: int, request: str, message: str) -> Reply:
    return json_reply({"error": {"code": status, "request": request, "message": message}}, status)


class SendcloudServer(LocalShopServer):
    """Parcels and their tracking in memory; tests add scans with `scan()`."""

    def __init__(self) -> None:
        super().__init__()
        self.parcels: dict[int, dict[str, Any]] = {}
        self.statuses: dict[str, list[dict[str, Any]]] = {}
        self.bad_label: bytes | None = None  # served once instead of the PDF
        self.refuse_cancel = ""  # a reason the next cancels are refused with (a deadline passed)
        self.queue_cancel = False  # cancels answer 202 queued instead of 200 cancelled
        self._mutex = threading.Lock()
        self.stall_booking = 0  # bookings whose answer is held back `stall_seconds`
        self.stall_seconds = 1.0
        self._stalled = threading.Event()  # clear while a held-back answer is still to go out
        self._stalled.set()

    @property
    def api(self) -> str:
        return f"{self.url}/api/v2"

    def authorized(self, request: RecordedRequest) -> bool:
        expected = "Basic " + base64.b64encode(f"{PUBLIC}:{SECRET}".encode()).decode()
        return request.header("Authorization") == expected

    def unauthorized(self, request: RecordedRequest) -> Reply:
        return _error(401, request.path.lstrip("/"), "Invalid username/password.")

    def scan(self, tracking: str, parent_status: str, at: datetime, message: str = "") -> None:
        with self._mutex:
            history = self.statuses.setdefault(tracking, [])
            history.append({"carrier_update_timestamp": at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                            "parcel_status_history_id": len(history) + 1, "parent_status": parent_status,
                            "carrier_code": parent_status.upper(), "carrier_message": message or parent_status})

    def reset(self) -> None:
        """Forget injected faults and stalls (the server lives for a whole test module)."""
        # A held-back answer of the last test must not take this test's injected label.
        self._stalled.wait(timeout=10)
        with self._lock:
            self._state.faults.clear()
        self.stall_booking, self.bad_label = 0, None
        self.refuse_cancel, self.queue_cancel = "", False

    @property
    def booked(self) -> int:
        return len(self.parcels)

    def handle(self, request: RecordedRequest) -> Reply:
        path, method = request.path, request.method
        if path == "/api/v2/parcels" and method == "POST":
            return self._create(request)
        if path == "/api/v2/parcels" and method == "GET":
            ref = request.param("external_reference")
            return json_reply({"parcels": [p for p in self.parcels.values() if p["external_reference"] == ref]})
        match = re.fullmatch(r"/api/v2/labels/label_printer/(\d+)", path)
        if match and method == "GET":
            parcel = self.parcels.get(int(match.group(1)))
            if parcel is None:
                return _error(404, path.lstrip("/"), "No Parcel matches the given query.")
            with self._mutex:
                bad, self.bad_label = self.bad_label, None
            body = bad if bad is not None else label_pdf(parcel["tracking_number"])
            return 200, {"Content-Type": "application/pdf"}, body
        match = re.fullmatch(r"/api/v2/parcels/(\d+)/cancel", path)
        if match and method == "POST":
            return self._cancel(path, int(match.group(1)))
        match = re.fullmatch(r"/api/v2/tracking/([A-Za-z0-9]+)", path)
        if match and method == "GET":
            number = match.group(1)
            parcel = next((p for p in self.parcels.values() if p["tracking_number"] == number), None)
            if parcel is None:
                return _error(404, path.lstrip("/"), "Not found.")
            return json_reply({"parcel_id": str(parcel["id"]), "carrier_code": "correos", "tracking_number": number,
                               "statuses": list(self.statuses.get(number, []))})
        return _error(404, path.lstrip("/"), "Not found.")

    def _cancel(self, path: str, pid: int) -> Reply:
        parcel = self.parcels.get(pid)
        where = path.lstrip("/")
        if parcel is None:
            return _error(404, where, "No Parcel matches the given query.")
        if parcel["status"]["id"] == 2000:
            return _error(400, where, "This parcel has already been cancelled.")
        moving = [s for s in self.statuses.get(parcel["tracking_number"], [])
                  if s["parent_status"] not in ("announced", "ready-to-send", "announcing")]
        if moving or self.refuse_cancel:
            why = self.refuse_cancel or "the carrier has already accepted this parcel"
            return _error(400, where, f"Cancellation is not possible: {why}.")
        parcel["status"] = {"id": 2000, "message": "Cancelled"}
        if self.queue_cancel:
            return json_reply({"status": "queued", "message": "Cancellation of this parcel has been queued"}, 202)
        return json_reply({"status": "cancelled", "message": "Parcel has been cancelled"})

    def _create(self, request: RecordedRequest) -> Reply:
        body = (request.json() or {}).get("parcel")
        where = "api/v2/parcels"
        if not isinstance(body, dict):
            return _error(400, where, "parcel: This field is required.")
        for name in ("name", "address", "city", "postal_code", "country"):
            if not str(body.get(name) or "").strip():
                return _error(400, where, f"{name}: This field is required.")
        rule = _POSTCODE.get(str(body["country"]))
        if rule is not None and not rule.match(str(body["postal_code"])):
            return _error(400, where, f"postal_code: Invalid postal code for country {body['country']}")
        try:
            weight = float(body.get("weight") or 0)
        except ValueError:
            weight = 0
        if weight <= 0:
            return _error(400, where, "weight: Ensure this value is greater than 0.")
        with self._mutex:
            ref = str(body.get("external_reference") or "")
            if ref and any(p["external_reference"] == ref for p in self.parcels.values()):
                return _error(400, where, "external_reference: A parcel with this external reference already exists.")
            pid = 100000 + next_serial()
            tracking = f"3SSND{pid:010d}"
            parcel = {**body, "id": pid, "tracking_number": tracking,
                      "tracking_url": f"https://tracking.sendcloud.sc/forward?code={tracking}",
                      "carrier": {"code": "correos"}, "status": {"id": 1000, "message": "Ready to send"},
                      "label": {"label_printer": f"{self.api}/labels/label_printer/{pid}",
                                "normal_printer": [f"{self.api}/labels/normal_printer/{pid}?start_from={i}"
                                                   for i in range(4)]}}
            self.parcels[pid] = parcel
        self.scan(tracking, "announced", datetime.now(UTC), "Announced")
        if self.stall_booking:
            # The booking is made, then the answer comes too late: the client's read times out.
            self.stall_booking -= 1
            self._stalled.clear()
            time.sleep(self.stall_seconds)
            self._stalled.set()
        return json_reply({"parcel": parcel})
