"""Shopify connector over the GraphQL Admin API: orders in, fulfilments and stock out."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from omsdesk.sync import shopify_queries as q
from omsdesk.sync.connector import (
    PAYMENT_AUTHORIZED,
    PAYMENT_PAID,
    PAYMENT_PARTIALLY_PAID,
    PAYMENT_PARTIALLY_REFUNDED,
    PAYMENT_PENDING,
    PAYMENT_REFUNDED,
    PAYMENT_VOIDED,
    STATUS_CANCELLED,
    STATUS_FULFILLED,
    STATUS_ON_HOLD,
    STATUS_OPEN,
    STATUS_PENDING,
    STATUS_REFUNDED,
    ChannelAddress,
    ChannelConfig,
    ChannelCustomer,
    ChannelDiscount,
    ChannelOrder,
    ChannelOrderLine,
    ChannelPayment,
    ChannelProduct,
    ChannelShippingLine,
    Connector,
    FulfillmentPush,
    OrderPage,
    RejectedOrder,
    StockPush,
    StockPushResult,
    format_cursor,
    parse_utc,
)
from omsdesk.sync.errors import AuthError, BadResponse, RateLimited, RequestRejected
from omsdesk.sync.http import HttpClient
from omsdesk.sync.money import AmountError, rate_to_bp, to_minor
from omsdesk.sync.paging import lookback, shift
from omsdesk.sync.ratelimit import RateLimit, TokenBucket

log = logging.getLogger(__name__)

DEFAULT_API_VERSION = "2026-01"
# Standard plan: 100 query-cost points restored per second (shopify.dev/docs/api/usage/limits);
# the server's throttleStatus corrects these figures after the first answer.
DEFAULT_LIMIT = RateLimit(capacity=1000, refill_per_second=100)
MAX_THROTTLE_WAITS = 6


class QueryTooCostly(RequestRejected):
    """Shopify refused a query whose requested cost exceeds the single-query maximum."""

# Without the read_all_orders scope Shopify shows only the last 60 days of orders.
VISIBLE_WINDOW = timedelta(days=60)

_FINANCIAL = {
    "PAID": PAYMENT_PAID,
    "PENDING": PAYMENT_PENDING,
    "AUTHORIZED": PAYMENT_AUTHORIZED,
    "PARTIALLY_PAID": PAYMENT_PARTIALLY_PAID,
    "PARTIALLY_REFUNDED": PAYMENT_PARTIALLY_REFUNDED,
    "REFUNDED": PAYMENT_REFUNDED,
    "VOIDED": PAYMENT_VOIDED,
    "EXPIRED": PAYMENT_VOIDED,
}


def _safe_to_repeat(document: str) -> bool:
    """Queries, and mutations carrying an idempotency key, may be sent twice."""
    return not document.lstrip().startswith("mutation") or "@idempotent" in document


def _money(block: Mapping[str, Any] | None, currency: str) -> int:
    if not block:
        return 0
    return to_minor(block["shopMoney"]["amount"], currency)


def _nodes(connection: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    if not connection:
        return []
    if "nodes" in connection:
        return list(connection["nodes"] or [])
    return [edge["node"] for edge in connection.get("edges") or []]


def _address(block: Mapping[str, Any] | None) -> ChannelAddress:
    if not block:
        return ChannelAddress()
    name = block.get("name") or " ".join(
        p for p in (block.get("firstName"), block.get("lastName")) if p
    )
    return ChannelAddress(
        name=(name or "").strip(),
        company=(block.get("company") or "").strip(),
        line1=(block.get("address1") or "").strip(),
        line2=(block.get("address2") or "").strip(),
        city=(block.get("city") or "").strip(),
        postcode=(block.get("zip") or "").strip(),
        region=(block.get("province") or "").strip(),
        country=(block.get("countryCodeV2") or "").strip().upper(),
        phone=(block.get("phone") or "").strip(),
    )


def _tax(tax_lines: Sequence[Mapping[str, Any]], currency: str) -> tuple[int, int]:
    """Total tax and combined rate (bp) of a line's tax lines."""
    total = sum(to_minor(t["priceSet"]["shopMoney"]["amount"], currency) for t in tax_lines)
    rate = sum(rate_to_bp(t.get("rate")) for t in tax_lines)
    return total, rate


