"""WooCommerce connector over the REST API v3: orders in, completion with tracking and stock out.

Fields and parameters per woocommerce.github.io/woocommerce-rest-api-docs (Orders: list
orders `modified_after`, `dates_are_gmt`, `orderby=modified`; order notes; batch update
products and variations, 100 items per batch; X-WP-Total / X-WP-TotalPages headers).

Stock of a variation goes to `POST /products/{parent}/variations/batch` ("Batch update
product variations"); `/products/batch` refuses a variation id. Trashed orders are listed by
naming `trash` in `status` (the default `any` leaves them out) and handled as cancelled.
HPOS (custom order tables) and legacy post storage answer the same REST fields: nothing here
reads post meta or `post_modified`; the cursor is the REST `date_modified_gmt` and the buyer's
tax id comes from the order's `meta_data`, which both stores return.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from requests.auth import HTTPBasicAuth

from omsdesk.sync.connector import (
    PAYMENT_PAID,
    PAYMENT_PENDING,
    PAYMENT_REFUNDED,
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
from omsdesk.sync.errors import BadResponse
from omsdesk.sync.http import HttpClient
from omsdesk.sync.money import AmountError, currency_exponent, rate_to_bp, to_decimal, to_minor
from omsdesk.sync.paging import lookback, window_pages
from omsdesk.sync.ratelimit import RateLimit, TokenBucket

log = logging.getLogger(__name__)

PER_PAGE = 100  # the API's maximum
BATCH = 100
# Core WooCommerce has no rate limit; hosts add their own. Stay polite by default.
DEFAULT_LIMIT = RateLimit(capacity=10, refill_per_second=5)
# Where common Spanish/EU invoicing plugins keep the buyer's tax id.
TAX_ID_META_KEYS = ("_billing_nif", "billing_nif", "_billing_vat", "_vat_number", "vat_number",
                    "_billing_dni", "NIF")

# Every core order status the list call asks for, `trash` included ("Options: any, pending,
# processing, on-hold, completed, cancelled, refunded, failed and trash. Default is any.").
ORDER_STATUSES = ("pending", "processing", "on-hold", "completed", "cancelled", "refunded",
                  "failed", "trash")

_STATUS = {
    "pending": STATUS_PENDING,
    "failed": STATUS_PENDING,
    "processing": STATUS_OPEN,
    "on-hold": STATUS_ON_HOLD,
    "completed": STATUS_FULFILLED,
    "cancelled": STATUS_CANCELLED,
    "trash": STATUS_CANCELLED,
    "refunded": STATUS_REFUNDED,
}


def _address(block: Mapping[str, Any] | None) -> ChannelAddress:
    if not block:
        return ChannelAddress()
    name = " ".join(p for p in (block.get("first_name"), block.get("last_name")) if p)
    return ChannelAddress(
        name=name.strip(),
        company=(block.get("company") or "").strip(),
        line1=(block.get("address_1") or "").strip(),
        line2=(block.get("address_2") or "").strip(),
        city=(block.get("city") or "").strip(),
        postcode=(block.get("postcode") or "").strip(),
        region=(block.get("state") or "").strip(),
        country=(block.get("country") or "").strip().upper(),
        phone=(block.get("phone") or "").strip(),
    )


def parse_order(raw: Mapping[str, Any], tax_id_keys: Sequence[str] = TAX_ID_META_KEYS) -> ChannelOrder:
    """Normalise one WooCommerce order; raises KeyError/ValueError/AmountError on bad data.

    Woo stores line subtotals and totals without tax whatever `prices_include_tax` says;
    for a tax-inclusive order the tax is added back so `unit_price` follows the order's
    convention. A unit price derived from a line total is rounded up to the cent; `discount`
    then carries the difference so unit_price x quantity - discount equals the shop's total.
    """
    currency = raw["currency"]
    incl = bool(raw.get("prices_include_tax"))
    rates = {
        t.get("rate_id"): rate_to_bp(t.get("rate_percent"), percent=True)
        for t in raw.get("tax_lines") or []
    }
    lines = []
    for item in raw.get("line_items") or []:
        quantity = int(item["quantity"])
        if quantity <= 0:
            raise ValueError(f"line {item.get('id')} has quantity {quantity}")
        subtotal = to_decimal(item["subtotal"])
        line_total = to_decimal(item["total"])
        tax = to_minor(item.get("total_tax") or "0", currency, allow_rounding=True)
        if incl:
            # Add the unrounded tax back before rounding once.
            subtotal += to_decimal(item.get("subtotal_tax") or "0")
            line_total += to_decimal(item.get("total_tax") or "0")
        gross = to_minor(subtotal, currency, allow_rounding=True)
        net_total = to_minor(line_total, currency, allow_rounding=True)
        unit = -(-gross // quantity)  # rounded up, so the discount below is never negative
        rate = sum(rates.get(t.get("id"), 0) for t in item.get("taxes") or []
                   if to_decimal(t.get("total") or "0") != 0)
        lines.append(ChannelOrderLine(
            external_line_id=str(item["id"]),
            sku=(item.get("sku") or "").strip(),
            title=item.get("name") or "",
            quantity=quantity,
            unit_price=unit,
            tax_rate_bp=rate,
            tax=tax,
            discount=unit * quantity - net_total,
        ))
    shipping = []
    for ship in raw.get("shipping_lines") or []:
        tax = to_minor(ship.get("total_tax") or "0", currency)
        price = to_minor(ship["total"], currency) + (tax if incl else 0)
        rate = sum(rates.get(t.get("id"), 0) for t in ship.get("taxes") or []
                   if to_decimal(t.get("total") or "0") != 0)
        shipping.append(ChannelShippingLine(title=ship.get("method_title") or "",
                                            code=ship.get("method_id") or "", price=price,
                                            tax_rate_bp=rate, tax=tax))
    discounts = []
    for fee in raw.get("fee_lines") or []:
        tax = to_minor(fee.get("total_tax") or "0", currency, allow_rounding=True)
        amount = to_minor(fee["total"], currency, allow_rounding=True) + (tax if incl else 0)
        if amount >= 0:
            shipping.append(ChannelShippingLine(title=fee.get("name") or "", code="fee",
                                                price=amount, tax=tax))
        else:
            discounts.append(ChannelDiscount(code="fee", title=fee.get("name") or "",
                                             amount=-amount))
    billing = _address(raw.get("billing"))
    shipping_address = _address(raw.get("shipping"))
    status = raw.get("status") or ""
    total = to_minor(raw["total"], currency)
    if raw.get("date_paid_gmt") and status not in ("pending", "failed"):
        payment = ChannelPayment(PAYMENT_REFUNDED if status == "refunded" else PAYMENT_PAID, total)
    else:
        payment = ChannelPayment(PAYMENT_PENDING, 0)
    payment = ChannelPayment(payment.status, payment.amount,
                             method=raw.get("payment_method_title") or raw.get("payment_method")
                             or "", reference=raw.get("transaction_id") or "")
    meta = {m.get("key"): m.get("value") for m in raw.get("meta_data") or [] if isinstance(m, dict)}
    tax_id = next((str(meta[k]).strip() for k in tax_id_keys if meta.get(k)), "")
    billing_block = raw.get("billing") or {}
    return ChannelOrder(
        external_id=str(raw["id"]),
        number=str(raw.get("number") or raw["id"]),
        status=_STATUS.get(status, STATUS_OPEN),
        raw_status=status,
        created_at=parse_utc(raw["date_created_gmt"]),
        updated_at=parse_utc(raw["date_modified_gmt"]),
        currency=currency.upper(),
        taxes_included=incl,
        customer=ChannelCustomer(
            email=(billing_block.get("email") or "").strip(),
            phone=(billing_block.get("phone") or shipping_address.phone or "").strip(),
            name=billing.name or shipping_address.name,
            tax_id=tax_id,
            external_id=str(raw.get("customer_id") or ""),
        ),
        shipping_address=shipping_address if not shipping_address.is_empty else billing,
        billing_address=billing,
        lines=tuple(lines),
        shipping_lines=tuple(shipping),
        discounts=tuple(discounts),
        payment=payment,
        total=total,
        note=raw.get("customer_note") or "",
        raw=raw,
    )


class WooCommerceConnector(Connector):
    """Talks to one WooCommerce site under `/wp-json/wc/v3`."""

    type_name = "woocommerce"
    secret_hint = "consumer_key:consumer_secret"

    @classmethod
    def secret_problem(cls, secret: str) -> str | None:
        return None if ":" in secret else "a WooCommerce secret is 'consumer_key:consumer_secret'"
    supports_products = True

    def __init__(self, config: ChannelConfig, http: HttpClient) -> None:
        super().__init__(config, http)
        self.base = f"{config.url.rstrip('/')}/wp-json/wc/v3"
        self.per_page = min(PER_PAGE, int(config.options.get("per_page", str(PER_PAGE))))
        self._query_auth: dict[str, str] = {}
        # SKU -> (product id, parent id for a variation or None)
        self._ids: dict[str, tuple[int, int | None]] = {}
        self._catalogue_scanned = False
        # Named one by one: the default `any` leaves trashed orders out (CPT and HPOS stores
        # alike), so an order moved to the bin would never be seen and never cancelled here.
        extra = [s.strip() for s in config.options.get("extra_statuses", "").split(",") if s.strip()]
        self.statuses = ",".join(dict.fromkeys([*ORDER_STATUSES, *extra]))
        keys = config.options.get("tax_id_meta_keys")
        self.tax_id_keys = tuple(k.strip() for k in keys.split(",")) if keys else TAX_ID_META_KEYS

    @classmethod
    def from_config(cls, config: ChannelConfig, **http_options: Any) -> WooCommerceConnector:
        key, _, secret = config.secret.partition(":")
        if not key or not secret:
            raise ValueError("a WooCommerce secret is 'consumer_key:consumer_secret'")
        limiter = http_options.pop("limiter", None) or TokenBucket(
            DEFAULT_LIMIT, **{k: http_options[k] for k in ("clock", "sleep") if k in http_options}
        )
        query_auth = config.options.get("auth") == "query"
        http = HttpClient(config.name, secrets=[config.secret, key, secret],
                          auth=None if query_auth else HTTPBasicAuth(key, secret),
                          limiter=limiter, **http_options)
        connector = cls(config, http)
        if query_auth:
            # For hosts that strip the Authorization header (documented fallback over HTTPS).
            connector._query_auth = {"consumer_key": key, "consumer_secret": secret}
        return connector

    def _params(self, **params: Any) -> dict[str, Any]:
        return {**params, **self._query_auth}

    # -- orders --------------------------------------------------------------------------

    def pull_orders(self, since_cursor: str | None) -> Iterator[OrderPage]:
        """Orders modified at or after the cursor (less the look-back), oldest first.

        `modified_after` and `modified_before` are exclusive, so a window "at or after W" asks
        for after W - 1 s, and one second T is after T - 1 s and before T + 1 s. Inside a
        second the order is `orderby=id`, paged by `offset`, so the pager can check overlap.
        """

        def get(params: dict[str, Any]) -> tuple[list[Mapping[str, Any]], bool]:
            params.update(per_page=self.per_page, order="asc", dates_are_gmt="true",
                          status=self.statuses)
            data, response = self.http.get_json(f"{self.base}/orders", params=self._params(**params),
                                                root=True)
            if not isinstance(data, list):
                raise BadResponse(f"{self.config.name}: orders answer is not a list",
                                  channel=self.config.name, status=response.status)
            total = response.headers.get("X-WP-Total")
            last = total is not None and total.isdigit() \
                and int(params["offset"]) + len(data) >= int(total)
            return data, last

        def fetch(window: str | None, offset: int) -> tuple[list[Mapping[str, Any]], bool]:
            params: dict[str, Any] = {"orderby": "modified", "offset": offset}
            if window:
                params["modified_after"] = _woo_time(parse_utc(window) - timedelta(seconds=1))
            return get(params)

        def fetch_block(stamp: str, offset: int) -> list[Mapping[str, Any]]:
            moment = parse_utc(stamp)
            return get({"orderby": "id", "offset": offset,
                        "modified_after": _woo_time(moment - timedelta(seconds=1)),
                        "modified_before": _woo_time(moment + timedelta(seconds=1))})[0]

        for raws, mark in window_pages(since_cursor, fetch, fetch_block, page_size=self.per_page,
                                       stamp_of=_stamp, key_of=lambda r: str(r.get("id", "")),
                                       lookback=lookback(self.config)):
            orders, rejected = [], []
            for raw in raws:
                if raw.get("status") == "checkout-draft":
                    continue  # a cart still in checkout, not an order yet
                try:
                    orders.append(parse_order(raw, self.tax_id_keys))
                except (KeyError, TypeError, ValueError, AmountError) as exc:
                    rejected.append(RejectedOrder(
                        external_id=str(raw.get("id", "")),
                        reason=f"unreadable WooCommerce order: {exc.__class__.__name__}: {exc}",
                        raw=raw))
            yield OrderPage(tuple(orders), mark, tuple(rejected))

    def deleted_orders(self, external_ids: Sequence[str]) -> set[str]:
        """Orders missing from `GET /orders?include=...` ("Limit result set to specific ids").

        Default `status` (`any`): a trashed order is missing too, and is cancelled here just the
        same. An answer holding an id that was not asked for means `include` was ignored (a
        plug-in or proxy): then nothing is reported gone.
        """
        gone: set[str] = set()
        ids = [i for i in dict.fromkeys(external_ids) if i.isdigit()]
        for start in range(0, len(ids), PER_PAGE):
            chunk = ids[start:start + PER_PAGE]
            data, _ = self.http.get_json(f"{self.base}/orders", params=self._params(
                include=",".join(chunk), per_page=PER_PAGE), root=True)
            if not isinstance(data, list):
                return set()
            seen = {str(o.get("id")) for o in data if isinstance(o, Mapping)}
            if seen - set(chunk):
                return set()
            gone |= set(chunk) - seen
        return gone

    # -- fulfilment ----------------------------------------------------------------------

    def push_fulfillment(self, push: FulfillmentPush) -> None:
        """Add a customer note with the tracking, then mark the order completed."""
        order_url = f"{self.base}/orders/{push.order_external_id}"
        if push.tracking_number:
            notes, _ = self.http.get_json(f"{order_url}/notes", params=self._params())
            if not any(push.tracking_number in str(n.get("note", "")) for n in notes or []):
                text = f"Enviado con {push.carrier or 'transportista'}: {push.tracking_number}"
                if push.tracking_url:
                    text += f" ({push.tracking_url})"
                self.http.send_json("POST", f"{order_url}/notes",
                                    {"note": text, "customer_note": push.notify_customer},
                                    params=self._params(), idempotent=False)
        if push.final:
            self.http.send_json("PUT", order_url, {"status": "completed"}, params=self._params())

    def push_cancellation(self, order_external_id: str, idempotency_key: str) -> None:
        """Set the order's status to cancelled (WooCommerce restocks it) unless it already is."""
        order_url = f"{self.base}/orders/{order_external_id}"
        current, _ = self.http.get_json(order_url, params=self._params())
        if (current or {}).get("status") in ("cancelled", "refunded", "trash"):
            return
        self.http.send_json("PUT", order_url, {"status": "cancelled"}, params=self._params())

    # -- stock ---------------------------------------------------------------------------

    def _lookup_skus(self, skus: Sequence[str]) -> None:
        """Cache SKU -> (product id, parent id) for the SKUs not known yet.

        `GET /products?sku=` searches variations too (WooCommerce's V3 products controller adds
        `product_variation` to the post types whenever `sku` is given) and answers them with
        `type: "variation"` and their `parent_id`: those go to the parent's variations batch.
        """
        missing = [s for s in dict.fromkeys(skus) if s not in self._ids]
        for start in range(0, len(missing), 50):
            chunk = missing[start:start + 50]
            data, _ = self.http.get_json(f"{self.base}/products", params=self._params(
                sku=",".join(chunk), per_page=100))
            for product in data or []:
                if product.get("sku"):
                    self._ids[product["sku"]] = _sku_target(product)
        if any(s not in self._ids for s in missing) and not self._catalogue_scanned:
            # A SKU the search did not find (another spelling, a plugin's product type):
            # scan the catalogue once, variations included, then cache.
            for _ in self.pull_products():
                pass

    def push_stock(self, pushes: Sequence[StockPush]) -> list[StockPushResult]:
        """Batch-update stock_quantity (manage_stock on) for products and variations."""
        self._lookup_skus([p.sku for p in pushes])
        results: dict[str, StockPushResult] = {}
        groups: dict[int | None, list[StockPush]] = {}
        for push in pushes:
            if push.sku not in self._ids:
                results[push.sku] = StockPushResult(push.sku, False, "SKU not found on WooCommerce")
                continue
            groups.setdefault(self._ids[push.sku][1], []).append(push)
        for parent, group in groups.items():
            url = (f"{self.base}/products/batch" if parent is None
                   else f"{self.base}/products/{parent}/variations/batch")
            for start in range(0, len(group), BATCH):
                batch = group[start:start + BATCH]
                body = {"update": [{"id": self._ids[p.sku][0], "stock_quantity": p.available,
                                    "manage_stock": True} for p in batch]}
                answer = self.http.send_json("POST", url, body, params=self._params()) or {}
                by_id = {int(item.get("id") or 0): item for item in answer.get("update") or []}
                for push in batch:
                    item = by_id.get(self._ids[push.sku][0])
                    if item is None:
                        results[push.sku] = StockPushResult(push.sku, False, "missing in answer")
                    elif item.get("error"):
                        results[push.sku] = StockPushResult(
                            push.sku, False, str(item["error"].get("message", "error")))
                    else:
                        results[push.sku] = StockPushResult(push.sku, True)
        return [results[p.sku] for p in pushes]

    # -- products ------------------------------------------------------------------------

    def pull_products(self) -> Iterator[ChannelProduct]:
        """Every product, and every variation of variable products, with SKU and price."""
        page = 1
        while True:
            data, response = self.http.get_json(f"{self.base}/products", params=self._params(
                page=page, per_page=100))
            for product in data or []:
                pid = int(product["id"])
                if product.get("sku"):
                    self._ids[product["sku"]] = _sku_target(product)
                yield _product(product, self.config)
                if product.get("type") == "variable":
                    yield from self._variations(pid, product.get("name") or "")
            total = response.headers.get("X-WP-TotalPages", "1")
            if not data or not total.isdigit() or page >= int(total):
                break
            page += 1
        self._catalogue_scanned = True

    def _variations(self, parent: int, name: str) -> Iterator[ChannelProduct]:
        page = 1
        while True:
            data, response = self.http.get_json(f"{self.base}/products/{parent}/variations",
                                                params=self._params(page=page, per_page=100))
            for variation in data or []:
                if variation.get("sku"):
                    self._ids[variation["sku"]] = (int(variation["id"]), parent)
                yield _product(variation, self.config, prefix=name)
            total = response.headers.get("X-WP-TotalPages", "1")
            if not data or not total.isdigit() or page >= int(total):
                return
            page += 1


    # -- product push --------------------------------------------------------------------
    # Product fields per the REST API v3 "Product properties": name, description,
    # regular_price ("Product regular price", a string), sku, stock_quantity with
    # manage_stock, and global_unique_id ("GTIN, UPC, EAN or ISBN", WooCommerce 9.2+); shops
    # that keep the EAN in a plug-in's meta field set the option ean_field=meta:KEY.

    def _ean_meta_key(self) -> str:
        option = self.config.options.get("ean_field", "global_unique_id")
        return option.partition(":")[2] if option.startswith("meta:") else ""

    def find_listings(self, skus: Sequence[str]) -> dict[str, RemoteListing]:
        """Products and variations of these SKUs (`GET /products?sku=`, which finds both)."""
        found: dict[str, RemoteListing] = {}
        wanted = list(dict.fromkeys(skus))
        for start in range(0, len(wanted), 50):
            chunk = wanted[start:start + 50]
            data, _ = self.http.get_json(f"{self.base}/products", params=self._params(
                sku=",".join(chunk), per_page=100))
            for product in data or []:
                sku = product.get("sku") or ""
                if sku in chunk and sku not in found:
                    self._ids[sku] = _sku_target(product)
                    found[sku] = self._listing(product)
        return found

    def _listing(self, raw: Mapping[str, Any]) -> RemoteListing:
        meta_key = self._ean_meta_key()
        if meta_key:
            ean = next((str(m.get("value") or "") for m in raw.get("meta_data") or []
                        if isinstance(m, Mapping) and m.get("key") == meta_key), "")
        else:
            ean = str(raw.get("global_unique_id") or "")
        variation = raw.get("type") == "variation"
        values = {"title": "" if variation else str(raw.get("name") or ""),
                  "description": str(raw.get("description") or ""),
                  "price": str(raw.get("regular_price") or ""), "ean": ean,
                  "stock": str(raw["stock_quantity"]) if raw.get("manage_stock")
                  and raw.get("stock_quantity") is not None else ""}
        fields = {"description", "price", "ean", "stock"} | (set() if variation else {"title"})
        return RemoteListing(
            sku=str(raw.get("sku") or ""), external_id=str(raw.get("id")),
            values={k: v for k, v in values.items() if v}, fields=frozenset(fields),
            parent_id=str(raw.get("parent_id") or "") if variation else "",
            note="a variation: its name comes from the parent and its attributes"
            if variation else "")

    def _body(self, values: Mapping[str, str]) -> dict[str, Any]:
        body: dict[str, Any] = {}
        for name, key in (("title", "name"), ("description", "description"),
                          ("price", "regular_price")):
            if name in values:
                body[key] = values[name]
        if "ean" in values:
            meta_key = self._ean_meta_key()
            if meta_key:
                body["meta_data"] = [{"key": meta_key, "value": values["ean"]}]
            else:
                body["global_unique_id"] = values["ean"]
        if "stock" in values:
            body.update(stock_quantity=int(values["stock"]), manage_stock=True)
        return body

    def write_listings(self, writes: Sequence[ListingWrite]) -> list[ListingResult]:
        """Batch create simple products; batch update products, and variations under their parent."""
        results: dict[str, ListingResult] = {}
        creates = [w for w in writes if w.creates]
        for start in range(0, len(creates), BATCH):
            batch = creates[start:start + BATCH]
            body = {"create": [{"type": "simple", "status": "publish", "sku": w.sku,
                                **self._body(w.values)} for w in batch]}
            answer = self.http.send_json("POST", f"{self.base}/products/batch", body,
                                         params=self._params(), idempotent=False) or {}
            # "create" answers in the order asked, an item with `error` for a refused one.
            items = list(answer.get("create") or [])
            for i, write in enumerate(batch):
                item = items[i] if i < len(items) else None
                results[write.sku] = self._result(write.sku, item)
                if results[write.sku].ok:
                    self._ids[write.sku] = (int(results[write.sku].external_id), None)
        groups: dict[str, list[ListingWrite]] = {}
        for write in writes:
            if not write.creates and write.remote is not None:
                groups.setdefault(write.remote.parent_id, []).append(write)
        for parent, group in groups.items():
            url = (f"{self.base}/products/{parent}/variations/batch" if parent
                   else f"{self.base}/products/batch")
            for start in range(0, len(group), BATCH):
                batch = group[start:start + BATCH]
                body = {"update": [{"id": int(w.remote.external_id), **self._body(w.values)}
                                   for w in batch if w.remote is not None]}
                answer = self.http.send_json("POST", url, body, params=self._params()) or {}
                by_id = {str(item.get("id")): item for item in answer.get("update") or []}
                for write in batch:
                    assert write.remote is not None
                    results[write.sku] = self._result(write.sku,
                                                      by_id.get(write.remote.external_id))
        return [results[w.sku] for w in writes]

    @staticmethod
    def _result(sku: str, item: Mapping[str, Any] | None) -> ListingResult:
        if item is None:
            return ListingResult(sku, False, reason="missing in WooCommerce's answer")
        if item.get("error"):
            error = item["error"]
            return ListingResult(sku, False, reason=f"WooCommerce refused it: "
                                 f"{error.get('message', 'error')} ({error.get('code', '')})")
        return ListingResult(sku, True, external_id=str(item.get("id") or ""))


def _sku_target(product: Mapping[str, Any]) -> tuple[int, int | None]:
    """(id, parent id) of a product from /products: a parent only for a variation."""
    parent = int(product.get("parent_id") or 0)
    if product.get("type") == "variation" and parent:
        return int(product["id"]), parent
    return int(product["id"]), None


def _woo_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _stamp(raw: Mapping[str, Any]) -> str:
    try:
        return format_cursor(parse_utc(raw["date_modified_gmt"]))
    except (KeyError, TypeError, ValueError):
        return ""


def _product(raw: Mapping[str, Any], config: ChannelConfig, prefix: str = "") -> ChannelProduct:
    currency = config.options.get("currency", "")
    price = None
    if currency and raw.get("price"):
        try:
            currency_exponent(currency)
            price = to_minor(raw["price"], currency, allow_rounding=True)
        except AmountError:
            price = None
    title = raw.get("name") or ""
    if prefix and not title:
        title = prefix
    return ChannelProduct(external_id=str(raw.get("id")), sku=raw.get("sku") or "", title=title,
                          price=price, currency=currency)
