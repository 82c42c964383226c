"""Rebuilding orders from a Shopify bulk export's JSONL (children carry `__parentId`, grouped below)."""

from __future__ import annotations

import json

import pytest

from omsdesk.sync.errors import BadResponse
from omsdesk.sync.shopify_bulk import order_nodes, search_literal


def jsonl(*objects: dict[str, object]) -> list[bytes]:
    return [json.dumps(o).encode() for o in objects]


def test_children_below_each_order_land_in_its_connections() -> None:
    lines = jsonl(
        {"id": "gid://shopify/Order/1", "name": "#1001"},
        {"id": "gid://shopify/LineItem/11", "sku": "A", "__parentId": "gid://shopify/Order/1"},
        {"key": "TAX_CREDENTIAL_ES", "value": "12345678Z", "__parentId": "gid://shopify/Order/1"},
        {"id": "gid://shopify/ShippingLine/5", "title": "SEUR",
         "__parentId": "gid://shopify/Order/1"},
        {"id": "gid://shopify/LineItem/12", "sku": "B", "__parentId": "gid://shopify/Order/1"},
        {"id": "gid://shopify/Order/2", "name": "#1002"},
    ) + [b""]
    first, second = order_nodes(iter(lines))
    assert [i["sku"] for i in first["lineItems"]["nodes"]] == ["A", "B"]
    assert first["shippingLines"]["nodes"][0]["title"] == "SEUR"
    assert first["localizedFields"]["nodes"] == [{"key": "TAX_CREDENTIAL_ES",
                                                  "value": "12345678Z"}]
    assert "__parentId" not in first["lineItems"]["nodes"][0]
    assert second == {"id": "gid://shopify/Order/2", "name": "#1002",
                      "lineItems": {"nodes": []}, "shippingLines": {"nodes": []},
                      "localizedFields": {"nodes": []}}


def test_orders_come_out_one_at_a_time_as_the_file_streams() -> None:
    read: list[int] = []

    def stream():  # type: ignore[no-untyped-def]
        for n in range(1, 4):
            read.append(n)
            yield json.dumps({"id": f"gid://shopify/Order/{n}"}).encode()

    nodes = order_nodes(stream())
    assert next(nodes)["id"] == "gid://shopify/Order/1"
    assert read == [1, 2]  # the second line told the first order was complete


def test_an_ungrouped_export_is_refused_rather_than_misassembled() -> None:
    lines = jsonl({"id": "gid://shopify/Order/1"}, {"id": "gid://shopify/Order/2"},
                  {"id": "gid://shopify/LineItem/11", "__parentId": "gid://shopify/Order/1"})
    with pytest.raises(BadResponse, match="not below it"):
        list(order_nodes(lines))


def test_a_broken_line_is_a_bad_response_naming_the_line() -> None:
    with pytest.raises(BadResponse, match="line 2"):
        list(order_nodes([b'{"id": "gid://shopify/Order/1"}', b"{oops"]))


def test_the_search_goes_into_the_bulk_query_as_a_quoted_string() -> None:
    assert search_literal("updated_at:>='2026-01-01T00:00:00Z'") == \
        '"updated_at:>=\'2026-01-01T00:00:00Z\'"'
    assert search_literal(None) == '""'
