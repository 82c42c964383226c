"""Requested query cost by Shopify's documented rules, and the page sizes the connector derives from it.

The rules, from shopify.dev "GraphQL Admin API rate limits" (Cost calculation): "Every field in the
schema has an integer cost value assigned to it ... By default, a field's cost is based on what the
field returns: Scalar 0, Enum 0, Object 1, Interface: maximum of possible selections, Union:
maximum of possible selections, Connection: sized by first and last arguments, Mutation 10", and
"The maximum cost of a single query is 1,000 points". Shopify Engineering, "Rate Limiting GraphQL
APIs by Calculating Query Complexity": "Connections: two points plus the number of returned
objects", and the shop example: `shop { id name timezoneOffsetMinutes customerAccounts }` costs 1
(shop is an object, the rest scalars).
"""

from __future__ import annotations

import pytest

from omsdesk.sync import shopify_queries as q
from omsdesk.sync.shopify_cost import (
    MAX_SINGLE_QUERY_COST,
    CostError,
    largest_size,
    requested_cost,
)

# The orders document as it was before the cost work (connector commit f3f2002): 250 orders x
# 50 lines, no page info on the lines. Kept to show the figure the review measured (F7).
OLD_ORDERS_PAGE = """
query OrdersPage($first: Int!, $after: String, $query: String, $lineCount: Int!) {
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name createdAt updatedAt cancelledAt closed note
      displayFinancialStatus displayFulfillmentStatus
      currencyCode taxesIncluded email phone paymentGatewayNames
      customer { id displayName }
      localizedFields(first: 5) { nodes { key value } }
      shippingAddress { name city }
      billingAddress { name city }
      totalPriceSet { shopMoney { amount currencyCode } }
      totalDiscountsSet { shopMoney { amount currencyCode } }
      totalOutstandingSet { shopMoney { amount currencyCode } }
      discountCodes
      lineItems(first: $lineCount) {
        nodes {
          id sku title quantity currentQuantity
          originalUnitPriceSet { shopMoney { amount currencyCode } }
          taxLines { rate priceSet { shopMoney { amount currencyCode } } }
          discountAllocations { allocatedAmountSet { shopMoney { amount currencyCode } } }
        }
      }
      shippingLines(first: 5) {
        nodes {
          title code
          originalPriceSet { shopMoney { amount currencyCode } }
          taxLines { rate priceSet { shopMoney { amount currencyCode } } }
        }
      }
    }
  }
}
"""


def test_the_documented_shop_example_costs_one_point() -> None:
    # Shopify Engineering's example: one object, four scalars.
    assert requested_cost("{ shop { id name timezoneOffsetMinutes customerAccounts } }") == 1


def test_a_connection_costs_two_plus_its_size_times_each_object() -> None:
    # 2 + 50 x 1 (each product an object with a scalar).
    assert requested_cost("{ products(first: 50) { edges { node { title } } } }") == 52
    # last sizes it the same way; pageInfo and cursors are part of the connection's 2.
    assert requested_cost("{ products(last: 7) { pageInfo { hasNextPage } "
                          "edges { cursor node { id } } } }") == 9


def test_nested_connections_multiply() -> None:
    # 2 + 10 x (1 product + (2 + 5 x 1 variant)) = 2 + 10 x 8.
    document = "{ products(first: 10) { nodes { id variants(first: 5) { nodes { sku } } } } }"
    assert requested_cost(document) == 82


def test_sizes_come_from_variables_and_their_defaults() -> None:
    document = "query P($n: Int = 4) { products(first: $n) { nodes { id } } }"
    assert requested_cost(document) == 6
    assert requested_cost(document, {"n": 40}) == 42


def test_a_mutation_costs_ten_whatever_it_selects() -> None:
    assert requested_cost(q.FULFILLMENT_CREATE, {"fulfillment": {}}) == 10
    assert requested_cost(q.INVENTORY_SET, {"key": "k", "input": {}}) == 10


def test_type_conditioned_fragments_cost_the_dearest_branch() -> None:
    # Interface/union: "maximum of possible selections" -> 1 + max(2 + 3, 1) for each node.
    document = """{ nodes(ids: ["a"]) {
        ... on Product { variants(first: 3) { nodes { id } } }
        ... on Order { customer { id } } } }"""
    assert requested_cost(document) == 1 + 5


def test_a_size_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(CostError):
        requested_cost("query P($n: Int) { products(first: $n) { nodes { id } } }", {"n": "x"})


def test_the_old_default_orders_query_asked_125_252_points() -> None:
    # The review (F7) measured the same figure over the official schema.
    assert requested_cost(OLD_ORDERS_PAGE, {"first": 250, "lineCount": 50}) == 125_252
    assert requested_cost(OLD_ORDERS_PAGE, {"first": 1, "lineCount": 50}) == 503
    assert requested_cost(OLD_ORDERS_PAGE, {"first": 2, "lineCount": 50}) == 1_004


def test_the_orders_page_is_sized_to_the_single_query_maximum() -> None:
    variables = {"after": None, "query": None, "lineCount": 5}
    size = largest_size(q.ORDERS_PAGE, variables, "first", 250, MAX_SINGLE_QUERY_COST)
    # Hand count per order: 1 order + 1 customer + 2 addresses + 3 money bags x 2 + localized
    # fields (2 + 3) + shipping lines (2 + 2 x 6) + lines (2 + 5 x 9) = 76; 2 + 13 x 76 = 990.
    assert size == 13
    assert requested_cost(q.ORDERS_PAGE, {**variables, "first": 13}) == 990
    assert requested_cost(q.ORDERS_PAGE, {**variables, "first": 14}) > MAX_SINGLE_QUERY_COST


def test_a_smaller_bucket_gives_a_smaller_page() -> None:
    variables = {"after": None, "query": None, "lineCount": 5}
    assert largest_size(q.ORDERS_PAGE, variables, "first", 250, 500) == 6
    assert largest_size(q.ORDERS_PAGE, variables, "first", 250, 10) == 1
    assert largest_size(q.ORDERS_PAGE, variables, "first", 4, 1000) == 4


def test_remaining_lines_are_read_110_at_a_time() -> None:
    size = largest_size(q.ORDER_LINES, {"id": "gid://shopify/Order/1", "after": "x"}, "first",
                        250, MAX_SINGLE_QUERY_COST)
    # 1 order + 2 + n x 9 <= 1000.
    assert size == 110


def test_every_fixed_document_fits_the_single_query_maximum() -> None:
    sizes = {"first": 250}
    for name in ("ACCESS_SCOPES", "FULFILLMENT_ORDERS", "VARIANTS_BY_SKU", "VARIANTS_PAGE",
                 "FIRST_LOCATION", "ORDER_STATE", "ORDERS_COUNT", "BULK_STATUS",
                 "CONNECTION_CHECK"):
        assert requested_cost(getattr(q, name), sizes) <= MAX_SINGLE_QUERY_COST, name