def _status(node: Mapping[str, Any]) -> str:
    if node.get("cancelledAt"):
        return STATUS_CANCELLED
    financial = node.get("displayFinancialStatus") or ""
    fulfillment = node.get("displayFulfillmentStatus") or ""
    if financial == "REFUNDED":
        return STATUS_REFUNDED
    if fulfillment == "FULFILLED":
        return STATUS_FULFILLED
    if fulfillment == "ON_HOLD":
        return STATUS_ON_HOLD
    if financial in ("PENDING", "EXPIRED"):
        return STATUS_PENDING
    return STATUS_OPEN


def parse_order(node: Mapping[str, Any]) -> ChannelOrder:
    """Normalise one GraphQL Order node; raises KeyError/ValueError on a bad payload."""
    currency = node["currencyCode"]
    lines: list[ChannelOrderLine] = []
    allocated = 0
    for item in _nodes(node.get("lineItems")):
        quantity = item.get("currentQuantity")
        if quantity is None:
            quantity = item["quantity"]
        tax, rate = _tax(item.get("taxLines") or [], currency)
        discount = sum(
            _money(a["allocatedAmountSet"], currency) for a in item.get("discountAllocations") or []
        )
        allocated += discount
        lines.append(
            ChannelOrderLine(
                external_line_id=str(item["id"]),
                sku=(item.get("sku") or "").strip(),
                title=item.get("title") or "",
                quantity=int(quantity),
                unit_price=_money(item["originalUnitPriceSet"], currency),
                tax_rate_bp=rate,
                tax=tax,
                discount=discount,
            )
        )
    shipping = []
    for ship in _nodes(node.get("shippingLines")):
        tax, rate = _tax(ship.get("taxLines") or [], currency)
        shipping.append(
            ChannelShippingLine(
                title=ship.get("title") or "",
                code=ship.get("code") or "",
                price=_money(ship["originalPriceSet"], currency),
                tax_rate_bp=rate,
                tax=tax,
            )
        )
    # Discounts Shopify allocated to lines are on the lines; only the rest is order-level.
    remainder = _money(node.get("totalDiscountsSet"), currency) - allocated
    discounts = (
        (ChannelDiscount(code=", ".join(node.get("discountCodes") or []), amount=remainder),)
        if remainder > 0
        else ()
    )
    total = _money(node.get("totalPriceSet"), currency)
    outstanding = _money(node.get("totalOutstandingSet"), currency)
    financial = node.get("displayFinancialStatus") or ""
    payment = ChannelPayment(
        status=_FINANCIAL.get(financial, PAYMENT_PENDING),
        amount=max(0, total - outstanding) if node.get("totalOutstandingSet") else 0,
        method=", ".join(node.get("paymentGatewayNames") or []),
    )
    tax_id = ""
    for fld in _nodes(node.get("localizedFields")):
        if str(fld.get("key", "")).startswith("TAX_CREDENTIAL"):
            tax_id = (fld.get("value") or "").strip()
    shipping_address = _address(node.get("shippingAddress"))
    billing_address = _address(node.get("billingAddress"))
    customer_block = node.get("customer") or {}
    return ChannelOrder(
        external_id=str(node["id"]),
        number=node.get("name") or str(node["id"]),
        status=_status(node),
        raw_status=f"{financial}/{node.get('displayFulfillmentStatus') or ''}",
        created_at=parse_utc(node["createdAt"]),
        updated_at=parse_utc(node["updatedAt"]),
        currency=currency.upper(),
        taxes_included=bool(node.get("taxesIncluded")),
        customer=ChannelCustomer(
            email=(node.get("email") or "").strip(),
            phone=(node.get("phone") or shipping_address.phone or "").strip(),
            name=customer_block.get("displayName") or billing_address.name
            or shipping_address.name,
            tax_id=tax_id,
            external_id=str(customer_block.get("id") or ""),
        ),
        shipping_address=shipping_address,
        billing_address=billing_address,
        lines=tuple(lines),
        shipping_lines=tuple(shipping),
        discounts=discounts,
        payment=payment,
        total=total,
        note=node.get("note") or "",
        raw=node,
    )


