"""PrestaShop connector over the Webservice API: orders in, tracking/state and stock out.

Per devdocs.prestashop-project.org (webservice reference and resources orders, order_details,
order_histories, order_carriers, stock_availables): JSON reads with `output_format=JSON`,
the key as Basic-auth user, `display=full`, `filter[field]=[a,b]` intervals (which need
`date=1` for dates), `sort=[field_ASC]`, `limit=offset,count`; writes take XML bodies.
Dates are in the shop's time zone (option `timezone`). The end of a date interval is
unreliable (PrestaShop#10822), so the window is left open at a far-future end.
"""

from __future__ import annotations

import logging
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

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
from omsdesk.sync.errors import BadResponse, RequestRejected
from omsdesk.sync.http import HttpClient
from omsdesk.sync.money import AmountError, rate_from_prices, rate_to_bp, to_decimal, to_minor
from omsdesk.sync.paging import lookback, shift, window_pages
from omsdesk.sync.ratelimit import RateLimit, TokenBucket

log = logging.getLogger(__name__)

PAGE = 100
DEFAULT_LIMIT = RateLimit(capacity=10, refill_per_second=5)
FAR_FUTURE = "2999-12-31 23:59:59"
# Default order states of a fresh PrestaShop install (ps_order_state ids).
DEFAULT_STATES = {
    1: STATUS_PENDING, 2: STATUS_OPEN, 3: STATUS_OPEN, 4: STATUS_FULFILLED,
    5: STATUS_FULFILLED, 6: STATUS_CANCELLED, 7: STATUS_REFUNDED, 8: STATUS_PENDING,
    9: STATUS_OPEN, 10: STATUS_PENDING, 11: STATUS_OPEN, 12: STATUS_ON_HOLD, 13: STATUS_PENDING,
}
PAID_STATES = frozenset({2, 3, 4, 5, 9, 11})
SHIPPED_STATE = 4
CANCELLED_STATE = 6


def _get(block: Mapping[str, Any], key: str) -> str:
    value = block.get(key)
    return "" if value is None else str(value).strip()


