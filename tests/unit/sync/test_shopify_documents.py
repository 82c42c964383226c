"""Every document the Shopify connector can send, checked against Shopify's official Admin schema.

The schema is the introspection Shopify ships in the npm package @shopify/dev-mcp (pinned in the
Makefile, fetched by `make shopify-schema`); a missing file fails these tests. The cost check here
prices each document from the schema's own types (tests/fixtures/shopify_schema.py), so it does not
share omsdesk.sync.shopify_cost's reading of the document's shape.
"""

from __future__ import annotations

import gzip
import json
import re

import pytest

from omsdesk.sync import shopify_queries as q
from omsdesk.sync.shopify_access import OPTIONAL_SCOPES, REQUIRED_SCOPES, SUPPORTED_API_VERSIONS
from omsdesk.sync.shopify_bulk import search_literal
from omsdesk.sync.shopify_cost import requested_cost
from tests.fixtures.shopify_schema import (
    ROOT,
    SHOPIFY_DEV_MCP_VERSION,
    admin_schema,
    document_errors,
    schema_cost,
    schema_dir,
)

DOCUMENTS = {name: getattr(q, name) for name in dir(q)
             if name.isupper() and not name.startswith("_") and name != "BULK_ORDERS_QUERY"}
# Sizes as the connector sends them (ORDERS_PAGE: 13 x 5, ORDER_LINES: 110).
SIZES = {"first": 13, "lineCount": 5}


def bulk_query(search: str | None) -> str:
    return "query BulkOrdersQuery " + q.BULK_ORDERS_QUERY % search_literal(search)


def test_the_makefile_pins_the_same_schema_package() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^SHOPIFY_DEV_MCP = {re.escape(SHOPIFY_DEV_MCP_VERSION)}$", makefile,
                     re.MULTILINE)


@pytest.mark.parametrize("version", SUPPORTED_API_VERSIONS)
def test_every_document_is_valid_and_uses_nothing_deprecated(version: str) -> None:
    schema = admin_schema(version)
    problems = {name: document_errors(schema, doc) for name, doc in DOCUMENTS.items()}
    problems["bulk orders query"] = document_errors(
        schema, bulk_query("updated_at:>='2026-01-01T00:00:00Z'"))
    assert {name: errors for name, errors in problems.items() if errors} == {}


def test_the_deprecated_refund_argument_would_be_caught() -> None:
    # The check itself must be able to fail: the old orderCancel document is refused.
    old = q.ORDER_CANCEL.replace("refundMethod: { originalPaymentMethodsRefund: false }",
                                 "refund: false")
    assert old != q.ORDER_CANCEL
    errors = document_errors(admin_schema("2026-01"), old)
    assert any("refund" in e and "deprecated" in e for e in errors), errors


def test_the_oldest_version_outside_the_window_really_lacks_what_we_use() -> None:
    # 2025-10 has no @idempotent directive nor bulkOperation(id:): that is why it is left out.
    schema = admin_schema("2025-10")
    assert "2025-10" not in SUPPORTED_API_VERSIONS
    assert document_errors(schema, q.INVENTORY_SET)
    assert document_errors(schema, q.BULK_STATUS)


def test_the_cost_of_every_document_matches_a_pricing_from_the_schema_types() -> None:
    schema = admin_schema("2026-01")
    for name, document in DOCUMENTS.items():
        assert requested_cost(document, SIZES) == schema_cost(schema, document, SIZES), name


def test_the_orders_page_stays_under_the_maximum_by_the_schema_pricing() -> None:
    schema = admin_schema("2026-01")
    variables = {"after": None, "query": None, "lineCount": 5}
    assert schema_cost(schema, q.ORDERS_PAGE, {**variables, "first": 13}) <= 1000
    assert schema_cost(schema, q.ORDERS_PAGE, {**variables, "first": 14}) > 1000
    # The before figure, priced from the schema: 250 orders x 50 lines.
    assert schema_cost(schema, q.ORDERS_PAGE, {**variables, "first": 250,
                                               "lineCount": 50}) > 100_000


def test_the_bulk_query_keeps_to_shopifys_bulk_limits() -> None:
    # "supports up to five connections with a maximum nesting depth of two levels".
    document = bulk_query(None)
    assert document.count("edges") <= 5
    assert "first:" not in document


def _offline_scopes() -> dict[tuple[str, str | None], set[str]]:
    """(type, field) -> scopes any one of which grants it, from the package's offline_scopes."""
    with gzip.open(schema_dir() / "admin_2026-01.json.gz", "rt", encoding="utf-8") as handle:
        items = json.load(handle)["offline_scopes"]["items"]
    return {(i["typeName"], i.get("fieldName")): set(i["offlineScopes"]) for i in items
            if i.get("offlineScopes")}


def test_the_scopes_checked_at_test_connection_grant_every_field_we_use() -> None:
    from graphql import TypeInfo, TypeInfoVisitor, Visitor, get_named_type, parse, visit

    needs = _offline_scopes()
    schema = admin_schema("2026-01")
    wanted: list[tuple[str, set[str]]] = []

    class Collect(Visitor):
        def __init__(self, info: TypeInfo) -> None:
            super().__init__()
            self.info = info

        def enter_field(self, node, *_args):  # type: ignore[no-untyped-def]
            parent, definition = self.info.get_parent_type(), self.info.get_field_def()
            if parent is None or definition is None:
                return
            for key in ((parent.name, node.name.value),
                        (get_named_type(definition.type).name, None)):
                if key in needs:
                    wanted.append((f"{key[0]}.{key[1] or '*'}", needs[key]))

    documents = [*DOCUMENTS.values(), bulk_query(None)]
    for document in documents:
        info = TypeInfo(schema)
        visit(parse(document), TypeInfoVisitor(info, Collect(info)))
    assert wanted, "the offline_scopes data matched nothing: the check would prove nothing"

    def granted_by(choice: tuple[str, ...], accepted: set[str]) -> bool:
        # Shopify's write_ scope includes its read_ scope.
        widened = accepted | {s.replace("read_", "write_", 1) for s in accepted}
        return set(choice) <= widened

    missing = {what: sorted(accepted) for what, accepted in wanted
               if not any(granted_by(choice, accepted)
                          for choice in REQUIRED_SCOPES + OPTIONAL_SCOPES)}
    assert missing == {}