class ShopifyConnector(Connector):
    """Talks to one Shopify store through `/admin/api/{version}/graphql.json`."""

    type_name = "shopify"
    supports_products = True

    def __init__(self, config: ChannelConfig, http: HttpClient) -> None:
        super().__init__(config, http)
        version = config.options.get("api_version", DEFAULT_API_VERSION)
        self.endpoint = f"{config.url.rstrip('/')}/admin/api/{version}/graphql.json"
        self.page_size = int(config.options.get("page_size", "250"))
        self.line_count = int(config.options.get("line_items_per_order", "50"))
        self._next_cost = 50.0
        self._inventory_items: dict[str, str] = {}
        self._location_id = config.options.get("location_id", "")

    @classmethod
    def from_config(cls, config: ChannelConfig, **http_options: Any) -> ShopifyConnector:
        limiter = http_options.pop("limiter", None) or TokenBucket(
            DEFAULT_LIMIT,
            **{k: http_options[k] for k in ("clock", "sleep") if k in http_options},
        )
        http = HttpClient(
            config.name,
            secrets=[config.secret],
            headers={"X-Shopify-Access-Token": config.secret, "Content-Type": "application/json"},
            limiter=limiter,
            **http_options,
        )
        return cls(config, http)

    # -- GraphQL transport -------------------------------------------------------------

    def graphql(self, document: str, variables: Mapping[str, Any] | None = None) -> Any:
        """Run one document; waits out THROTTLED answers and returns `data`."""
        for _ in range(MAX_THROTTLE_WAITS):
            body = self.http.send_json(
                "POST", self.endpoint, {"query": document, "variables": dict(variables or {})},
                cost=self._next_cost, idempotent=_safe_to_repeat(document),
            )
            if not isinstance(body, dict):
                raise BadResponse(f"{self.config.name}: GraphQL answer is not an object",
                                  channel=self.config.name)
            cost = (body.get("extensions") or {}).get("cost") or {}
            status = cost.get("throttleStatus") or {}
            if status and self.http.limiter is not None:
                self.http.limiter.observe(
                    float(status.get("currentlyAvailable", 0)),
                    float(status.get("maximumAvailable", 0)),
                    float(status.get("restoreRate", 0)),
                )
            if cost.get("requestedQueryCost"):
                self._next_cost = float(cost["requestedQueryCost"])
            errors = body.get("errors") or []
            codes = {str((e.get("extensions") or {}).get("code", "")) for e in errors}
            if "THROTTLED" in codes:
                wait = self._throttle_wait(cost)
                log.info("%s: Shopify throttled the query, waiting %.1fs", self.config.name, wait)
                self.http.pause(wait)
                continue
            if "MAX_COST_EXCEEDED" in codes:
                raise QueryTooCostly(f"{self.config.name}: query cost above Shopify's maximum",
                                     channel=self.config.name)
            if "ACCESS_DENIED" in codes:
                raise AuthError(
                    f"{self.config.name}: the access token lacks a scope this sync needs "
                    f"({'; '.join(str(e.get('message')) for e in errors)})",
                    channel=self.config.name, status=403,
                )
            if errors:
                raise RequestRejected(
                    f"{self.config.name}: GraphQL errors: "
                    + "; ".join(self.http.redact(str(e.get("message"))) for e in errors),
                    channel=self.config.name,
                )
            if "data" not in body or body["data"] is None:
                raise BadResponse(f"{self.config.name}: GraphQL answer without data",
                                  channel=self.config.name)
            return body["data"]
        raise RateLimited(f"{self.config.name}: still throttled after {MAX_THROTTLE_WAITS} waits",
                          channel=self.config.name)

    def _throttle_wait(self, cost: Mapping[str, Any]) -> float:
        status = cost.get("throttleStatus") or {}
        needed = float(cost.get("requestedQueryCost") or self._next_cost)
        available = float(status.get("currentlyAvailable") or 0)
        rate = float(status.get("restoreRate") or DEFAULT_LIMIT.refill_per_second)
        return max(0.5, (needed - available) / rate)

    # -- orders --------------------------------------------------------------------------

    def pull_orders(self, since_cursor: str | None) -> Iterator[OrderPage]:
        """Orders updated at or after the cursor, oldest update first, `page_size` per page."""
        self.warnings.clear()
        self._check_visible_window(since_cursor)
        # The connection's cursor is a keyset (sort key plus id), so ties and orders changed
        # mid-run are safe; the look-back catches orders the search index shows late.
        overlap = lookback(self.config)
        start = shift(since_cursor, -overlap) if since_cursor and overlap else since_cursor
        query = f"updated_at:>='{start}'" if start else None
        watermark = since_cursor
        after: str | None = None
        while True:
            try:
                data = self.graphql(q.ORDERS_PAGE, {"first": self.page_size, "after": after,
                                                    "query": query, "lineCount": self.line_count})
            except QueryTooCostly:
                # Requested cost grows with first x lineItems; a smaller page always fits.
                if self.page_size <= 1:
                    raise
                self.page_size = max(1, self.page_size // 2)
                log.info("%s: query too costly, page size now %d", self.config.name,
                         self.page_size)
                continue
            connection = data["orders"]
            orders: list[ChannelOrder] = []
            rejected: list[RejectedOrder] = []
            for node in _nodes(connection):
                try:
                    order = parse_order(node)
                except (KeyError, TypeError, ValueError, AmountError) as exc:
                    rejected.append(RejectedOrder(
                        external_id=str(node.get("id", "")) if isinstance(node, dict) else "",
                        reason=f"unreadable Shopify order: {exc.__class__.__name__}: {exc}",
                        raw=node if isinstance(node, dict) else {"value": node},
                    ))
                    continue
                orders.append(order)
            if orders:
                stamp = format_cursor(max(o.updated_at for o in orders))
                if watermark is None or stamp > watermark:
                    watermark = stamp
            info = connection.get("pageInfo") or {}
            yield OrderPage(tuple(orders), watermark, tuple(rejected))
            if not info.get("hasNextPage"):
                return
            after = info.get("endCursor")
            if not after:
                raise BadResponse(f"{self.config.name}: hasNextPage without endCursor",
                                  channel=self.config.name)

    def _check_visible_window(self, since_cursor: str | None) -> None:
        horizon = datetime.now(UTC) - VISIBLE_WINDOW
        if since_cursor and parse_utc(since_cursor) > horizon:
            return
        data = self.graphql(q.ACCESS_SCOPES)
        scopes = {s["handle"] for s in data["currentAppInstallation"]["accessScopes"]}
        if "read_all_orders" not in scopes:
            message = (
                "Shopify shows this app only the last 60 days of orders: older orders are not "
                "imported. Grant the read_all_orders scope to import them."
            )
            self.warnings.append(message)
            log.warning("%s: %s", self.config.name, message)

    # -- fulfilment ----------------------------------------------------------------------

    def push_fulfillment(self, push: FulfillmentPush) -> None:
        """Fulfil the order's open fulfilment orders with tracking; a repeat is a no-op."""
        data = self.graphql(q.FULFILLMENT_ORDERS, {"id": push.order_external_id})
        order = data.get("order")
        if not order:
            raise RequestRejected(f"{self.config.name}: order {push.order_external_id} not found",
                                  channel=self.config.name, status=404)
        if push.tracking_number and any(
            (info.get("number") or "") == push.tracking_number
            for f in order.get("fulfillments") or []
            for info in f.get("trackingInfo") or []
        ):
            return  # delivered before (a retry after a lost answer)
        wanted = {line.external_line_id: line.quantity for line in push.lines}
        groups = []
        for fo in _nodes(order.get("fulfillmentOrders")):
            if fo.get("status") not in ("OPEN", "IN_PROGRESS"):
                continue
            items = []
            for fo_line in _nodes(fo.get("lineItems")):
                remaining = int(fo_line.get("remainingQuantity") or 0)
                line_id = str((fo_line.get("lineItem") or {}).get("id", ""))
                if remaining <= 0:
                    continue
                if wanted:
                    take = min(remaining, wanted.get(line_id, 0))
                    if take <= 0:
                        continue
                    wanted[line_id] -= take
                    items.append({"id": fo_line["id"], "quantity": take})
                else:
                    items.append({"id": fo_line["id"], "quantity": remaining})
            if items:
                groups.append({"fulfillmentOrderId": fo["id"], "fulfillmentOrderLineItems": items})
        if not groups:
            return  # nothing left to fulfil: already shipped
        tracking = {k: v for k, v in (("company", push.carrier), ("number", push.tracking_number),
                                      ("url", push.tracking_url)) if v}
        fulfillment: dict[str, Any] = {"lineItemsByFulfillmentOrder": groups,
                                       "notifyCustomer": push.notify_customer}
        if tracking:
            fulfillment["trackingInfo"] = tracking
        result = self.graphql(q.FULFILLMENT_CREATE, {"fulfillment": fulfillment})
        errors = result["fulfillmentCreate"].get("userErrors") or []
        if errors:
            raise RequestRejected(
                f"{self.config.name}: Shopify refused the fulfilment of "
                f"{push.order_external_id}: " + "; ".join(str(e.get("message")) for e in errors),
                channel=self.config.name, status=422,
            )

    def push_cancellation(self, order_external_id: str, idempotency_key: str) -> None:
        """Cancel (restocking, no refund: money is handled on the shop) unless already cancelled."""
        order = self.graphql(q.ORDER_STATE, {"id": order_external_id}).get("order")
        if not order:
            raise RequestRejected(f"{self.config.name}: order {order_external_id} not found",
                                  channel=self.config.name, status=404)
        if order.get("cancelledAt"):
            return
        result = self.graphql(q.ORDER_CANCEL, {"orderId": order_external_id,
                                               "notifyCustomer": True})
        errors = result["orderCancel"].get("orderCancelUserErrors") or []
        if errors:
            raise RequestRejected(
                f"{self.config.name}: Shopify refused to cancel {order_external_id}: "
                + "; ".join(str(e.get("message")) for e in errors),
                channel=self.config.name, status=422)

    # -- stock ---------------------------------------------------------------------------

    def _location(self) -> str:
        if not self._location_id:
            nodes = _nodes(self.graphql(q.FIRST_LOCATION)["locations"])
            if not nodes:
                raise RequestRejected(f"{self.config.name}: the store has no location",
                                      channel=self.config.name)
            self._location_id = str(nodes[0]["id"])
        return self._location_id

    def _resolve_inventory_items(self, skus: Sequence[str]) -> None:
        missing = [s for s in dict.fromkeys(skus) if s not in self._inventory_items]
        for start in range(0, len(missing), 50):
            chunk = missing[start:start + 50]
            search = " OR ".join(f"sku:'{s.replace(chr(39), '')}'" for s in chunk)
            data = self.graphql(q.VARIANTS_BY_SKU, {"first": 250, "query": search})
            for node in _nodes(data["productVariants"]):
                if node.get("sku") in chunk and node.get("inventoryItem"):
                    self._inventory_items[node["sku"]] = str(node["inventoryItem"]["id"])

    def push_stock(self, pushes: Sequence[StockPush]) -> list[StockPushResult]:
        """Set `available` per SKU at the store's location with inventorySetQuantities."""
        if not pushes:
            return []
        self._resolve_inventory_items([p.sku for p in pushes])
        results: dict[str, StockPushResult] = {}
        known = []
        for push in pushes:
            if push.sku in self._inventory_items:
                known.append(push)
            else:
                results[push.sku] = StockPushResult(push.sku, False, "SKU not found on Shopify")
        location = self._location() if known else ""
        for start in range(0, len(known), 250):
            batch = known[start:start + 250]
            key = hashlib.sha256("|".join(sorted(p.idempotency_key for p in batch))
                                 .encode()).hexdigest()[:40]
            variables = {
                "key": key,
                "input": {
                    "name": "available",
                    "reason": "correction",
                    "referenceDocumentUri": f"omsdesk://stock/{key}",
                    # omsdesk is the source of truth here, so opt out of compare-and-set.
                    "quantities": [
                        {"inventoryItemId": self._inventory_items[p.sku], "locationId": location,
                         "quantity": p.available, "changeFromQuantity": None}
                        for p in batch
                    ],
                },
            }
            data = self.graphql(q.INVENTORY_SET, variables)
            failed: dict[int, str] = {}
            for err in data["inventorySetQuantities"].get("userErrors") or []:
                index = next((int(f) for f in err.get("field") or [] if str(f).isdigit()), -1)
                failed[index] = str(err.get("message"))
            for i, push in enumerate(batch):
                reason = failed.get(i) or failed.get(-1)
                results[push.sku] = StockPushResult(push.sku, reason is None, reason or "")
        return [results[p.sku] for p in pushes]

    # -- products ------------------------------------------------------------------------

    def pull_products(self) -> Iterator[ChannelProduct]:
        """Every variant with its SKU and price (shop currency unknown here: left blank)."""
        after: str | None = None
        while True:
            data = self.graphql(q.VARIANTS_PAGE, {"first": 250, "after": after})
            connection = data["productVariants"]
            for node in _nodes(connection):
                title = (node.get("product") or {}).get("title") or ""
                if node.get("title") and node["title"] != "Default Title":
                    title = f"{title} – {node['title']}"
                if node.get("inventoryItem") and node.get("sku"):
                    self._inventory_items[node["sku"]] = str(node["inventoryItem"]["id"])
                yield ChannelProduct(external_id=str(node["id"]), sku=node.get("sku") or "",
                                     title=title)
            info = connection.get("pageInfo") or {}
            if not info.get("hasNextPage"):
                return
            after = info.get("endCursor")