class PrestaShopConnector(Connector):
    """Talks to one PrestaShop shop under `/api`."""

    type_name = "prestashop"
    secret_hint = "webservice key"

    def __init__(self, config: ChannelConfig, http: HttpClient) -> None:
        super().__init__(config, http)
        self.base = f"{config.url.rstrip('/')}/api"
        self.zone = ZoneInfo(config.options.get("timezone", "UTC"))
        self.states = dict(DEFAULT_STATES)
        for pair in filter(None, config.options.get("state_map", "").split(",")):
            state_id, _, status = pair.partition(":")
            self.states[int(state_id)] = status.strip()
        self.shipped_state = int(config.options.get("shipped_state_id", SHIPPED_STATE))
        self.cancelled_state = int(config.options.get("cancelled_state_id", CANCELLED_STATE))
        self._countries: dict[str, str] = {}
        self._currencies: dict[str, str] = {}
        self._customers: dict[str, Mapping[str, Any]] = {}
        self._addresses: dict[str, Mapping[str, Any]] = {}
        self._stock_ids: dict[str, Mapping[str, Any]] = {}
        # Product id -> its net price as the shop holds it: the base of its combinations' impacts.
        self._product_prices: dict[str, str] = {}

    @classmethod
    def from_config(cls, config: ChannelConfig, **http_options: Any) -> PrestaShopConnector:
        limiter = http_options.pop("limiter", None) or TokenBucket(
            DEFAULT_LIMIT, **{k: http_options[k] for k in ("clock", "sleep") if k in http_options}
        )
        http = HttpClient(config.name, secrets=[config.secret],
                          auth=HTTPBasicAuth(config.secret, ""), limiter=limiter, **http_options)
        return cls(config, http)

    def _read(self, resource: str, params: Mapping[str, Any] | None = None, *,
              root: bool = False) -> Any:
        data, _ = self.http.get_json(f"{self.base}/{resource}",
                                     params={**(params or {}), "output_format": "JSON"}, root=root)
        return data

    def _list(self, resource: str, key: str, params: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        # A list answers (maybe empty) on every working shop: a 404 means no webservice there.
        data = self._read(resource, params, root=True)
        # An empty result is `[]` rather than {"orders": []}.
        if isinstance(data, list):
            if data:
                raise BadResponse(f"{self.config.name}: unexpected list for {resource}",
                                  channel=self.config.name)
            return []
        if not isinstance(data, dict):
            raise BadResponse(f"{self.config.name}: unexpected answer for {resource}",
                              channel=self.config.name)
        items = data.get(key) or []
        return list(items if isinstance(items, list) else [items])

    def _local(self, cursor: str) -> str:
        return parse_utc(cursor).astimezone(self.zone).strftime("%Y-%m-%d %H:%M:%S")

    def _utc(self, local: str) -> datetime:
        naive = datetime.fromisoformat(local.strip().replace(" ", "T", 1))
        return parse_utc(naive.replace(tzinfo=self.zone))

    # -- orders --------------------------------------------------------------------------

    def pull_orders(self, since_cursor: str | None) -> Iterator[OrderPage]:
        """Orders with date_upd at or after the cursor, oldest first, 100 per request."""

        def fetch(window: str | None, offset: int) -> tuple[list[Mapping[str, Any]], bool]:
            params: dict[str, Any] = {"display": "full", "sort": "[date_upd_ASC,id_ASC]",
                                      "limit": f"{offset},{PAGE}"}
            if window:
                params["date"] = "1"
                params["filter[date_upd]"] = f"[{self._local(window)},{FAR_FUTURE}]"
            return self._list("orders", "orders", params), False  # no total: a short page ends

        def fetch_block(stamp: str, offset: int) -> list[Mapping[str, Any]]:
            # The range end is unreliable (PrestaShop#10822): ask up to the next second and
            # let the pager keep only this one.
            end = shift(stamp, timedelta(seconds=1))
            return self._list("orders", "orders", {
                "display": "full", "sort": "[id_ASC]", "limit": f"{offset},{PAGE}", "date": "1",
                "filter[date_upd]": f"[{self._local(stamp)},{self._local(end)}]"})

        self._customers.clear()
        self._addresses.clear()
        for raws, mark in window_pages(since_cursor, fetch, fetch_block, page_size=PAGE,
                                       stamp_of=self._stamp, key_of=lambda r: _get(r, "id"),
                                       lookback=lookback(self.config)):
            self._prefetch(raws)
            orders, rejected = [], []
            for raw in raws:
                try:
                    orders.append(self.parse_order(raw))
                except (KeyError, TypeError, ValueError, AmountError) as exc:
                    rejected.append(RejectedOrder(
                        external_id=_get(raw, "id"),
                        reason=f"unreadable PrestaShop order: {exc.__class__.__name__}: {exc}",
                        raw=raw))
            yield OrderPage(tuple(orders), mark, tuple(rejected))

    def _stamp(self, raw: Mapping[str, Any]) -> str:
        try:
            return format_cursor(self._utc(_get(raw, "date_upd")))
        except ValueError:
            return ""

    def _fetch_many(self, resource: str, key: str, ids: Iterable[str],
                    cache: dict[str, Mapping[str, Any]]) -> None:
        wanted = sorted({i for i in ids if i and i != "0" and i not in cache})
        for start in range(0, len(wanted), 50):
            chunk = wanted[start:start + 50]
            for item in self._list(resource, key, {"display": "full",
                                                   "filter[id]": f"[{'|'.join(chunk)}]"}):
                cache[_get(item, "id")] = item

    def _prefetch(self, raws: Sequence[Mapping[str, Any]]) -> None:
        """Fetch the page's customers and addresses in a few filtered reads, not one per order."""
        self._fetch_many("customers", "customers", (_get(r, "id_customer") for r in raws),
                         self._customers)
        address_ids = [_get(r, k) for r in raws for k in ("id_address_delivery",
                                                           "id_address_invoice")]
        self._fetch_many("addresses", "addresses", address_ids, self._addresses)

    def _country(self, country_id: str) -> str:
        if country_id and country_id not in self._countries:
            data = self._read(f"countries/{country_id}")
            self._countries[country_id] = _get(data["country"], "iso_code").upper()
        return self._countries.get(country_id, "")

    def _currency(self, currency_id: str) -> str:
        if currency_id not in self._currencies:
            data = self._read(f"currencies/{currency_id}")
            self._currencies[currency_id] = _get(data["currency"], "iso_code").upper()
        return self._currencies[currency_id]

    def _address(self, address_id: str) -> tuple[ChannelAddress, str]:
        block = self._addresses.get(address_id)
        if not block:
            return ChannelAddress(), ""
        name = " ".join(p for p in (_get(block, "firstname"), _get(block, "lastname")) if p)
        address = ChannelAddress(
            name=name, company=_get(block, "company"), line1=_get(block, "address1"),
            line2=_get(block, "address2"), city=_get(block, "city"),
            postcode=_get(block, "postcode"), country=self._country(_get(block, "id_country")),
            phone=_get(block, "phone_mobile") or _get(block, "phone"),
        )
        return address, _get(block, "vat_number") or _get(block, "dni")

    def parse_order(self, raw: Mapping[str, Any]) -> ChannelOrder:
        """Normalise one order of `display=full`, with its customer and addresses."""
        currency = self._currency(_get(raw, "id_currency"))
        rows = (raw.get("associations") or {}).get("order_rows") or []
        lines = []
        for row in rows:
            quantity = int(_get(row, "product_quantity"))
            if quantity <= 0:
                raise ValueError(f"order row {_get(row, 'id')} has quantity {quantity}")
            incl, excl = _get(row, "unit_price_tax_incl"), _get(row, "unit_price_tax_excl")
            unit = to_minor(incl, currency, allow_rounding=True)
            net = to_minor(excl, currency, allow_rounding=True)
            lines.append(ChannelOrderLine(
                external_line_id=_get(row, "id"),
                sku=_get(row, "product_reference"),
                title=_get(row, "product_name"),
                quantity=quantity,
                unit_price=unit,
                tax_rate_bp=rate_from_prices(incl, excl),
                tax=(unit - net) * quantity,
            ))
        ship_incl = to_minor(_get(raw, "total_shipping_tax_incl") or "0", currency,
                             allow_rounding=True)
        ship_excl = to_minor(_get(raw, "total_shipping_tax_excl") or "0", currency,
                             allow_rounding=True)
        shipping = (
            (ChannelShippingLine(title="Envío", price=ship_incl, code=_get(raw, "id_carrier"),
                                 tax_rate_bp=rate_to_bp(_get(raw, "carrier_tax_rate") or 0,
                                                        percent=True),
                                 tax=ship_incl - ship_excl),)
            if ship_incl else ()
        )
        discount = to_minor(_get(raw, "total_discounts_tax_incl") or "0", currency,
                            allow_rounding=True)
        state = int(_get(raw, "current_state") or 0)
        status = self.states.get(state, STATUS_OPEN)
        total = to_minor(_get(raw, "total_paid_tax_incl") or _get(raw, "total_paid"), currency,
                         allow_rounding=True)
        paid = to_minor(_get(raw, "total_paid_real") or "0", currency, allow_rounding=True)
        if status == STATUS_REFUNDED:
            payment = ChannelPayment(PAYMENT_REFUNDED, paid, method=_get(raw, "payment"))
        elif state in PAID_STATES:
            payment = ChannelPayment(PAYMENT_PAID, paid or total, method=_get(raw, "payment"))
        else:
            payment = ChannelPayment(PAYMENT_PENDING, 0, method=_get(raw, "payment"))
        customer = self._customers.get(_get(raw, "id_customer"), {})
        delivery, delivery_tax_id = self._address(_get(raw, "id_address_delivery"))
        invoice, invoice_tax_id = self._address(_get(raw, "id_address_invoice"))
        name = " ".join(p for p in (_get(customer, "firstname"), _get(customer, "lastname")) if p)
        return ChannelOrder(
            external_id=_get(raw, "id"),
            number=_get(raw, "reference") or _get(raw, "id"),
            status=status,
            raw_status=str(state),
            created_at=self._utc(_get(raw, "date_add")),
            updated_at=self._utc(_get(raw, "date_upd")),
            currency=currency,
            taxes_included=True,
            customer=ChannelCustomer(
                email=_get(customer, "email"), phone=invoice.phone or delivery.phone,
                name=name or invoice.name, tax_id=invoice_tax_id or delivery_tax_id,
                external_id=_get(raw, "id_customer"),
            ),
            shipping_address=delivery,
            billing_address=invoice if not invoice.is_empty else delivery,
            lines=tuple(lines),
            shipping_lines=shipping,
            discounts=(ChannelDiscount(code="cart_rules", amount=discount),) if discount else (),
            payment=payment,
            total=total,
            raw=raw,
        )

    # -- fulfilment ----------------------------------------------------------------------

    def push_fulfillment(self, push: FulfillmentPush) -> None:
        """Write the tracking number on the order carrier, then add a 'shipped' history row."""
        order_id = push.order_external_id
        if push.tracking_number:
            carriers = self._list("order_carriers", "order_carriers",
                                  {"display": "full", "filter[id_order]": f"[{order_id}]"})
            if not carriers:
                raise RequestRejected(f"{self.config.name}: order {order_id} has no carrier",
                                      channel=self.config.name, status=404)
            carrier = dict(carriers[0])
            if _get(carrier, "tracking_number") != push.tracking_number:
                carrier["tracking_number"] = push.tracking_number
                self._write("PUT", f"order_carriers/{_get(carrier, 'id')}", "order_carrier",
                            carrier)
        if not push.final:
            return
        order = self._read(f"orders/{order_id}")["order"]
        current = int(_get(order, "current_state") or 0)
        if self.states.get(current) in (STATUS_FULFILLED, STATUS_CANCELLED, STATUS_REFUNDED):
            return  # already shipped (a retry) or no longer to ship
        self._write("POST", "order_histories", "order_history",
                    {"id_order": order_id, "id_order_state": str(self.shipped_state)},
                    params={"sendemail": "1" if push.notify_customer else "0"})

    def push_cancellation(self, order_external_id: str, idempotency_key: str) -> None:
        """Add a 'cancelled' history row unless the order is already cancelled or refunded."""
        order = self._read(f"orders/{order_external_id}")["order"]
        current = int(_get(order, "current_state") or 0)
        if self.states.get(current) in (STATUS_CANCELLED, STATUS_REFUNDED):
            return
        self._write("POST", "order_histories", "order_history",
                    {"id_order": order_external_id, "id_order_state": str(self.cancelled_state)},
                    params={"sendemail": "1"})

    def _write(self, method: str, resource: str, element: str, fields: Mapping[str, Any],
               params: Mapping[str, Any] | None = None) -> None:
        root = ET.Element("prestashop")
        node = ET.SubElement(root, element)
        for key, value in fields.items():
            if isinstance(value, dict | list):
                continue  # associations are not rewritten here
            ET.SubElement(node, key).text = "" if value is None else str(value)
        body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        # A PUT sets a whole record (safe to repeat); a POST adds one (not).
        self.http.request(method, f"{self.base}/{resource}", params=dict(params or {}), data=body,
                          headers={"Content-Type": "application/xml; charset=utf-8"},
                          idempotent=method != "POST")

    # -- stock ---------------------------------------------------------------------------

    def _resolve_stock(self, skus: Sequence[str]) -> None:
        missing = [s for s in dict.fromkeys(skus) if s not in self._stock_ids and "|" not in s]
        if not missing:
            return
        targets: dict[tuple[str, str], str] = {}
        for start in range(0, len(missing), 50):
            chunk = missing[start:start + 50]
            refs = f"[{'|'.join(chunk)}]"
            for combo in self._list("combinations", "combinations",
                                    {"display": "[id,id_product,reference]",
                                     "filter[reference]": refs}):
                targets[(_get(combo, "id_product"), _get(combo, "id"))] = _get(combo, "reference")
            for product in self._list("products", "products",
                                      {"display": "[id,reference]", "filter[reference]": refs}):
                if _get(product, "reference") not in targets.values():
                    targets[(_get(product, "id"), "0")] = _get(product, "reference")
        product_ids = sorted({pid for pid, _ in targets})
        for start in range(0, len(product_ids), 50):
            chunk = product_ids[start:start + 50]
            for stock in self._list("stock_availables", "stock_availables",
                                    {"display": "full",
                                     "filter[id_product]": f"[{'|'.join(chunk)}]"}):
                sku = targets.get((_get(stock, "id_product"), _get(stock, "id_product_attribute")))
                if sku:
                    self._stock_ids[sku] = stock

    def push_stock(self, pushes: Sequence[StockPush]) -> list[StockPushResult]:
        """Set stock_availables.quantity per SKU (one PUT each: the API has no batch)."""
        self._resolve_stock([p.sku for p in pushes])
        results = []
        for push in pushes:
            stock = self._stock_ids.get(push.sku)
            if stock is None:
                results.append(StockPushResult(push.sku, False, "SKU not found on PrestaShop"))
                continue
            fields = {**stock, "quantity": str(push.available)}
            try:
                self._write("PUT", f"stock_availables/{_get(stock, 'id')}", "stock_available",
                            fields)
            except RequestRejected as exc:
                results.append(StockPushResult(push.sku, False, str(exc)))
                continue
            self._stock_ids[push.sku] = fields
            results.append(StockPushResult(push.sku, True))
        return results

    # -- product push --------------------------------------------------------------------
    # The `products` resource (devdocs.prestashop-project.org, webservice resources/products and
    # the tutorial "Create a product from start to finish with Webservices"): `name`,
    # `description` and `link_rewrite` are multi-language fields, written as
    # <name><language id="1">...</language></name> and read in JSON as [{"id", "value"}];
    # `price` is without tax; `ean13`; `reference` is the SKU. A PUT replaces the record, so an
    # update reads the product, changes the pushed fields and writes every writable field back
    # (`manufacturer_name` and `quantity` are read-only, associations are left out).
    # The `combinations` resource (webservice resources/combinations: `id_product`,
    # `reference`, `ean13`, `price`; `id_product` and `minimal_quantity` required): a
    # combination's `price` is its price impact without tax over its product's `price`, and its
    # name comes from its attributes, so a combination takes price, EAN and stock, and its name
    # and description stay on the product. A PUT replaces the record (a field left out is
    # emptied, a required one left out is refused), so it is read, changed and written back too.

    def _language(self) -> str:
        return self.config.options.get("language_id", "1")

    def find_listings(self, skus: Sequence[str]) -> dict[str, RemoteListing]:
        """Products and combinations by reference, with name, description, price, EAN, stock.

        A combination's price is reported as what it sells for without tax (its product's
        price plus its impact), the figure omsdesk's net price is compared with.
        """
        wanted = [s for s in dict.fromkeys(skus) if "|" not in s and s]
        found: dict[str, RemoteListing] = {}
        combos: dict[str, Mapping[str, Any]] = {}
        for start in range(0, len(wanted), 50):
            refs = f"[{'|'.join(wanted[start:start + 50])}]"
            for combo in self._list("combinations", "combinations",
                                    {"display": "full", "filter[reference]": refs}):
                combos[_get(combo, "reference")] = combo
            for product in self._list("products", "products",
                                      {"display": "full", "filter[reference]": refs}):
                sku = _get(product, "reference")
                if sku and sku not in combos and sku not in found:
                    found[sku] = self._product_listing(product)
                    self._product_prices[_get(product, "id")] = _get(product, "price")
        self._read_product_prices({_get(c, "id_product") for c in combos.values()})
        self._resolve_stock([*found, *combos])
        for sku, combo in combos.items():
            found[sku] = self._combination_listing(combo)
        return {sku: self._with_stock(listing) for sku, listing in found.items()}

    def _read_product_prices(self, product_ids: Iterable[str]) -> None:
        """The net price of each combination's product, which its impact is added to."""
        missing = sorted(i for i in product_ids if i and i not in self._product_prices)
        for start in range(0, len(missing), 50):
            ids = f"[{'|'.join(missing[start:start + 50])}]"
            for product in self._list("products", "products",
                                      {"display": "[id,price]", "filter[id]": ids}):
                self._product_prices[_get(product, "id")] = _get(product, "price")

    def _combination_listing(self, combo: Mapping[str, Any]) -> RemoteListing:
        product_id = _get(combo, "id_product")
        base, impact = self._product_prices.get(product_id, ""), _get(combo, "price") or "0"
        values = {"ean": _get(combo, "ean13")}
        fields = {"ean", "stock"}
        note = "a combination: its name and description stay on its product"
        try:
            values["price"] = _trimmed(format(to_decimal(base) + to_decimal(impact), "f"))
            fields.add("price")
            note += (f"; its price goes as an impact over the product's {_trimmed(base)} "
                     f"without tax (now {_trimmed(impact)})")
        except AmountError:
            # Its product could not be read: without the base no impact can be worked out.
            note += "; its product's price could not be read, so its price is not sent"
        return RemoteListing(_get(combo, "reference"), _get(combo, "id"),
                             {k: v for k, v in values.items() if v}, frozenset(fields),
                             parent_id=product_id, note=note)

    def _with_stock(self, listing: RemoteListing) -> RemoteListing:
        stock = self._stock_ids.get(listing.sku)
        if stock is None:
            return listing
        return RemoteListing(listing.sku, listing.external_id,
                             {**listing.values, "stock": _get(stock, "quantity")},
                             listing.fields, listing.parent_id, listing.note)

    def _product_listing(self, product: Mapping[str, Any]) -> RemoteListing:
        language = self._language()
        price = _get(product, "price")
        values = {"title": _text(product.get("name"), language),
                  "description": _text(product.get("description"), language),
                  "price": _trimmed(price) if price else "", "ean": _get(product, "ean13")}
        return RemoteListing(_get(product, "reference"), _get(product, "id"),
                             {k: v for k, v in values.items() if v},
                             frozenset({"title", "description", "price", "ean", "stock"}))

    def write_listings(self, writes: Sequence[ListingWrite]) -> list[ListingResult]:
        """POST a new product, or read-change-PUT an existing product or combination; then stock.

        A combination written after its product was repriced (the push sends products first)
        gets its impact over the new price.
        """
        return self._write_each(writes, self._write_listing, on_written=self._forget_stock_row)

    def _write_listing(self, write: ListingWrite) -> str:
        if write.creates:
            return self._create_product(write)
        assert write.remote is not None
        if write.remote.parent_id:
            return self._update_combination(write)
        return self._update_product(write)

    def _forget_stock_row(self, write: ListingWrite) -> None:
        """A new product has a new stock row: look it up again before its stock is set."""
        if "stock" in write.values:
            self._stock_ids.pop(write.sku, None)

    def _fields_of(self, values: Mapping[str, str]) -> dict[str, Any]:
        language = self._language()
        fields: dict[str, Any] = {}
        if "title" in values:
            fields["name"] = [{"id": language, "value": values["title"]}]
        if "description" in values:
            fields["description"] = [{"id": language, "value": values["description"]}]
        if "price" in values:
            fields["price"] = values["price"]
        if "ean" in values:
            fields["ean13"] = values["ean"]
        return fields

    def _create_product(self, write: ListingWrite) -> str:
        language = self._language()
        fields: dict[str, Any] = {
            "reference": write.sku, "active": "1", "state": "1",
            "id_category_default": self.config.options.get("category_id", "2"),
            "link_rewrite": [{"id": language, "value": _slug(write.values["title"])}],
            **self._fields_of(write.values)}
        if self.config.options.get("tax_rules_group_id"):
            fields["id_tax_rules_group"] = self.config.options["tax_rules_group_id"]
        answer = self._send_product("POST", "products", fields)
        return _get(answer.get("product") or {}, "id")

    def _update_product(self, write: ListingWrite) -> str:
        remote = write.remote
        assert remote is not None
        if set(write.values) - {"stock"}:
            current = dict(self._read(f"products/{remote.external_id}")["product"])
            for key, value in self._fields_of(write.values).items():
                if isinstance(value, list):
                    # Only this channel's language changes; the others stay as they are.
                    others = [v for v in current.get(key) or [] if isinstance(v, Mapping)
                              and str(v.get("id")) != value[0]["id"]]
                    value = others + value
                current[key] = value
            for read_only in ("manufacturer_name", "quantity", "associations"):
                current.pop(read_only, None)
            self._send_product("PUT", f"products/{remote.external_id}", current)
            if "price" in write.values:
                self._product_prices[remote.external_id] = write.values["price"]
        return remote.external_id

    def _update_combination(self, write: ListingWrite) -> str:
        remote = write.remote
        assert remote is not None
        if set(write.values) - {"stock"}:
            current = dict(self._read(f"combinations/{remote.external_id}")["combination"])
            if "ean" in write.values:
                current["ean13"] = write.values["ean"]
            if "price" in write.values:
                base = self._product_prices.get(remote.parent_id, "")
                if not base:
                    raise RequestRejected(f"{self.config.name}: the price of product "
                                          f"{remote.parent_id} is unknown, so the impact of "
                                          f"combination {remote.external_id} cannot be set",
                                          channel=self.config.name, status=404)
                current["price"] = price_impact(write.values["price"], base)
            self._write("PUT", f"combinations/{remote.external_id}", "combination", current)
        return remote.external_id

    def _send_product(self, method: str, resource: str, fields: Mapping[str, Any]) -> Any:
        root = ET.Element("prestashop")
        node = ET.SubElement(root, "product")
        for key, value in fields.items():
            child = ET.SubElement(node, key)
            if isinstance(value, list):
                for entry in value:
                    if isinstance(entry, Mapping):
                        lang = ET.SubElement(child, "language", id=str(entry.get("id")))
                        lang.text = str(entry.get("value") or "")
            elif not isinstance(value, dict):
                child.text = "" if value is None else str(value)
        body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        response = self.http.request(method, f"{self.base}/{resource}",
                                     params={"output_format": "JSON"}, data=body,
                                     headers={"Content-Type": "application/xml; charset=utf-8"},
                                     idempotent=method != "POST")
        try:
            return response.json() or {}
        except BadResponse:
            return {}  # written; only the new id is unknown (the next plan finds it by SKU)


def _text(value: Any, language: str) -> str:
    """One language's text of a multi-language field as JSON output gives it."""
    if isinstance(value, list):
        return next((str(v.get("value") or "") for v in value
                     if isinstance(v, Mapping) and str(v.get("id")) == language), "")
    return "" if value is None else str(value)


def price_impact(price: str, base: str) -> str:
    """A combination's impact: omsdesk's net price less its product's, in whole minor units.

    `price` is omsdesk's decimal text, which carries the currency's minor-unit digits
    (product_listing.decimal_text); the product's six-decimal price is rounded half up to
    the same unit, so base + impact shows as `price` at that precision.
    """
    exponent = len(price.partition(".")[2])
    wanted = to_decimal(price).scaleb(exponent)
    if wanted != wanted.to_integral_value():
        raise AmountError(f"{price!r} is not in whole minor units")
    rounded = to_decimal(base).scaleb(exponent).to_integral_value(rounding=ROUND_HALF_UP)
    impact = int(wanted) - int(rounded)
    return f"{Decimal(impact).scaleb(-exponent):.{exponent}f}"


def _trimmed(amount: str) -> str:
    # PrestaShop answers six decimals ("19.950000"); the comparison is by value anyway.
    return amount.rstrip("0").rstrip(".") if "." in amount else amount


def _slug(title: str) -> str:
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return "-".join(words) or "product"
