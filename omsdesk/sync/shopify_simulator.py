"""A local Shopify-style GraphQL Admin API: orders, fulfilment orders, variants and inventory.

It answers the operations the Shopify connector sends (dispatching on operation name),
keeps cursor pagination keyed on (updatedAt, id) as Shopify's cursors are, prices every
document by Shopify's documented cost rules (shopify_cost), refuses one above the single-query
maximum with MAX_COST_EXCEEDED, reports cost in `extensions.cost.throttleStatus`, answers
THROTTLED when the bucket runs dry, and runs bulk order exports served as grouped JSONL.
Used by the demo shop, the benchmark and the connector tests.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from omsdesk.sync.demo_data import CATALOGUE, DemoOrder, DemoProduct
from omsdesk.sync.shopify_cost import MAX_SINGLE_QUERY_COST, CostError, requested_cost
from omsdesk.sync.simulator import Fault, LocalShopServer, RecordedRequest, Reply, json_reply

_OPERATION = re.compile(r"\b(query|mutation)\s+(\w+)")
_UPDATED = re.compile(r"updated_at:(>=|>)'([^']+)'")
_SKU = re.compile(r"sku:'([^']*)'")
_BULK_SEARCH = re.compile(r'orders\(query:\s*("(?:[^"\\]|\\.)*")')
# Shopify supports a version for a year: on 2026-12-01 the oldest is 2026-01.
API_VERSIONS = (("2025-10", False), ("2026-01", True), ("2026-04", True), ("2026-07", True),
                ("2026-10", True), ("unstable", False))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _money(amount: Decimal, currency: str) -> dict[str, Any]:
    return {"shopMoney": {"amount": f"{amount:.2f}", "currencyCode": currency}}


def _first_lines(node: dict[str, Any], count: int) -> dict[str, Any]:
    """The order as a page shows it: its first `count` line items, and whether more follow."""
    items = node["lineItems"]["nodes"]
    end = base64.b64encode(str(min(count, len(items))).encode()).decode()
    return {**node, "lineItems": {"nodes": items[:count], "pageInfo": {
        "hasNextPage": len(items) > count, "endCursor": end}}}


class ShopifySimulator(LocalShopServer):
    """State of one fake store plus the GraphQL endpoint serving it."""

    def __init__(self, token: str, *, api_version: str = "2026-01", throttle: bool = True,
                 maximum_available: float = 2000.0, restore_rate: float = 100.0,
                 max_query_cost: float | None = MAX_SINGLE_QUERY_COST,
                 bulk_polls: int = 2,
                 clock: Callable[[], float] = time.monotonic,
                 scopes: Iterable[str] = ("read_orders", "write_orders", "read_all_orders",
                                          "write_inventory", "write_products", "read_locations",
                                          "read_customers",
                                          "write_merchant_managed_fulfillment_orders")) -> None:
        super().__init__()
        self.token = token
        self.path = f"/admin/api/{api_version}/graphql.json"
        self.throttle_enabled = throttle
        self.maximum_available = maximum_available
        self.restore_rate = restore_rate
        self.max_query_cost = max_query_cost
        # Status queries a bulk export answers RUNNING before it completes.
        self.bulk_polls = bulk_polls
        # How a bulk export ends (Shopify: COMPLETED, FAILED, CANCELED, EXPIRED) and its errorCode.
        self.bulk_outcome: tuple[str, str | None] = ("COMPLETED", None)
        self.bulk_operations: dict[str, dict[str, Any]] = {}
        self.api_versions: dict[str, bool] = dict(API_VERSIONS)
        self.scopes = list(scopes)
        self._available = maximum_available
        self._clock = clock
        self._stamp = clock()
        self._data_lock = threading.RLock()
        self._orders: dict[int, DemoOrder] = {}
        self._rendered: dict[int, dict[str, Any]] = {}
        self._sorted: list[tuple[str, int]] = []
        self._fulfilled: dict[int, dict[int, int]] = {}
        self.fulfillments: dict[int, list[dict[str, Any]]] = {}
        self.products: dict[str, DemoProduct] = {}
        self.inventory: dict[str, int] = {}
        self.idempotency_keys: dict[str, dict[str, Any]] = {}
        self.location_id = "gid://shopify/Location/1"
        self.add_products(CATALOGUE)

    # -- state ---------------------------------------------------------------------------

    def add_products(self, products: Iterable[DemoProduct]) -> None:
        with self._data_lock:
            for product in products:
                self.products[product.sku] = product
                self.inventory.setdefault(product.sku, product.stock)

    def add_orders(self, orders: Iterable[DemoOrder]) -> None:
        """Place or replace orders (a replacement is a later change on the shop)."""
        with self._data_lock:
            for order in orders:
                self._orders[order.order_id] = order
                self._rendered[order.order_id] = self._render(order)
            self._sorted = sorted((_iso(o.updated), o.order_id) for o in self._orders.values())

    def order(self, order_id: int) -> DemoOrder:
        with self._data_lock:
            return self._orders[order_id]

    @property
    def order_count(self) -> int:
        with self._data_lock:
            return len(self._orders)

    def inventory_item_id(self, sku: str) -> str:
        return f"gid://shopify/InventoryItem/{sorted(self.products).index(sku) + 1}"

    def _sku_of_item(self, item_id: str) -> str | None:
        for sku in self.products:
            if self.inventory_item_id(sku) == item_id:
                return sku
        return None

    def _render(self, o: DemoOrder) -> dict[str, Any]:
        cur = o.currency
        address = {"name": o.name, "firstName": o.first_name, "lastName": o.last_name,
                   "company": None, "address1": o.street, "address2": None, "city": o.city,
                   "zip": o.postcode, "province": o.province, "provinceCode": None,
                   "countryCodeV2": o.country, "phone": o.phone}
        fulfilled = self._fulfilled.get(o.order_id, {})
        done = sum(fulfilled.values())
        wanted = sum(line.quantity for line in o.lines)
        status = "FULFILLED" if done >= wanted else ("PARTIALLY_FULFILLED" if done else "UNFULFILLED")
        return {
            "id": f"gid://shopify/Order/{o.order_id}", "name": f"#{o.number}",
            "createdAt": _iso(o.created), "updatedAt": _iso(o.updated),
            "cancelledAt": _iso(o.updated) if o.cancelled else None, "closed": False,
            "note": None,
            "displayFinancialStatus": "PAID" if o.paid else "PENDING",
            "displayFulfillmentStatus": status, "currencyCode": cur, "taxesIncluded": True,
            "email": o.email, "phone": o.phone, "paymentGatewayNames": ["shopify_payments"],
            "customer": {"id": f"gid://shopify/Customer/{zlib.crc32(o.email.encode())}",
                         "displayName": o.name},
            "localizedFields": {"nodes": [{"key": "TAX_CREDENTIAL_ES", "value": o.tax_id}]},
            "shippingAddress": address, "billingAddress": dict(address),
            "totalPriceSet": _money(o.total, cur),
            "totalDiscountsSet": _money(o.discount, cur),
            "totalOutstandingSet": _money(Decimal(0) if o.paid else o.total, cur),
            "discountCodes": [o.discount_code] if o.discount_code else [],
            "lineItems": {"nodes": [{
                "id": f"gid://shopify/LineItem/{line.line_id}", "sku": line.sku,
                "title": line.title, "quantity": line.quantity, "currentQuantity": line.quantity,
                "originalUnitPriceSet": _money(line.unit_price, cur),
                "taxLines": [{"rate": float(line.rate), "priceSet": _money(line.tax, cur)}],
                "discountAllocations": [],
            } for line in o.lines]},
            "shippingLines": {"nodes": [{
                "title": o.shipping_title, "code": "ESTANDAR",
                "originalPriceSet": _money(o.shipping, cur),
                "taxLines": [{"rate": 0.21, "priceSet": _money(o.shipping_tax, cur)}],
            }]} if o.shipping else {"nodes": []},
        }

    # -- HTTP ----------------------------------------------------------------------------

    def authorized(self, request: RecordedRequest) -> bool:
        if request.method == "GET" and request.path.startswith("/bulk/"):
            # A pre-signed storage URL: the name is the credential, no token is sent with it.
            return True
        return request.header("X-Shopify-Access-Token") == self.token

    def unauthorized(self, request: RecordedRequest) -> Reply:
        return json_reply({"errors": "[API] Invalid API key or access token (unrecognized login "
                                     "or wrong password)"}, 401)

    def throttle(self, times: int = 1) -> None:
        """Answer the next `times` queries THROTTLED (HTTP 200, errors[].extensions.code)."""
        self.inject(Fault("throttle", times))

    def fault_reply(self, fault: Fault, request: RecordedRequest) -> Reply | None:
        if fault.kind == "throttle":
            return self._throttled(requested=100.0, available=0.0)
        return super().fault_reply(fault, request)

    def _throttled(self, requested: float, available: float) -> Reply:
        return json_reply({
            "errors": [{"message": "Throttled", "extensions": {
                "code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"}}],
            "extensions": {"cost": {"requestedQueryCost": requested, "actualQueryCost": None,
                                    "throttleStatus": self._status(available)}},
        })

    def _status(self, available: float) -> dict[str, float]:
        return {"maximumAvailable": self.maximum_available, "currentlyAvailable": available,
                "restoreRate": self.restore_rate}

    def handle(self, request: RecordedRequest) -> Reply:
        if request.method == "GET" and request.path.startswith("/bulk/"):
            return self._bulk_file(request.path.rsplit("/", 1)[-1])
        if request.method != "POST" or request.path != self.path:
            return json_reply({"errors": "Not Found"}, 404)
        try:
            body = request.json()
            document, variables = body["query"], body.get("variables") or {}
        except (ValueError, KeyError, TypeError):
            return json_reply({"errors": [{"message": "Parse error on request body"}]}, 400)
        match = _OPERATION.search(document)
        operation = match.group(2) if match else ""
        handler = getattr(self, f"_op_{operation}", None)
        if handler is None:
            return json_reply({"errors": [{"message": f"unknown operation {operation!r}"}]})
        try:
            requested = float(requested_cost(document, variables))
        except (CostError, ValueError) as exc:
            return json_reply({"errors": [{"message": f"cannot price the query: {exc}"}]})
        if self.max_query_cost is not None and requested > self.max_query_cost:
            return json_reply({"errors": [{
                "message": f"Query cost is {requested}, which exceeds the single query max "
                           f"cost limit ({self.max_query_cost}).",
                "extensions": {"code": "MAX_COST_EXCEEDED", "cost": requested,
                               "maxCost": self.max_query_cost}}]})
        available = self._spend(requested)
        if available is None:
            return self._throttled(requested, self._available)
        with self._data_lock:
            data = handler(variables)
        return json_reply({"data": data, "extensions": {"cost": {
            "requestedQueryCost": requested, "actualQueryCost": requested,
            "throttleStatus": self._status(available)}}})

    def _spend(self, cost: float) -> float | None:
        """Take `cost` points from the bucket; None (THROTTLED) when it holds too few."""
        with self._data_lock:
            now = self._clock()
            self._available = min(self.maximum_available,
                                  self._available + (now - self._stamp) * self.restore_rate)
            self._stamp = now
            if not self.throttle_enabled:
                return self._available
            # Points are fractional and restored continuously: a client that waited exactly long
            # enough must not be refused for a rounding error (Shopify's bucket is no stricter).
            if cost > self._available + 1e-6:
                return None
            self._available = max(0.0, self._available - cost)
            return self._available

    # -- operations ----------------------------------------------------------------------

    def _op_OrdersPage(self, v: Mapping[str, Any]) -> dict[str, Any]:
        first = min(250, int(v.get("first") or 50))
        keys = self._matching(v.get("query"))
        if v.get("after"):
            stamp, _, oid = base64.b64decode(v["after"]).decode().partition("|")
            after = (stamp, int(oid))
            keys = [k for k in keys if k > after]
        page = keys[:first]
        lines = int(v.get("lineCount") or 1)
        nodes = [_first_lines(self._rendered[oid], lines) for _, oid in page]
        end = base64.b64encode(f"{page[-1][0]}|{page[-1][1]}".encode()).decode() if page else None
        return {"orders": {"nodes": nodes, "pageInfo": {"hasNextPage": len(keys) > first,
                                                         "endCursor": end}}}

    def _matching(self, search: str | None) -> list[tuple[str, int]]:
        keys = self._sorted
        match = _UPDATED.search(search or "")
        if match:
            op, bound = match.groups()
            stamp = _iso(datetime.fromisoformat(bound.replace("Z", "+00:00")))
            keys = [k for k in keys if (k[0] >= stamp if op == ">=" else k[0] > stamp)]
        return keys

    def _op_OrdersCount(self, v: Mapping[str, Any]) -> dict[str, Any]:
        count = len(self._matching(v.get("query")))
        limit = int(v.get("limit") or 10000)
        return {"ordersCount": {"count": min(count, limit),
                                "precision": "AT_LEAST" if count > limit else "EXACT"}}

    def _op_OrderLines(self, v: Mapping[str, Any]) -> dict[str, Any]:
        order_id = int(str(v["id"]).rsplit("/", 1)[-1])
        if order_id not in self._rendered:
            return {"order": None}
        items = self._rendered[order_id]["lineItems"]["nodes"]
        start = int(base64.b64decode(v["after"]).decode()) if v.get("after") else 0
        end = start + int(v.get("first") or 1)
        return {"order": {"lineItems": {
            "nodes": items[start:end],
            "pageInfo": {"hasNextPage": end < len(items),
                         "endCursor": base64.b64encode(str(end).encode()).decode()}}}}

    def _op_BulkOrders(self, v: Mapping[str, Any]) -> dict[str, Any]:
        match = _BULK_SEARCH.search(str(v.get("query") or ""))
        search = json.loads(match.group(1)) if match else None
        ident = f"gid://shopify/BulkOperation/{len(self.bulk_operations) + 1}"
        lines: list[str] = []
        for _, oid in self._matching(search):
            node = dict(self._rendered[oid])
            children = [("lineItems", c) for c in node.pop("lineItems")["nodes"]]
            children += [("shippingLines", {"id": f"gid://shopify/ShippingLine/{oid}{i}", **c})
                         for i, c in enumerate(node.pop("shippingLines")["nodes"])]
            children += [("localizedFields", c) for c in node.pop("localizedFields")["nodes"]]
            lines.append(json.dumps(node))
            lines += [json.dumps({**c, "__parentId": node["id"]}) for _, c in children]
        self.bulk_operations[ident] = {
            "id": ident, "createdAt": _iso(datetime.now(UTC)), "polls": 0,
            "rootObjectCount": sum(1 for line in lines if "__parentId" not in line),
            "objectCount": len(lines), "file": ("\n".join(lines) + "\n") if lines else ""}
        return {"bulkOperationRunQuery": {"bulkOperation": {"id": ident, "status": "CREATED"},
                                          "userErrors": []}}

    def _op_BulkStatus(self, v: Mapping[str, Any]) -> dict[str, Any]:
        operation = self.bulk_operations.get(str(v["id"]))
        if operation is None:
            return {"bulkOperation": None}
        operation["polls"] += 1
        done = operation["polls"] > self.bulk_polls
        name = operation["id"].rsplit("/", 1)[-1]
        outcome, error = self.bulk_outcome if done else ("RUNNING", None)
        done = done and outcome == "COMPLETED"
        return {"bulkOperation": {
            "id": operation["id"], "status": outcome,
            "errorCode": error, "createdAt": operation["createdAt"],
            "completedAt": _iso(datetime.now(UTC)) if done else None,
            "objectCount": str(operation["objectCount"]) if done else "0",
            "rootObjectCount": str(operation["rootObjectCount"]) if done else "0",
            "url": f"{self.url}/bulk/{name}.jsonl" if done and operation["file"] else None,
            "partialDataUrl": None}}

    def _bulk_file(self, name: str) -> Reply:
        operation = self.bulk_operations.get(f"gid://shopify/BulkOperation/{name.split('.')[0]}")
        if operation is None:
            return 404, {"Content-Type": "application/xml"}, b"<Error>NoSuchKey</Error>"
        return 200, {"Content-Type": "application/jsonl"}, operation["file"].encode()

    def _op_ConnectionCheck(self, v: Mapping[str, Any]) -> dict[str, Any]:
        return {"shop": {"name": "Tienda de prueba", "myshopifyDomain": "tienda.myshopify.com"},
                "publicApiVersions": [{"handle": h, "supported": ok}
                                      for h, ok in self.api_versions.items()],
                **self._op_AccessScopes(v)}

    def _op_AccessScopes(self, v: Mapping[str, Any]) -> dict[str, Any]:
        return {"currentAppInstallation": {"accessScopes": [{"handle": s} for s in self.scopes]}}

    def _op_FulfillmentOrders(self, v: Mapping[str, Any]) -> dict[str, Any]:
        order_id = int(str(v["id"]).rsplit("/", 1)[-1])
        order = self._orders.get(order_id)
        if order is None:
            return {"order": None}
        done = self._fulfilled.get(order_id, {})
        remaining = {line.line_id: line.quantity - done.get(line.line_id, 0) for line in order.lines}
        closed = order.cancelled or not any(remaining.values())
        return {"order": {
            "id": v["id"],
            "fulfillments": [{"trackingInfo": f["trackingInfo"]}
                             for f in self.fulfillments.get(order_id, [])],
            "fulfillmentOrders": {"nodes": [{
                "id": f"gid://shopify/FulfillmentOrder/{order_id}",
                "status": "CLOSED" if closed else "OPEN",
                "lineItems": {"nodes": [{
                    "id": f"gid://shopify/FulfillmentOrderLineItem/{line.line_id}",
                    "remainingQuantity": remaining[line.line_id],
                    "lineItem": {"id": f"gid://shopify/LineItem/{line.line_id}", "sku": line.sku},
                } for line in order.lines]},
            }]},
        }}

    def _op_FulfillmentCreate(self, v: Mapping[str, Any]) -> dict[str, Any]:
        spec = v["fulfillment"]
        touched: set[int] = set()
        for group in spec["lineItemsByFulfillmentOrder"]:
            order_id = int(str(group["fulfillmentOrderId"]).rsplit("/", 1)[-1])
            order = self._orders.get(order_id)
            if order is None or order.cancelled:
                return {"fulfillmentCreate": {"fulfillment": None, "userErrors": [
                    {"field": ["fulfillment"], "message": "Fulfillment order is not open"}]}}
            done = self._fulfilled.setdefault(order_id, {})
            quantities = {line.line_id: line.quantity for line in order.lines}
            for item in group.get("fulfillmentOrderLineItems") or []:
                line_id = int(str(item["id"]).rsplit("/", 1)[-1])
                if done.get(line_id, 0) + int(item["quantity"]) > quantities.get(line_id, 0):
                    return {"fulfillmentCreate": {"fulfillment": None, "userErrors": [
                        {"field": ["fulfillment"], "message": "Invalid fulfillment quantity"}]}}
                done[line_id] = done.get(line_id, 0) + int(item["quantity"])
            touched.add(order_id)
        fulfillment_id = sum(len(f) for f in self.fulfillments.values()) + 1
        for order_id in touched:
            self.fulfillments.setdefault(order_id, []).append({
                "id": f"gid://shopify/Fulfillment/{fulfillment_id}",
                "trackingInfo": [spec.get("trackingInfo") or {}],
                "notifyCustomer": spec.get("notifyCustomer", False),
            })
            order = self._orders[order_id].touched(datetime.now(UTC))
            self._orders[order_id] = order
            self._rendered[order_id] = self._render(order)
        self._sorted = sorted((_iso(o.updated), o.order_id) for o in self._orders.values())
        return {"fulfillmentCreate": {"fulfillment": {
            "id": f"gid://shopify/Fulfillment/{fulfillment_id}", "status": "SUCCESS"},
            "userErrors": []}}

    def _op_VariantsBySku(self, v: Mapping[str, Any]) -> dict[str, Any]:
        wanted = set(_SKU.findall(str(v.get("query") or "")))
        return {"productVariants": {"nodes": [
            {"id": f"gid://shopify/ProductVariant/{i + 1}", "sku": sku,
             "inventoryItem": {"id": self.inventory_item_id(sku)}}
            for i, sku in enumerate(sorted(self.products)) if sku in wanted]}}

    def _op_VariantsPage(self, v: Mapping[str, Any]) -> dict[str, Any]:
        skus = sorted(self.products)
        start = int(base64.b64decode(v["after"]).decode()) if v.get("after") else 0
        first = int(v.get("first") or 50)
        page = skus[start:start + first]
        return {"productVariants": {
            "pageInfo": {"hasNextPage": start + first < len(skus),
                         "endCursor": base64.b64encode(str(start + first).encode()).decode()},
            "nodes": [{"id": f"gid://shopify/ProductVariant/{skus.index(s) + 1}", "sku": s,
                       "title": "Default Title", "price": f"{self.products[s].price:.2f}",
                       "product": {"title": self.products[s].title},
                       "inventoryItem": {"id": self.inventory_item_id(s)}} for s in page]}}

    def _op_FirstLocation(self, v: Mapping[str, Any]) -> dict[str, Any]:
        return {"locations": {"nodes": [{"id": self.location_id, "name": "Almacén central"}]}}

    def _op_InventorySet(self, v: Mapping[str, Any]) -> dict[str, Any]:
        key = str(v.get("key") or "")
        if key and key in self.idempotency_keys:
            return self.idempotency_keys[key]  # a retry: same answer, applied once
        errors = []
        for i, q in enumerate(v["input"]["quantities"]):
            sku = self._sku_of_item(str(q["inventoryItemId"]))
            if sku is None or q.get("locationId") != self.location_id:
                errors.append({"field": ["input", "quantities", str(i), "inventoryItemId"],
                               "message": "The specified inventory item could not be found.",
                               "code": "INVALID_INVENTORY_ITEM"})
                continue
            self.inventory[sku] = int(q["quantity"])
        result = {"inventorySetQuantities": {
            "inventoryAdjustmentGroup": {"id": f"gid://shopify/InventoryAdjustmentGroup/{len(self.idempotency_keys) + 1}"},
            "userErrors": errors}}
        if key:
            self.idempotency_keys[key] = result
        return result

    def _op_OrderState(self, v: Mapping[str, Any]) -> dict[str, Any]:
        order_id = int(str(v["id"]).rsplit("/", 1)[-1])
        if order_id not in self._rendered:
            return {"order": None}
        node = self._rendered[order_id]
        return {"order": {"id": node["id"], "cancelledAt": node["cancelledAt"],
                          "displayFulfillmentStatus": node["displayFulfillmentStatus"]}}

    def _op_OrderCancel(self, v: Mapping[str, Any]) -> dict[str, Any]:
        order_id = int(str(v["orderId"]).rsplit("/", 1)[-1])
        order = self._orders.get(order_id)
        if order is None or order.cancelled:
            return {"orderCancel": {"job": None, "orderCancelUserErrors": [
                {"field": ["orderId"], "message": "Order cannot be cancelled.",
                 "code": "INVALID"}]}}
        self.add_orders([order.touched(datetime.now(UTC), cancelled=True)])
        return {"orderCancel": {"job": {"id": f"gid://shopify/Job/{order_id}"},
                                "orderCancelUserErrors": []}}
