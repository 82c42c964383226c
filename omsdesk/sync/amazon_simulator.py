"""A local Selling Partner API: LWA tokens, Orders 2026-01-01, confirmShipment, Listings PATCH.

Follows the official models (amzn/selling-partner-api-models) and guides; each behaviour with
its source:

- LWA, "Connect to the SP-API" (developer-docs.amazon.com/sp-api/docs/
  connecting-to-the-selling-partner-api): `POST /auth/o2/token`, form `grant_type=refresh_token`,
  `refresh_token`, `client_id`, `client_secret`; answers `access_token`, `token_type: bearer`,
  `expires_in: 3600` ("An LWA access token expires one hour after it is issued"). A wrong refresh
  token: HTTP 400 `{"error": "invalid_grant", "error_description": "The request has an invalid
  grant parameter : refresh_token. ..."}`; a wrong client: HTTP 401 `invalid_client` (OAuth 2.0
  error JSON; the description texts are those LWA sends, as public clients record them).
- Every SP-API call needs `x-amz-access-token`; a missing, unknown or expired one is HTTP 403
  with an ErrorList (model: "Possible reasons include Access Denied, Unauthorized, Expired
  Token"); `details` "The access token you provided has expired." for an expired one.
- searchOrders (orders_2026-01-01.json): exactly one of `createdAfter` / `lastUpdatedAfter`;
  `createdBefore` / `lastUpdatedBefore` only with their partner, "equal to or after" it and "at
  least two minutes before the time of the request"; `maxResultsPerPage` "between 1 and 100.
  Default: 100"; `includedData` from BUYER, RECIPIENT, PROCEEDS, EXPENSE, PROMOTION,
  CANCELLATION, FULFILLMENT, PACKAGES, TAX, PAYMENT, FULFILLMENT_ORDERS, and without it "only
  basic information" (get-orders-with-filtering-criteria); `pagination.nextToken` passed back as
  `paginationToken`, "All other parameters must be provided with the same values ... with the
  exception of maxResultsPerPage and includedData", "The token will expire after 24 hours",
  and "the pagination field will be absent" on the last page. Invalid input: HTTP 400
  `{"errors": [{"code": "InvalidInput", "message": ...}]}` (the model's 400 example).
- PII (Access Orders PII, developer-docs.amazon.com/sp-api/docs/access-orders-pii): no RDT on
  2026-01-01; buyer name/e-mail and the street part of the delivery address (name, address
  lines, postal code, phone) only to an app with the role, for orders in UNSHIPPED,
  PARTIALLY_SHIPPED or SHIPPED.
- getOrder: `GET /orders/2026-01-01/orders/{orderId}` answers `{"order": ...}`, 404 when unknown.
- confirmShipment (ordersV0.json): `POST /orders/v0/orders/{orderId}/shipmentConfirmation`,
  body `marketplaceId` + `packageDetail` with required `packageReferenceId` ("Only positive
  numeric values are supported"), `carrierCode`, `trackingNumber`, `shipDate` (ISO 8601),
  `orderItems[]` (`orderItemId`, `quantity`); `carrierName` "Required when carrierCode is
  Others"; HTTP 204 on success.
- patchListingsItem (listingsItems_2021-08-01.json, "Merge a listing"):
  `PATCH /listings/2021-08-01/items/{sellerId}/{sku}?marketplaceIds=...`, body `productType` and
  `patches` (minItems 1) of `op` add/replace/merge/delete, `path`, `value` (array of objects);
  `fulfillment_availability` values need `fulfillment_channel_code`, `quantity` minimum 0;
  answers ListingsItemSubmissionResponse `{"sku", "status": "ACCEPTED"|"INVALID",
  "submissionId", "issues"}`. "replace" replaces the attribute; "merge" keeps fields not sent
  (e.g. `lead_time_to_ship_max_days`).
- Usage plans (usage-plans-and-rate-limits-in-the-sp-api): a token bucket per operation (rate,
  burst), HTTP 429 with an ErrorList when empty, `x-amzn-RateLimit-Limit` on answers.

Guesses, where those documents say nothing: the order of searchOrders results (by last update,
then order id, as a snapshot taken by the first page); 404 `NOT_FOUND` for a PATCH of a SKU the
seller does not list; 400 for a confirmShipment of a cancelled order or a repeated package id;
the 429 error code `QuotaExceeded` ("You exceeded your quota for the requested resource.");
VAT-inclusive ITEM and SHIPPING proceeds with the VAT in TAX (EU marketplace).
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, unquote

from omsdesk.sync.demo_data import CATALOGUE, DemoOrder
from omsdesk.sync.simulator import LocalShopServer, RecordedRequest, Reply, json_reply

SPAIN = "A1RKKUPIHCS9HS"
INCLUDED = frozenset({"BUYER", "RECIPIENT", "PROCEEDS", "EXPENSE", "PROMOTION", "CANCELLATION",
                      "FULFILLMENT", "PACKAGES", "TAX", "PAYMENT", "FULFILLMENT_ORDERS"})
ADDRESS_ROLE = "Direct-to-Consumer Delivery"
BUYER_ROLE = "Tax Invoicing"
PII_STATUSES = ("UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED")
# operation -> (rate per second, burst), the documented defaults.
DEFAULT_PLANS: dict[str, tuple[float, float]] = {
    "searchOrders": (0.0056, 20), "getOrder": (0.5, 30), "confirmShipment": (2.0, 10),
    "patchListingsItem": (5.0, 5)}
TOKEN_LIFETIME = 3600
_ORDER_PATH = re.compile(r"^/orders/2026-01-01/orders/([^/]+)$")
_CONFIRM_PATH = re.compile(r"^/orders/v0/orders/([^/]+)/shipmentConfirmation$")
_LISTING_PATH = re.compile(r"^/listings/2021-08-01/items/([^/]+)/([^/]+)$")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _money(amount: Decimal, currency: str = "EUR") -> dict[str, str]:
    return {"amount": f"{amount:.2f}", "currencyCode": currency}


def _errors(status: int, message: str, code: str = "InvalidInput", details: str = "",
            headers: Mapping[str, str] | None = None) -> Reply:
    error = {"code": code, "message": message}
    if details:
        error["details"] = details
    return json_reply({"errors": [error]}, status, headers)


def amazon_order_id(order_id: int) -> str:
    """An id in Amazon's 3-7-7 format, stable for a demo order id."""
    return f"{400 + order_id % 500:03d}-{order_id % 10**7:07d}-{(order_id * 7919) % 10**7:07d}"


