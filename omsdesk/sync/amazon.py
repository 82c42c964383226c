"""Amazon Selling Partner API connector: merchant-fulfilled orders in, shipments and stock out.

- Orders: Orders API 2026-01-01 `searchOrders` (`GET /orders/2026-01-01/orders`), the successor
  of v0 `getOrders` (deprecated, removed 2027-03-27: "New: Introducing the Orders API
  v2026-01-01", developer-docs.amazon.com/sp-api/changelog). One window per pull:
  `lastUpdatedAfter` = cursor less the look-back (`createdAfter` = now less `initial_days` on
  the first pull), and an end "at least two minutes before the time of the request"; pages by
  `paginationToken` (the previous answer's `pagination.nextToken`, "All other parameters must
  be provided with the same values ... with the exception of maxResultsPerPage and
  includedData"), 100 per page ("between 1 and 100"). The order of results is not documented,
  so the cursor moves to the window's end only after its last page.
- Buyer and address come with `includedData=BUYER,RECIPIENT`: "Accessing PII with the Orders
  API v2026-01-01 does not require a Restricted Data Token (RDT)" (Access Orders PII,
  developer-docs.amazon.com/sp-api/docs/access-orders-pii); the app needs the roles that page
  names, otherwise the fields are missing and the Sync view says so.
- Shipments: Orders v0 `confirmShipment` (`POST /orders/v0/orders/{orderId}/shipmentConfirmation`,
  204 on success; the 2026-01-01 model has no write operation), after `getOrder` with
  `includedData=FULFILLMENT,PACKAGES` shows whether that tracking number is already there.
- Stock: Listings Items 2021-08-01 `patchListingsItem` on `/attributes/fulfillment_availability`
  with `fulfillment_channel_code: DEFAULT` and the quantity, one SKU per request.
- Every call: `x-amz-access-token` (LWA, see amazon_auth) and each operation's usage plan
  (amazon_limits); a 403 makes one token refresh and retry.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import quote

from omsdesk.sync import amazon_auth
from omsdesk.sync.amazon_auth import AccessTokens, LwaCredentials, parse_secret
from omsdesk.sync.amazon_limits import OperationLimiter, UsagePlans, plans_for
from omsdesk.sync.amazon_orders import DEFAULT_TAX_RATES_BP, lacks_address, parse_order
from omsdesk.sync.connector import (
    ChannelConfig,
    ChannelOrder,
    ConnectionCheck,
    Connector,
    FulfillmentPush,
    OrderPage,
    RejectedOrder,
    StockPush,
    StockPushResult,
    format_cursor,
    parse_utc,
)
from omsdesk.sync.errors import AuthError, BadResponse, RequestRejected
from omsdesk.sync.http import HttpClient, HttpResponse
from omsdesk.sync.money import AmountError
from omsdesk.sync.paging import lookback

log = logging.getLogger(__name__)

ORDERS_PATH = "/orders/2026-01-01/orders"
LISTINGS_PATH = "/listings/2021-08-01/items"
SPAIN = "A1RKKUPIHCS9HS"  # Amazon.es (developer-docs.amazon.com/sp-api/docs/marketplace-ids)
PAGE_SIZE = 100
# "at least two minutes before the time of the request"; ten seconds more for clock skew.
WINDOW_END_DELAY = timedelta(minutes=2, seconds=10)
INCLUDED_DATA = "BUYER,RECIPIENT,PROCEEDS,FULFILLMENT,TAX"
USER_AGENT = "omsdesk/0.1 (Language=Python)"
# Amazon's CarrierCode values (amzn-base.xsd, linked from the confirmShipment model). Those of
# an older copy of the list seen in public code (a generated enum of the XSD): ...
_XSD_CARRIERS = ("UPS", "FedEx", "DHL", "GLS", "TNT", "DPD", "Chronopost", "Royal Mail",
                 "Parcelforce", "La Poste", "Poste Italiane", "Deutsche Post", "SDA", "Yodel",
                 "Hermes Logistik Gruppe")
# ... and the Spanish carriers, a guess: that copy predates them. Anything else goes as "Other"
# with its name, which the model allows ("carrierName ... Required when carrierCode is Others").
_GUESSED_CARRIERS = ("Correos", "Correos Express", "SEUR", "MRW", "NACEX", "CTT")
CARRIER_CODES = {name.lower(): name for name in (*_XSD_CARRIERS, *_GUESSED_CARRIERS)}
CARRIER_CODES["hermes"] = "Hermes Logistik Gruppe"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def package_reference(idempotency_key: str) -> str:
    """A stable positive number for a shipment ("Only positive numeric values are supported")."""
    return str(int(hashlib.sha256(idempotency_key.encode()).hexdigest()[:12], 16) % 10**9 + 1)


def _errors(excerpt: str) -> str:
    """The `errors[].message` of an SP-API error body, or the excerpt itself."""
    try:
        data = json.loads(excerpt)
    except ValueError:
        return excerpt
    messages = [str(e.get("message") or e.get("code") or "") for e in
                (data.get("errors") or []) if isinstance(e, dict)] if isinstance(data, dict) else []
    return "; ".join(m for m in messages if m) or excerpt


class AmazonConnector(Connector):
    """One seller on one SP-API region endpoint (the channel URL) and marketplace."""

    type_name = "amazon"
    secret_hint: ClassVar[str] = amazon_auth.SECRET_HINT

    @classmethod
    def secret_problem(cls, secret: str) -> str | None:
        return amazon_auth.secret_problem(secret)

    def __init__(self, config: ChannelConfig, http: HttpClient, *, credentials: LwaCredentials,
                 plans: UsagePlans, limiter: OperationLimiter, tokens: AccessTokens) -> None:
        super().__init__(config, http)
        options = config.options
        self.base = config.url.rstrip("/")
        self.credentials = credentials
        self.plans, self.limiter, self.tokens = plans, limiter, tokens
        self.marketplace = options.get("marketplace_id", SPAIN).strip() or SPAIN
        self.seller_id = options.get("seller_id", "").strip()
        self.page_size = max(1, min(PAGE_SIZE, int(options.get("page_size", str(PAGE_SIZE)))))
        self.initial_days = int(options.get("initial_days", "30"))
        self.fulfilled_by = options.get("fulfilled_by", "MERCHANT").strip().upper()
        self.included_data = options.get("included_data", INCLUDED_DATA)
        self.product_type = options.get("product_type", "PRODUCT")
        self.stock_patch_op = options.get("stock_patch_op", "merge")
        incl = options.get("prices_include_tax", "").strip().lower()
        self.taxes_included = None if not incl else incl in ("1", "true", "yes")
        rates = options.get("tax_rates")
        self.rates = tuple(int(round(float(r) * 100)) for r in rates.split(",") if r.strip()) \
            if rates else DEFAULT_TAX_RATES_BP
        self.carrier_codes = dict(CARRIER_CODES)
        for pair in options.get("carrier_codes", "").split(","):
            ours, sep, theirs = pair.partition("=")
            if sep and ours.strip() and theirs.strip():
                self.carrier_codes[ours.strip().lower()] = theirs.strip()

    @classmethod
    def from_config(cls, config: ChannelConfig, **http_options: Any) -> AmazonConnector:
        try:
            credentials = parse_secret(config.secret)
        except ValueError as exc:
            # A stored secret of the wrong shape is a credentials problem, said as such.
            raise AuthError(f"{config.name}: {exc}", channel=config.name) from None
        http_options.pop("limiter", None)  # Amazon limits per operation: see amazon_limits
        plans = plans_for(config.url, credentials.refresh_token, clock=http_options.get("clock"),
                          sleep=http_options.get("sleep"))
        limiter = OperationLimiter(plans)
        http = HttpClient(config.name, secrets=[config.secret, credentials.client_secret,
                                                credentials.refresh_token],
                          headers={"User-Agent": USER_AGENT}, limiter=limiter, **http_options)
        tokens = AccessTokens(http, credentials,
                              url=config.options.get("lwa_url", amazon_auth.LWA_TOKEN_URL),
                              **({"clock": http_options["clock"]} if "clock" in http_options
                                 else {}))
        return cls(config, http, credentials=credentials, plans=plans, limiter=limiter,
                   tokens=tokens)

    # -- transport -------------------------------------------------------------------------

    def _call(self, operation: str, method: str, path: str, *, params: Any = None,
              body: Any = None, root: bool = False, idempotent: bool = True) -> HttpResponse:
        """One SP-API request under its operation's usage plan, with a fresh token on 403."""
        for attempt in (1, 2):
            self.limiter.use("lwa")
            token = self.tokens.token()
            self.limiter.use(operation)
            try:
                response = self.http.request(
                    method, self.base + path, params=params, json_body=body, root=root,
                    idempotent=idempotent,
                    headers={"x-amz-access-token": token,
                             "x-amz-date": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")})
            except AuthError as exc:
                if attempt == 1:
                    # Expired before its hour, or revoked: one new token, one more try.
                    self.tokens.invalidate()
                    continue
                raise AuthError(
                    f"{self.config.name}: Amazon refused {operation} (HTTP {exc.status}) with a "
                    "fresh access token: the app may lack the role the operation needs (orders: "
                    "Inventory and Order Tracking; addresses: Direct-to-Consumer Delivery; "
                    "stock: Product Listing) or the seller withdrew the authorisation",
                    channel=self.config.name, status=exc.status) from None
            self.plans.observe(operation, response.headers.get("x-amzn-RateLimit-Limit"))
            return response
        raise AssertionError("unreachable")

    def _json(self, response: HttpResponse) -> Mapping[str, Any]:
        data = response.json()
        if not isinstance(data, Mapping):
            raise BadResponse(f"{self.config.name}: Amazon answered something that is not a JSON "
                              "object", channel=self.config.name, status=response.status)
        return data

    # -- orders ----------------------------------------------------------------------------

    def _window(self, since_cursor: str | None, now: datetime) -> dict[str, str] | None:
        end = now - WINDOW_END_DELAY
        if since_cursor:
            start = parse_utc(since_cursor) - lookback(self.config)
            if start > end:
                return None  # the cursor is within Amazon's two minutes: nothing to ask yet
            return {"lastUpdatedAfter": _iso(start), "lastUpdatedBefore": _iso(end)}
        return {"createdAfter": _iso(now - timedelta(days=self.initial_days)),
                "createdBefore": _iso(end)}

    def pull_orders(self, since_cursor: str | None) -> Iterator[OrderPage]:
        """Orders changed in one window, page by page; the cursor moves after the last page."""
        now = datetime.now(UTC)
        window = self._window(since_cursor, now)
        if window is None:
            return
        end = window.get("lastUpdatedBefore") or window["createdBefore"]
        params: dict[str, Any] = {**window, "marketplaceIds": self.marketplace,
                                  "maxResultsPerPage": self.page_size,
                                  "includedData": self.included_data}
        if self.fulfilled_by in ("MERCHANT", "AMAZON"):
            params["fulfilledBy"] = self.fulfilled_by
        token: str | None = None
        missing_address = 0
        while True:
            query = dict(params, paginationToken=token) if token else params
            data = self._json(self._call("searchOrders", "GET", ORDERS_PATH, params=query,
                                         root=True))
            raws = data.get("orders")
            if not isinstance(raws, list):
                raise BadResponse(f"{self.config.name}: searchOrders answered without an orders "
                                  "list", channel=self.config.name)
            orders: list[ChannelOrder] = []
            rejected: list[RejectedOrder] = []
            for raw in raws:
                try:
                    orders.append(parse_order(raw, taxes_included=self.taxes_included,
                                              rates=self.rates))
                    missing_address += lacks_address(raw)
                except (KeyError, TypeError, ValueError, AmountError) as exc:
                    rejected.append(RejectedOrder(
                        external_id=str(raw.get("orderId", "")) if isinstance(raw, Mapping) else "",
                        reason=f"unreadable Amazon order: {exc.__class__.__name__}: {exc}",
                        raw=raw if isinstance(raw, Mapping) else {"value": raw}))
            token = str((data.get("pagination") or {}).get("nextToken") or "") or None
            yield OrderPage(tuple(orders), None if token else format_cursor(parse_utc(end)),
                            tuple(rejected))
            if token is None:
                break
        if missing_address:
            self.warnings.append(
                f"{missing_address} Amazon order(s) ready to ship came without the street "
                "address: the app needs the Direct-to-Consumer Delivery (Restricted) role "
                "(Access Orders PII)")

    # -- fulfilment ------------------------------------------------------------------------

    def _carrier(self, carrier: str) -> tuple[str, str]:
        """(carrierCode, carrierName): a known code, else "Other" with the carrier's name."""
        name = carrier.strip()
        code = self.carrier_codes.get(name.lower()) if name else None
        return (code, "") if code else ("Other", name or "Transportista")

    def push_fulfillment(self, push: FulfillmentPush) -> None:
        """Confirm the shipment with carrier and tracking unless Amazon already has it."""
        order_id = push.order_external_id
        data = self._json(self._call("getOrder", "GET", f"{ORDERS_PATH}/{quote(order_id, safe='')}",
                                     params={"includedData": "FULFILLMENT,PACKAGES"}))
        order = data.get("order") or {}
        status = (order.get("fulfillment") or {}).get("fulfillmentStatus")
        if status == "CANCELLED":
            raise RequestRejected(f"{self.config.name}: order {order_id} is cancelled on Amazon; "
                                  "its shipment cannot be confirmed", channel=self.config.name)
        if push.tracking_number and any(
                p.get("trackingNumber") == push.tracking_number for p in order.get("packages") or []):
            return  # confirmed before (a retry, or by hand in Seller Central)
        if not push.tracking_number:
            raise RequestRejected(f"{self.config.name}: Amazon needs a tracking number to confirm "
                                  f"the shipment of {order_id}", channel=self.config.name)
        items = {str(i.get("orderItemId")): i for i in order.get("orderItems") or []}

        def left(item_id: str) -> int:
            item = items[item_id]
            still = (item.get("fulfillment") or {}).get("quantityUnfulfilled")
            return int(still if still is not None else item.get("quantityOrdered") or 0)

        if push.lines:
            known = [line for line in push.lines if line.external_line_id in items]
            if not known:
                raise RequestRejected(
                    f"{self.config.name}: none of the shipped lines is an item of Amazon order "
                    f"{order_id}; confirm it in Seller Central", channel=self.config.name)
            # Never more than Amazon still waits for: a part already confirmed is not sent again.
            ship = [(line.external_line_id, min(line.quantity, left(line.external_line_id)))
                    for line in known]
        else:
            ship = [(item_id, left(item_id)) for item_id in items]
        ship = [(item_id, quantity) for item_id, quantity in ship if quantity > 0]
        if not ship:
            return  # nothing left to ship on Amazon
        code, name = self._carrier(push.carrier)
        detail: dict[str, Any] = {
            "packageReferenceId": package_reference(push.idempotency_key),
            "carrierCode": code, "trackingNumber": push.tracking_number,
            "shipDate": _iso(datetime.now(UTC)),
            "orderItems": [{"orderItemId": i, "quantity": q} for i, q in ship]}
        if name:
            detail["carrierName"] = name  # "Required when carrierCode is \"Others\""
        marketplace = (order.get("salesChannel") or {}).get("marketplaceId") or self.marketplace
        self._call("confirmShipment", "POST",
                   f"/orders/v0/orders/{quote(order_id, safe='')}/shipmentConfirmation",
                   body={"marketplaceId": marketplace, "packageDetail": detail}, idempotent=False)

    # -- stock -----------------------------------------------------------------------------

    def push_stock(self, pushes: Sequence[StockPush]) -> list[StockPushResult]:
        """Set each SKU's merchant-fulfilled quantity with one patchListingsItem."""
        if not self.seller_id:
            reason = ("no seller id: add the channel again with --option seller_id=<your merchant "
                      "token from Seller Central>")
            return [StockPushResult(p.sku, False, reason) for p in pushes]
        results = []
        for push in pushes:
            body = {"productType": self.product_type, "patches": [{
                "op": self.stock_patch_op, "path": "/attributes/fulfillment_availability",
                "value": [{"fulfillment_channel_code": "DEFAULT",
                           "quantity": max(0, push.available)}]}]}
            path = f"{LISTINGS_PATH}/{quote(self.seller_id, safe='')}/{quote(push.sku, safe='')}"
            try:
                answer = self._json(self._call("patchListingsItem", "PATCH", path,
                                               params={"marketplaceIds": self.marketplace},
                                               body=body))
            except RequestRejected as exc:
                results.append(StockPushResult(push.sku, False, f"Amazon refused it (HTTP "
                                                                f"{exc.status}): "
                                                                f"{_errors(exc.body_excerpt)}"))
                continue
            if answer.get("status") == "ACCEPTED":
                results.append(StockPushResult(push.sku, True))
            else:
                issues = "; ".join(str(i.get("message") or i.get("code"))
                                   for i in answer.get("issues") or [] if isinstance(i, Mapping))
                results.append(StockPushResult(push.sku, False,
                                               f"{answer.get('status') or 'no status'}: "
                                               f"{issues or 'no reason given'}"))
        return results

    # -- test connection -------------------------------------------------------------------

    def check_connection(self) -> ConnectionCheck:
        """Exchange the refresh token, then one searchOrders of a closed two-minute window."""
        self.limiter.use("lwa")
        self.tokens.refresh()
        now = datetime.now(UTC)
        end = now - WINDOW_END_DELAY
        response = self._call("searchOrders", "GET", ORDERS_PATH, root=True, params={
            "lastUpdatedAfter": _iso(end - timedelta(minutes=2)), "lastUpdatedBefore": _iso(end),
            "marketplaceIds": self.marketplace, "maxResultsPerPage": 1})
        self._json(response)
        notes = [f"Login with Amazon token exchange works; the Orders API answered for "
                 f"marketplace {self.marketplace}"]
        rate = response.headers.get("x-amzn-RateLimit-Limit")
        if rate:
            notes.append(f"searchOrders usage plan: {rate} request(s) per second")
        problems = [] if self.seller_id else [
            "no seller_id option: stock cannot be pushed to Amazon (add the channel with "
            "--option seller_id=<merchant token>)"]
        return ConnectionCheck(problems=tuple(problems), notes=tuple(notes))
