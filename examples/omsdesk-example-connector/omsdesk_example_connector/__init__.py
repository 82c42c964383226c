"""A JSON-feed connector for omsdesk: a template for third-party connectors (see README.md)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from omsdesk.sync.connector import (
    ChannelAddress,
    ChannelConfig,
    ChannelCustomer,
    ChannelOrder,
    ChannelOrderLine,
    ChannelPayment,
    Connector,
    FulfillmentPush,
    OrderPage,
    StockPush,
    StockPushResult,
    parse_utc,
)
from omsdesk.sync.http import HttpClient

__all__ = ["JsonFeedConnector"]


class JsonFeedConnector(Connector):
    type_name = "jsonfeed"

    @classmethod
    def from_config(cls, config: ChannelConfig, **http_options: Any) -> JsonFeedConnector:
        # The HttpClient brings omsdesk's retries, timeouts and secret redaction for free.
        http = HttpClient(config.name, secrets=[config.secret],
                          headers={"Authorization": f"Bearer {config.secret}"}, **http_options)
        return cls(config, http)

    def pull_orders(self, since_cursor: str | None) -> Iterator[OrderPage]:
        cursor = since_cursor or ""
        while True:
            data, _response = self.http.get_json(f"{self.config.url}/orders", params={"since": cursor})
            orders = tuple(_order(o) for o in data.get("orders", []))
            cursor = str(data.get("cursor") or cursor)
            yield OrderPage(orders=orders, next_cursor=cursor or None)
            if not data.get("more"):
                return

    def push_fulfillment(self, push: FulfillmentPush) -> None:
        self.http.send_json("POST", f"{self.config.url}/fulfillments", {
            "order": push.order_external_id, "key": push.idempotency_key, "carrier": push.carrier,
            "tracking": push.tracking_number, "lines": [[ln.sku, ln.quantity] for ln in push.lines]})

    def push_stock(self, pushes: Sequence[StockPush]) -> list[StockPushResult]:
        answer = self.http.send_json("POST", f"{self.config.url}/stock",
                                     [{"sku": p.sku, "available": p.available} for p in pushes]) or {}
        unknown = set(answer.get("unknown", []))
        return [StockPushResult(p.sku, p.sku not in unknown, "unknown SKU" if p.sku in unknown else "")
                for p in pushes]


def _order(o: dict[str, Any]) -> ChannelOrder:
    ship = o.get("ship_to") or {}
    address = ChannelAddress(name=ship.get("name", ""), line1=ship.get("line1", ""), city=ship.get("city", ""),
                             postcode=ship.get("postcode", ""), country=ship.get("country", "ES"))
    lines = tuple(ChannelOrderLine(external_line_id=f"{o['id']}-{i}", sku=ln["sku"], title=ln.get("title", ln["sku"]),
                                   quantity=int(ln["qty"]), unit_price=int(ln["price"]),
                                   tax_rate_bp=int(ln.get("tax_rate_bp", 2100)))
                  for i, ln in enumerate(o["lines"], start=1))
    total = int(o["total"])
    return ChannelOrder(
        external_id=str(o["id"]), number=str(o.get("number", o["id"])), status=o.get("status", "open"),
        created_at=parse_utc(o["created_at"]), updated_at=parse_utc(o.get("updated_at", o["created_at"])),
        currency=o.get("currency", "EUR"), taxes_included=True,
        customer=ChannelCustomer(email=o.get("email", ""), name=ship.get("name", "")),
        shipping_address=address, billing_address=address, lines=lines,
        payment=ChannelPayment(status="paid", amount=total) if o.get("paid") else None, total=total)