class _Bucket:
    """The server side of a usage plan: take a token or say no (no waiting on this side)."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float]) -> None:
        self.rate, self.burst, self._clock = rate, burst, clock
        self.tokens, self.stamp = burst, clock()

    def take(self) -> bool:
        now = self._clock()
        self.tokens = min(self.burst, self.tokens + max(0.0, now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class AmazonSimulator(LocalShopServer):
    """One seller's orders and listings on one marketplace, plus the LWA token endpoint."""

    def __init__(self, client_id: str, client_secret: str, refresh_token: str, *,
                 seller_id: str = "A2SELLERTEST01", marketplace_id: str = SPAIN,
                 plans: Mapping[str, tuple[float, float]] | None = None, throttle: bool = True,
                 roles: Iterable[str] = (ADDRESS_ROLE, BUYER_ROLE),
                 token_lifetime: int = TOKEN_LIFETIME,
                 clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        super().__init__()
        self.client_id, self.client_secret, self.refresh_token = (client_id, client_secret,
                                                                  refresh_token)
        self.seller_id, self.marketplace_id = seller_id, marketplace_id
        self.throttle_enabled = throttle
        self.roles = set(roles)
        self.token_lifetime = token_lifetime
        self._clock, self._now = clock, now
        self._plans = {op: _Bucket(rate, burst, clock)
                       for op, (rate, burst) in {**DEFAULT_PLANS, **(plans or {})}.items()}
        self._data = threading.RLock()
        self.tokens: dict[str, float] = {}  # access token -> expiry on the clock
        self.orders: dict[str, dict[str, Any]] = {}
        self.pages: dict[str, dict[str, Any]] = {}  # pagination token -> query state
        self.listings: dict[str, dict[str, Any]] = {
            p.sku: {"productType": "PRODUCT", "fulfillment_availability": [
                {"fulfillment_channel_code": "DEFAULT", "quantity": p.stock,
                 "lead_time_to_ship_max_days": 2}]} for p in CATALOGUE}
        self.throttled = 0

    # -- test helpers ----------------------------------------------------------------------

    def add_orders(self, orders: Iterable[DemoOrder]) -> list[str]:
        """Put demo orders on the marketplace; returns their Amazon order ids."""
        ids = []
        with self._data:
            for order in orders:
                raw = self.render(order)
                self.orders[raw["orderId"]] = raw
                ids.append(raw["orderId"])
        return ids

    def expire_tokens(self) -> None:
        """Let every access token issued so far expire (as an hour going by would)."""
        with self._data:
            for token in self.tokens:
                self.tokens[token] = self._clock() - 1

    def touch(self, order_id: str, at: datetime | None = None, **fulfillment: Any) -> None:
        """Change an order on Amazon at `at` (default now), e.g. fulfillmentStatus="CANCELLED"."""
        with self._data:
            raw = self.orders[order_id]
            raw["fulfillment"].update(fulfillment)
            raw["lastUpdatedTime"] = _iso(at or self._now())

    def render(self, o: DemoOrder) -> dict[str, Any]:
        """The full 2026-01-01 Order (every dataset); requests see what `includedData` asks."""
        status = "CANCELLED" if o.cancelled else ("UNSHIPPED" if o.paid else "PENDING")
        items = []
        for n, line in enumerate(o.lines):
            breakdowns: list[dict[str, Any]] = [
                {"type": "ITEM", "subtotal": _money(line.total, o.currency)}]
            tax: list[dict[str, Any]] = [{"subtype": "ITEM", "value": _money(line.tax, o.currency)}]
            if n == 0 and o.shipping:
                breakdowns.append({"type": "SHIPPING", "subtotal": _money(o.shipping, o.currency)})
                tax.append({"subtype": "SHIPPING", "value": _money(o.shipping_tax, o.currency)})
            breakdowns.append({"type": "TAX", "subtotal": _money(
                sum((Decimal(t["value"]["amount"]) for t in tax), Decimal(0)), o.currency),
                "detailedBreakdowns": tax})
            gross = line.total + (o.shipping if n == 0 else Decimal(0))
            items.append({
                "orderItemId": f"{line.line_id:014d}", "quantityOrdered": line.quantity,
                "product": {"asin": f"B0{line.line_id:08d}", "title": line.title,
                            "sellerSku": line.sku, "condition": {"conditionType": "NEW"},
                            "price": {"unitPrice": _money(line.unit_price, o.currency)}},
                "proceeds": {"proceedsTotal": _money(gross, o.currency), "breakdowns": breakdowns},
                "fulfillment": {"quantityFulfilled": 0, "quantityUnfulfilled": line.quantity},
            })
        return {
            "orderId": amazon_order_id(o.order_id),
            "orderAliases": [{"aliasId": str(o.number), "aliasType": "SELLER_ORDER_ID"}],
            "createdTime": _iso(o.created), "lastUpdatedTime": _iso(o.updated),
            "programs": [],
            "salesChannel": {"channelName": "AMAZON", "marketplaceId": self.marketplace_id,
                             "marketplaceName": "Amazon.es"},
            "buyer": {"buyerName": o.name, "buyerEmail": f"{o.order_id}@marketplace.amazon.es"},
            "recipient": {"deliveryAddress": {
                "name": o.name, "addressLine1": o.street, "city": o.city,
                "stateOrRegion": o.province, "postalCode": o.postcode,
                "countryCode": o.country, "phone": o.phone, "addressType": "RESIDENTIAL"}},
            "proceeds": {"grandTotal": _money(o.total, o.currency), "breakdowns": [
                {"type": "ITEM", "subtotal": _money(o.subtotal, o.currency)},
                {"type": "SHIPPING", "subtotal": _money(o.shipping, o.currency)},
                {"type": "TAX", "subtotal": _money(o.total_tax, o.currency)}]},
            "tax": {"taxRegistrations": [{"entityType": "BUYER", "taxRegistrationType": "VAT",
                                          "taxRegistrationNumber": o.tax_id}]},
            "fulfillment": {"fulfillmentStatus": status, "fulfilledBy": "MERCHANT",
                            "fulfillmentServiceLevel": "STANDARD"},
            "orderItems": items,
            "packages": [],
        }

    # -- auth ------------------------------------------------------------------------------

    def authorized(self, request: RecordedRequest) -> bool:
        if request.path == "/auth/o2/token":
            return True  # the token endpoint answers its own errors
        token = request.header("x-amz-access-token")
        with self._data:
            expiry = self.tokens.get(token)
        return expiry is not None and self._clock() < expiry

    def unauthorized(self, request: RecordedRequest) -> Reply:
        token = request.header("x-amz-access-token")
        if not token:
            details = "Access token is missing in the request header."
        elif token in self.tokens:
            details = "The access token you provided has expired."
        else:
            details = "The access token you provided is revoked, malformed or invalid."
        return _errors(403, "Access to requested resource is denied.", "Unauthorized", details,
                       {"x-amzn-RequestId": secrets.token_hex(8)})

    def _token(self, request: RecordedRequest) -> Reply:
        form = {k: v[0] for k, v in parse_qs(request.body.decode("utf-8", "replace")).items()}
        if form.get("grant_type") != "refresh_token":
            return json_reply({"error": "unsupported_grant_type", "error_description":
                               "The authorization grant type is not supported by the "
                               "authorization server"}, 400)
        if (form.get("client_id"), form.get("client_secret")) != (self.client_id,
                                                                  self.client_secret):
            return json_reply({"error": "invalid_client",
                               "error_description": "Client authentication failed"}, 401)
        if form.get("refresh_token") != self.refresh_token:
            return json_reply({"error": "invalid_grant", "error_description":
                               "The request has an invalid grant parameter : refresh_token. "
                               "User may have revoked or didn't grant the permission."}, 400)
        token = "Atza|" + secrets.token_urlsafe(24)
        with self._data:
            self.tokens[token] = self._clock() + self.token_lifetime
        return json_reply({"access_token": token, "token_type": "bearer",
                           "expires_in": self.token_lifetime, "refresh_token": self.refresh_token})

    # -- dispatch --------------------------------------------------------------------------

    def handle(self, request: RecordedRequest) -> Reply:
        if request.path == "/auth/o2/token" and request.method == "POST":
            return self._token(request)
        with self._data:
            if request.path == "/orders/2026-01-01/orders" and request.method == "GET":
                return self._limited("searchOrders", lambda: self._search(request))
            order = _ORDER_PATH.match(request.path)
            if order and request.method == "GET":
                order_id = unquote(order.group(1))
                return self._limited("getOrder", lambda: self._get_order(order_id, request))
            confirm = _CONFIRM_PATH.match(request.path)
            if confirm and request.method == "POST":
                shipped = unquote(confirm.group(1))
                return self._limited("confirmShipment", lambda: self._confirm(shipped, request))
            listing = _LISTING_PATH.match(request.path)
            if listing and request.method == "PATCH":
                seller, sku = unquote(listing.group(1)), unquote(listing.group(2))
                return self._limited("patchListingsItem",
                                     lambda: self._patch(seller, sku, request))
        return _errors(404, "Resource not found", "NotFound")

    def _limited(self, operation: str, answer: Callable[[], Reply]) -> Reply:
        bucket = self._plans[operation]
        request_id = {"x-amzn-RequestId": secrets.token_hex(8)}
        if self.throttle_enabled and not bucket.take():
            self.throttled += 1
            return _errors(429, "You exceeded your quota for the requested resource.",
                           "QuotaExceeded", headers=request_id)
        status, headers, body = answer()
        return status, {**headers, **request_id, "x-amzn-RateLimit-Limit": str(bucket.rate)}, body

    # -- orders ----------------------------------------------------------------------------

    def _visible(self, raw: Mapping[str, Any], included: set[str]) -> dict[str, Any]:
        """What a request sees: the basic fields, the datasets asked for, PII as roles allow."""
        data = json.loads(json.dumps(raw))
        status = data["fulfillment"]["fulfillmentStatus"]
        pii = status in PII_STATUSES
        for key, dataset in (("buyer", "BUYER"), ("recipient", "RECIPIENT"),
                             ("proceeds", "PROCEEDS"), ("fulfillment", "FULFILLMENT"),
                             ("packages", "PACKAGES"), ("tax", "TAX")):
            if dataset not in included:
                data.pop(key, None)
        for item in data["orderItems"]:
            for key, dataset in (("proceeds", "PROCEEDS"), ("fulfillment", "FULFILLMENT")):
                if dataset not in included:
                    item.pop(key, None)
        if "buyer" in data and not (pii and self.roles & {BUYER_ROLE, ADDRESS_ROLE}):
            data["buyer"] = {k: v for k, v in data["buyer"].items()
                             if k not in ("buyerName", "buyerEmail")}
        address = (data.get("recipient") or {}).get("deliveryAddress")
        if address is not None and not (pii and ADDRESS_ROLE in self.roles):
            for key in ("name", "addressLine1", "addressLine2", "addressLine3", "postalCode",
                        "phone", "extendedFields"):
                address.pop(key, None)
        return data

    def _search(self, request: RecordedRequest) -> Reply:
        q = {k: v[0] for k, v in request.query.items()}
        try:
            size = int(q.get("maxResultsPerPage", "100"))
        except ValueError:
            return _errors(400, "maxResultsPerPage must be an integer")
        if not 1 <= size <= 100:
            return _errors(400, "maxResultsPerPage must be between 1 and 100")
        included = {v for v in q.get("includedData", "").split(",") if v}
        if included - INCLUDED:
            return _errors(400, f"Invalid includedData: {', '.join(sorted(included - INCLUDED))}")
        token = q.get("paginationToken")
        signature = {k: v for k, v in q.items()
                     if k not in ("paginationToken", "maxResultsPerPage", "includedData")}
        if token:
            state = self.pages.get(token)
            if state is None:
                return _errors(400, "Invalid paginationToken")
            if self._now() - state["issued"] > timedelta(hours=24):
                return _errors(400, "The paginationToken has expired")
            if state["signature"] != signature:
                return _errors(400, "Request parameters must match those of the request that "
                                    "returned the paginationToken")
            ids, offset = state["ids"], state["offset"]
        else:
            problem = self._window_problem(q)
            if problem:
                return _errors(400, problem)
            ids, offset = self._matching(q), 0
        chunk = [self._visible(self.orders[i], included) for i in ids[offset:offset + size]
                 if i in self.orders]
        answer: dict[str, Any] = {"orders": chunk}
        if offset + size < len(ids):
            nxt = secrets.token_urlsafe(18)
            self.pages[nxt] = {"signature": signature, "ids": ids, "offset": offset + size,
                               "issued": (self.pages[token]["issued"] if token else self._now())}
            answer["pagination"] = {"nextToken": nxt}
        for bound in ("lastUpdatedBefore", "createdBefore"):
            if q.get(bound):
                answer[bound] = q[bound]
        return json_reply(answer)

    def _window_problem(self, q: Mapping[str, str]) -> str:
        created, updated = q.get("createdAfter"), q.get("lastUpdatedAfter")
        if bool(created) == bool(updated):
            return "You must provide exactly one of createdAfter and lastUpdatedAfter"
        if created and (q.get("lastUpdatedBefore") or updated):
            return "If createdAfter is provided, neither lastUpdatedAfter nor lastUpdatedBefore " \
                   "may be provided"
        if updated and q.get("createdBefore"):
            return "If lastUpdatedAfter is provided, neither createdAfter nor createdBefore may " \
                   "be provided"
        try:
            after = _parse(created or updated or "")
            before_text = q.get("createdBefore") if created else q.get("lastUpdatedBefore")
            before = _parse(before_text) if before_text else None
        except ValueError:
            return "Dates must be in ISO 8601 format"
        if before is not None:
            if before < after:
                return "The Before date must be equal to or after the After date"
            if before > self._now() - timedelta(minutes=2):
                return "The Before date must be at least two minutes before the time of the request"
        return ""

    def _matching(self, q: Mapping[str, str]) -> list[str]:
        field = "createdTime" if q.get("createdAfter") else "lastUpdatedTime"
        after = _parse(q.get("createdAfter") or q.get("lastUpdatedAfter") or "")
        before_text = q.get("createdBefore") or q.get("lastUpdatedBefore")
        before = _parse(before_text) if before_text else self._now()
        markets = {m for m in q.get("marketplaceIds", "").split(",") if m}
        by = {b for b in q.get("fulfilledBy", "").split(",") if b}
        found = [o for o in self.orders.values()
                 if after <= _parse(o[field]) <= before
                 and (not markets or o["salesChannel"]["marketplaceId"] in markets)
                 and (not by or o["fulfillment"]["fulfilledBy"] in by)]
        found.sort(key=lambda o: (o["lastUpdatedTime"], o["orderId"]))
        return [o["orderId"] for o in found]

    def _get_order(self, order_id: str, request: RecordedRequest) -> Reply:
        raw = self.orders.get(order_id)
        if raw is None:
            return _errors(404, f"Order {order_id} not found", "NotFound")
        included = {v for v in request.param("includedData").split(",") if v}
        return json_reply({"order": self._visible(raw, included)})

    # -- writes ----------------------------------------------------------------------------

    def _confirm(self, order_id: str, request: RecordedRequest) -> Reply:
        raw = self.orders.get(order_id)
        if raw is None:
            return _errors(404, f"Order {order_id} not found", "NotFound")
        try:
            body = request.json() or {}
        except ValueError:
            return _errors(400, "The request body is not valid JSON")
        detail = body.get("packageDetail") or {}
        missing = [k for k in ("packageReferenceId", "carrierCode", "trackingNumber", "shipDate",
                               "orderItems") if not detail.get(k)]
        if not body.get("marketplaceId") or missing:
            return _errors(400, "Missing required field(s): " + ", ".join(
                (["marketplaceId"] if not body.get("marketplaceId") else []) + missing))
        if body["marketplaceId"] != raw["salesChannel"]["marketplaceId"]:
            return _errors(400, "marketplaceId does not match the order")
        if not str(detail["packageReferenceId"]).isdigit() or int(detail["packageReferenceId"]) <= 0:
            return _errors(400, "packageReferenceId: only positive numeric values are supported")
        if detail["carrierCode"] == "Other" and not detail.get("carrierName"):
            return _errors(400, "carrierName is required when carrierCode is Other")
        try:
            _parse(str(detail["shipDate"]))
        except ValueError:
            return _errors(400, "shipDate must be in ISO 8601 date/time format")
        if raw["fulfillment"]["fulfillmentStatus"] == "CANCELLED":
            return _errors(400, f"Order {order_id} is cancelled")
        if any(p["packageReferenceId"] == str(detail["packageReferenceId"])
               for p in raw["packages"]):
            return _errors(400, "packageReferenceId already used for this order")
        items = {i["orderItemId"]: i for i in raw["orderItems"]}
        for entry in detail["orderItems"]:
            item = items.get(str(entry.get("orderItemId")))
            quantity = entry.get("quantity")
            if item is None or not isinstance(quantity, int) or quantity <= 0 \
                    or quantity > item["fulfillment"]["quantityUnfulfilled"]:
                return _errors(400, f"Invalid order item or quantity: {entry}")
        for entry in detail["orderItems"]:
            fulfil = items[str(entry["orderItemId"])]["fulfillment"]
            fulfil["quantityFulfilled"] += entry["quantity"]
            fulfil["quantityUnfulfilled"] -= entry["quantity"]
        raw["packages"].append({
            "packageReferenceId": str(detail["packageReferenceId"]),
            "createdTime": _iso(self._now()), "packageStatus": {"status": "SHIPPED"},
            "carrier": detail.get("carrierName") or detail["carrierCode"],
            "shipTime": detail["shipDate"], "trackingNumber": detail["trackingNumber"],
            "packageItems": [{"orderItemId": str(e["orderItemId"]), "quantity": e["quantity"]}
                             for e in detail["orderItems"]]})
        done = all(i["fulfillment"]["quantityUnfulfilled"] == 0 for i in raw["orderItems"])
        raw["fulfillment"]["fulfillmentStatus"] = "SHIPPED" if done else "PARTIALLY_SHIPPED"
        raw["lastUpdatedTime"] = _iso(self._now())
        return 204, {}, b""

    def _patch(self, seller_id: str, sku: str, request: RecordedRequest) -> Reply:
        markets = [m for m in request.param("marketplaceIds").split(",") if m]
        if len(markets) != 1:
            return _errors(400, "marketplaceIds must name exactly one marketplace", "BAD_REQUEST")
        if seller_id != self.seller_id or markets[0] != self.marketplace_id:
            return _errors(403, "Access to requested resource is denied.", "Unauthorized")
        try:
            body = request.json() or {}
        except ValueError:
            return _errors(400, "The request body is not valid JSON", "BAD_REQUEST")
        patches = body.get("patches")
        if not isinstance(body.get("productType"), str) or not body["productType"] \
                or not isinstance(patches, list) or not patches:
            return _errors(400, "productType and at least one patch are required", "BAD_REQUEST")
        listing = self.listings.get(sku)
        if listing is None:
            return _errors(404, f"SKU {sku} not found for seller {seller_id}", "NOT_FOUND")
        issues = []
        for patch in patches:
            problem = _patch_problem(patch)
            if problem:
                issues.append({"code": "4000001", "message": problem, "severity": "ERROR",
                               "attributeNames": ["fulfillment_availability"]})
        submission = secrets.token_hex(16)
        if issues:
            return json_reply({"sku": sku, "status": "INVALID", "submissionId": submission,
                               "issues": issues})
        for patch in patches:
            name = patch["path"].removeprefix("/attributes/")
            if patch["op"] == "delete":
                listing.pop(name, None)
            elif patch["op"] == "merge":
                current = {v.get("fulfillment_channel_code"): dict(v)
                           for v in listing.get(name) or []}
                for value in patch["value"]:
                    key = value.get("fulfillment_channel_code")
                    current[key] = {**current.get(key, {}), **value}
                listing[name] = list(current.values())
            else:  # add and replace: "adds or replaces the target property"
                listing[name] = [dict(v) for v in patch["value"]]
        return json_reply({"sku": sku, "status": "ACCEPTED", "submissionId": submission,
                           "issues": []})

    def quantity(self, sku: str) -> int | None:
        """The DEFAULT (merchant) quantity a listing shows now."""
        for value in self.listings.get(sku, {}).get("fulfillment_availability") or []:
            if value.get("fulfillment_channel_code") == "DEFAULT":
                return int(value["quantity"]) if "quantity" in value else None
        return None


def _patch_problem(patch: Any) -> str:
    if not isinstance(patch, dict) or patch.get("op") not in ("add", "replace", "merge", "delete"):
        return "op must be one of add, replace, merge, delete"
    path = patch.get("path")
    if not isinstance(path, str) or not path.startswith("/attributes/") or path.count("/") != 2:
        return "path must name one top-level attribute (/attributes/NAME)"
    if patch["op"] == "delete":
        return ""
    value = patch.get("value")
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return "value must be an array of objects"
    if path == "/attributes/fulfillment_availability":
        for v in value:
            if not v.get("fulfillment_channel_code"):
                return "fulfillment_channel_code is required"
            quantity = v.get("quantity")
            if quantity is not None and (not isinstance(quantity, int) or isinstance(quantity, bool)
                                         or quantity < 0):
                return "quantity must be an integer of at least 0"
    return ""


def _parse(text: str) -> datetime:
    value = text.strip().replace("Z", "+00:00")
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
