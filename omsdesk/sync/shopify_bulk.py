"""Shopify bulk operations for large order reads: run the query, wait for it, rebuild orders from its JSONL.

shopify.dev "Perform bulk operations with the GraphQL Admin API": `bulkOperationRunQuery` starts
an asynchronous query, `bulkOperation(id:)` reports its status, and a completed operation gives a
`url` to a JSONL file, one object per line; objects of a nested connection are lines of their own
carrying `__parentId`. With `groupObjects: true` they come right below their parent, so orders are
rebuilt one at a time while the file streams in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from omsdesk.sync import shopify_queries as q
from omsdesk.sync.errors import BadResponse, ChannelUnavailable, RequestRejected

# Shopify: CREATED, RUNNING, CANCELING stay in progress; the rest are final.
RUNNING = frozenset({"CREATED", "RUNNING", "CANCELING"})
FIRST_POLL = 1.0
MAX_POLL = 15.0

Graphql = Callable[[str, Mapping[str, Any]], Any]

# Which connection of an Order a child line belongs to, told by its id (LocalizedField has none).
_CHILD_KINDS = (("gid://shopify/LineItem/", "lineItems"),
                ("gid://shopify/ShippingLine/", "shippingLines"))


@dataclass(frozen=True)
class BulkOperation:
    """A finished bulk operation: when Shopify started it and where its results are."""

    id: str
    created_at: str
    url: str | None
    root_objects: int


def search_literal(search: str | None) -> str:
    """The `query:` argument of the bulk orders query, as a GraphQL string literal."""
    return json.dumps(search or "")


def run_orders(graphql: Graphql, pause: Callable[[float], None], search: str | None, *,
               channel: str, timeout: float) -> BulkOperation:
    """Start a bulk read of the orders matching `search` and wait until Shopify finishes it."""
    document = q.BULK_ORDERS_QUERY % search_literal(search)
    started = graphql(q.BULK_RUN, {"query": document})["bulkOperationRunQuery"]
    errors = started.get("userErrors") or []
    if errors or not started.get("bulkOperation"):
        raise RequestRejected(
            f"{channel}: Shopify refused the bulk order export: "
            + "; ".join(str(e.get("message")) for e in errors), channel=channel)
    operation_id = started["bulkOperation"]["id"]
    waited, delay = 0.0, FIRST_POLL
    while True:
        status = graphql(q.BULK_STATUS, {"id": operation_id})["bulkOperation"]
        if status is None:
            raise BadResponse(f"{channel}: bulk operation {operation_id} vanished",
                              channel=channel)
        if status["status"] == "COMPLETED":
            return BulkOperation(operation_id, status["createdAt"], status.get("url"),
                                 int(status.get("rootObjectCount") or 0))
        if status["status"] not in RUNNING:
            raise ChannelUnavailable(
                f"{channel}: Shopify's bulk order export ended {status['status']} "
                f"({status.get('errorCode') or 'no error code'}); the next sync tries again",
                channel=channel)
        if waited >= timeout:
            raise ChannelUnavailable(
                f"{channel}: Shopify's bulk order export still runs after {waited:.0f} s; the "
                "next sync tries again", channel=channel)
        pause(delay)
        waited += delay
        delay = min(MAX_POLL, delay * 2)


def order_nodes(lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """Order nodes shaped as the paged query returns them, rebuilt from grouped JSONL lines."""
    for node, _lines in order_groups(lines):
        yield node


def order_groups(lines: Iterable[bytes]) -> Iterator[tuple[dict[str, Any], list[bytes]]]:
    """Each order node with the JSONL lines it was rebuilt from (its payload as sent)."""
    current: dict[str, Any] | None = None
    group: list[bytes] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except ValueError as exc:
            raise BadResponse(f"bulk results line {number} is not JSON: {exc}") from None
        parent = item.pop("__parentId", None)
        if parent is None:
            if current is not None:
                yield current, group
            current = {**item, "lineItems": {"nodes": []}, "shippingLines": {"nodes": []},
                       "localizedFields": {"nodes": []}}
            group = [raw]
            continue
        if current is None or parent != current.get("id"):
            raise BadResponse(f"bulk results line {number}: child of {parent} is not below it "
                              "(the export was not grouped)")
        current[_kind(item)]["nodes"].append(item)
        group.append(raw)
    if current is not None:
        yield current, group


def _kind(item: Mapping[str, Any]) -> str:
    ident = str(item.get("id") or "")
    for prefix, kind in _CHILD_KINDS:
        if ident.startswith(prefix):
            return kind
    if "key" in item and "value" in item:
        return "localizedFields"
    raise BadResponse(f"bulk results: an order child of unknown kind ({ident or sorted(item)})")
