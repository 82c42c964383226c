"""Shopify connector over the GraphQL Admin API: orders in, fulfilments and stock out."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from omsdesk.sync import bulk_parse, shopify_bulk
from omsdesk.sync import shopify_queries as q
from omsdesk.sync.connector import (
    ChannelConfig,
    ChannelOrder,
    ChannelProduct,
    ConnectionCheck,
    Connector,
    FulfillmentPush,
    ListingResult,
    ListingWrite,
    OrderPage,
    RejectedOrder,
    RemoteListing,
    StockPush,
    StockPushResult,
    format_cursor,
    parse_utc,
)
from omsdesk.sync.errors import AuthError, BadResponse, RateLimited, RequestRejected
from omsdesk.sync.http import HttpClient
from omsdesk.sync.paging import lookback, shift
from omsdesk.sync.ratelimit import RateLimit, TokenBucket
from omsdesk.sync.shopify_access import connection_check
from omsdesk.sync.shopify_cost import MAX_SINGLE_QUERY_COST, largest_size, requested_cost
from omsdesk.sync.shopify_orders import nodes_of, parse_order, read_order, split_reads

__all__ = ["ShopifyConnector", "parse_order"]

log = logging.getLogger(__name__)

DEFAULT_API_VERSION = "2026-01"
# Standard plan: 100 query-cost points restored per second (shopify.dev/docs/api/usage/limits);
# the server's throttleStatus corrects these figures after the first answer.
DEFAULT_LIMIT = RateLimit(capacity=1000, refill_per_second=100)
MAX_THROTTLE_WAITS = 6
# Lines read with each order of a page; an order with more gets them from ORDER_LINES.
DEFAULT_LINES_PER_ORDER = 5
# Above this many orders to read, one bulk operation replaces the paged reads.
DEFAULT_BULK_THRESHOLD = 1000
# Only a first import or a cursor this old can have that many orders to read.
BULK_CHECK_AGE = timedelta(days=1)
BULK_PAGE = 250
DEFAULT_BULK_TIMEOUT = 3600.0


class QueryTooCostly(RequestRejected):
    """Shopify refused a query whose requested cost exceeds the single-query maximum."""

# Without the read_all_orders scope Shopify shows only the last 60 days of orders.
VISIBLE_WINDOW = timedelta(days=60)


def _safe_to_repeat(document: str) -> bool:
    """Queries, and mutations carrying an idempotency key, may be sent twice."""
    return not document.lstrip().startswith("mutation") or "@idempotent" in document


class ShopifyConnector(Connector):
    """Talks to one Shopify store through `/admin/api/{version}/graphql.json`."""

    type_name = "shopify"
    secret_hint = "Admin API access token"
    supports_products = True

    def __init__(self, config: ChannelConfig, http: HttpClient) -> None:
        super().__init__(config, http)
        self.api_version = config.options.get("api_version", DEFAULT_API_VERSION)
        self.endpoint = f"{config.url.rstrip('/')}/admin/api/{self.api_version}/graphql.json"
        # Upper bounds: the page actually asked for is what fits the cost budget.
        self.max_page_size = int(config.options.get("page_size", "250"))
        # Set when Shopify refused a page sized by our estimate: later pulls stay below it.
        self._refused_page: int | None = None
        self.line_count = int(config.options.get("line_items_per_order",
                                                 str(DEFAULT_LINES_PER_ORDER)))
        self.bulk_threshold = int(config.options.get("bulk_threshold",
                                                     str(DEFAULT_BULK_THRESHOLD)))
        self.bulk_timeout = float(config.options.get("bulk_timeout_seconds",
                                                     str(DEFAULT_BULK_TIMEOUT)))
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

    def cost_budget(self) -> int:
        """Points one query may ask: the single-query maximum, or less if the bucket is smaller."""
        capacity = self.http.limiter.capacity if self.http.limiter is not None else None
        return int(min(MAX_SINGLE_QUERY_COST, capacity or MAX_SINGLE_QUERY_COST))

    def graphql(self, document: str, variables: Mapping[str, Any] | None = None) -> Any:
        """Run one document; waits out THROTTLED answers and returns `data`."""
        # The bucket must hold the requested cost before Shopify runs a query, so that is what
        # the limiter waits for (throttleStatus then corrects the bucket to Shopify's view).
        cost = requested_cost(document, variables)
        for _ in range(MAX_THROTTLE_WAITS):
            body = self.http.send_json(
                "POST", self.endpoint, {"query": document, "variables": dict(variables or {})},
                cost=cost, idempotent=_safe_to_repeat(document),
                root=True,  # one endpoint for everything: a 404 is a wrong shop or API version
            )
            if not isinstance(body, dict):
                raise BadResponse(f"{self.config.name}: GraphQL answer is not an object",
                                  channel=self.config.name)
            extension = (body.get("extensions") or {}).get("cost") or {}
            status = extension.get("throttleStatus") or {}
            if status and self.http.limiter is not None:
                self.http.limiter.observe(
                    float(status.get("currentlyAvailable", 0)),
                    float(status.get("maximumAvailable", 0)),
                    float(status.get("restoreRate", 0)),
                )
            errors = body.get("errors") or []
            codes = {str((e.get("extensions") or {}).get("code", "")) for e in errors}
            if "THROTTLED" in codes:
                wait = self._throttle_wait(extension, cost)
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

    def _throttle_wait(self, extension: Mapping[str, Any], cost: float) -> float:
        status = extension.get("throttleStatus") or {}
        needed = float(extension.get("requestedQueryCost") or cost)
        available = float(status.get("currentlyAvailable") or 0)
        rate = float(status.get("restoreRate") or DEFAULT_LIMIT.refill_per_second)
        return max(0.5, (needed - available) / rate)

    # -- connection check ----------------------------------------------------------------

    def check_connection(self) -> ConnectionCheck:
        """The API version against the supported window, and every scope the sync needs."""
        return connection_check(self.graphql(q.CONNECTION_CHECK), self.api_version)

    # -- orders --------------------------------------------------------------------------

    def pull_orders(self, since_cursor: str | None) -> Iterator[OrderPage]:
        """Orders updated at or after the cursor, oldest update first, as many per page as fit."""
        self.warnings.clear()
        self._check_visible_window(since_cursor)
        # The connection's cursor is a keyset (sort key plus id), so ties and orders changed
        # mid-run are safe; the look-back catches orders the search index shows late.
        overlap = lookback(self.config)
        start = shift(since_cursor, -overlap) if since_cursor and overlap else since_cursor
        query = f"updated_at:>='{start}'" if start else None
        if self._wants_bulk(since_cursor, query):
            yield from self._pull_bulk(since_cursor, query)
            return
        watermark = since_cursor
        after: str | None = None
        variables: dict[str, Any] = {"query": query, "lineCount": self.line_count}
        page_size = largest_size(q.ORDERS_PAGE, {**variables, "after": None}, "first",
                                 self.max_page_size, self.cost_budget())
        if self._refused_page is not None:
            page_size = min(page_size, max(1, self._refused_page // 2))
        while True:
            try:
                data = self.graphql(q.ORDERS_PAGE, {**variables, "first": page_size,
                                                    "after": after})
            except QueryTooCostly:
                # Shopify priced it above our own estimate: a smaller page always fits.
                if page_size <= 1:
                    raise
                self._refused_page = page_size
                page_size = max(1, page_size // 2)
                log.info("%s: query too costly, page size now %d", self.config.name, page_size)
                continue
            connection = data["orders"]
            orders, rejected = self._read_orders(nodes_of(connection))
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

    def _read_orders(self, nodes: Sequence[Mapping[str, Any]],
                     ) -> tuple[list[ChannelOrder], list[RejectedOrder]]:
        return split_reads(read_order(node, self._with_all_lines) for node in nodes)

    def _with_all_lines(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        """The order with every line item: those beyond the first page read with ORDER_LINES."""
        block = node.get("lineItems") or {}
        info = block.get("pageInfo") or {}
        if not info.get("hasNextPage"):
            return node
        items = list(nodes_of(block))
        after = info.get("endCursor")
        size = largest_size(q.ORDER_LINES, {"id": node["id"], "after": after}, "first", 250,
                            self.cost_budget())
        while after:
            data = self.graphql(q.ORDER_LINES, {"id": node["id"], "first": size, "after": after})
            page = (data.get("order") or {}).get("lineItems") or {}
            items.extend(nodes_of(page))
            more = page.get("pageInfo") or {}
            after = more.get("endCursor") if more.get("hasNextPage") else None
        return {**node, "lineItems": {"nodes": items}}

    def _wants_bulk(self, since_cursor: str | None, query: str | None) -> bool:
        if self.bulk_threshold <= 0:
            return False
        if since_cursor and parse_utc(since_cursor) > datetime.now(UTC) - BULK_CHECK_AGE:
            return False
        data = self.graphql(q.ORDERS_COUNT, {"query": query, "limit": self.bulk_threshold + 1})
        count = int((data.get("ordersCount") or {}).get("count") or 0)
        return count > self.bulk_threshold

    def _pull_bulk(self, since_cursor: str | None, query: str | None) -> Iterator[OrderPage]:
        """One bulk operation instead of pages; the cursor moves only with the last page."""
        with bulk_parse.BulkReader(BULK_PAGE) as reader:  # starts while Shopify runs the export
            operation = shopify_bulk.run_orders(self.graphql, self.http.pause, query,
                                                channel=self.config.name, timeout=self.bulk_timeout)
            log.info("%s: bulk export of %d orders ready", self.config.name, operation.root_objects)
            # The export is unsorted and reads orders as Shopify runs it: only its start is a
            # mark that nothing later than it was missed.
            started = format_cursor(parse_utc(operation.created_at))
            newest: str | None = None
            pages: Iterator[bulk_parse.Page] = iter([([], [], True)])  # no URL: nothing to read
            if operation.url:
                pages = reader.pages(self.http.download(operation.url))
            for orders, rejected, last in pages:
                stamps = [format_cursor(o.updated_at) for o in orders]
                newest = max([newest or "", *stamps]) or None
                if not last:
                    yield OrderPage(tuple(orders), since_cursor, tuple(rejected))
                    continue
                mark = min(newest, started) if newest else started
                if since_cursor and mark < since_cursor:
                    mark = since_cursor
                yield OrderPage(tuple(orders), mark, tuple(rejected))

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
        for fo in nodes_of(order.get("fulfillmentOrders")):
            if fo.get("status") not in ("OPEN", "IN_PROGRESS"):
                continue
            if ((fo.get("lineItems") or {}).get("pageInfo") or {}).get("hasNextPage"):
                raise RequestRejected(
                    f"{self.config.name}: order {push.order_external_id} has more lines in one "
                    "fulfilment order than one request may read; fulfil it on Shopify",
                    channel=self.config.name, status=422)
            items = []
            for fo_line in nodes_of(fo.get("lineItems")):
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
            nodes = nodes_of(self.graphql(q.FIRST_LOCATION)["locations"])
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
            for node in nodes_of(data["productVariants"]):
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
            for node in nodes_of(connection):
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

    # -- product push --------------------------------------------------------------------

    def find_listings(self, skus: Sequence[str]) -> dict[str, RemoteListing]:
        """The variants of these SKUs with price, barcode, stock and their product's texts."""
        found: dict[str, RemoteListing] = {}
        wanted = list(dict.fromkeys(skus))
        for start in range(0, len(wanted), 50):
            chunk = wanted[start:start + 50]
            search = " OR ".join(f"sku:'{s.replace(chr(39), '')}'" for s in chunk)
            # 100 variants of 4 points each stay well under the 1000-point single-query maximum.
            data = self.graphql(q.LISTINGS_BY_SKU, {"first": 100, "query": search})
            for node in nodes_of(data["productVariants"]):
                sku = node.get("sku") or ""
                if sku not in chunk or sku in found:
                    continue
                found[sku] = _listing(node)
                if node.get("inventoryItem"):
                    self._inventory_items[sku] = str(node["inventoryItem"]["id"])
        return found

    def write_listings(self, writes: Sequence[ListingWrite]) -> list[ListingResult]:
        """productSet for a new product; productUpdate and productVariantsBulkUpdate otherwise.

        Stock goes through push_stock (inventorySetQuantities) after the product exists.
        """
        return self._write_each(
            writes, lambda w: self._create_listing(w) if w.creates else self._update_listing(w))

    def _refused(self, sku: str, errors: Sequence[Mapping[str, Any]]) -> RequestRejected:
        return RequestRejected(
            f"Shopify refused {sku}: " + "; ".join(str(e.get("message")) for e in errors),
            channel=self.config.name, status=422)

    def _create_listing(self, write: ListingWrite) -> str:
        values = write.values
        variant: dict[str, Any] = {
            "optionValues": [{"optionName": "Title", "name": "Default Title"}],
            "sku": write.sku, "price": values["price"],
            # Tracked, so the stock pushed next is what the store sells from.
            "inventoryItem": {"tracked": True}}
        if "ean" in values:
            variant["barcode"] = values["ean"]
        product: dict[str, Any] = {
            "title": values["title"],
            "productOptions": [{"name": "Title", "values": [{"name": "Default Title"}]}],
            "variants": [variant]}
        if "description" in values:
            product["descriptionHtml"] = values["description"]
        data = self.graphql(q.PRODUCT_CREATE, {"input": product})["productSet"]
        if data.get("userErrors"):
            raise self._refused(write.sku, data["userErrors"])
        created = nodes_of((data.get("product") or {}).get("variants"))
        if not created:
            raise RequestRejected(f"Shopify created {write.sku} without a variant",
                                  channel=self.config.name)
        if created[0].get("inventoryItem"):
            self._inventory_items[write.sku] = str(created[0]["inventoryItem"]["id"])
        return str(created[0]["id"])

    def _update_listing(self, write: ListingWrite) -> str:
        remote = write.remote
        assert remote is not None
        values = write.values
        texts = {k: values[f] for f, k in (("title", "title"), ("description", "descriptionHtml"))
                 if f in values}
        if texts:
            data = self.graphql(q.PRODUCT_UPDATE, {"product": {"id": remote.parent_id, **texts}})
            if data["productUpdate"].get("userErrors"):
                raise self._refused(write.sku, data["productUpdate"]["userErrors"])
        fields = {k: values[f] for f, k in (("price", "price"), ("ean", "barcode")) if f in values}
        if fields:
            data = self.graphql(q.VARIANTS_UPDATE, {"productId": remote.parent_id, "variants": [
                {"id": remote.external_id, **fields}]})
            errors = data["productVariantsBulkUpdate"].get("userErrors")
            if errors:
                raise self._refused(write.sku, errors)
        return remote.external_id


def _listing(node: Mapping[str, Any]) -> RemoteListing:
    """A variant of ListingsBySku as a push compares it."""
    product = node.get("product") or {}
    shared = int((product.get("variantsCount") or {}).get("count") or 1) > 1
    values = {"title": str(product.get("title") or ""),
              "description": str(product.get("descriptionHtml") or ""),
              "price": str(node.get("price") or ""), "ean": str(node.get("barcode") or "")}
    fields = {"price", "ean", "stock"}
    if node.get("inventoryQuantity") is not None:
        values["stock"] = str(node["inventoryQuantity"])
    if not shared:
        fields |= {"title", "description"}
    return RemoteListing(
        sku=str(node.get("sku") or ""), external_id=str(node["id"]),
        values={k: v for k, v in values.items() if v},
        fields=frozenset(fields), parent_id=str(product.get("id") or ""),
        note="title and description shared by the product's variants: left as they are"
        if shared else "")
