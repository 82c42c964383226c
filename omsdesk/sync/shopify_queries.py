"""GraphQL documents the Shopify connector sends (Admin API, version 2026-01).

Field names checked against shopify.dev/docs/api/admin-graphql: Order, LineItem,
FulfillmentOrder, FulfillmentInput (lineItemsByFulfillmentOrder, trackingInfo, notifyCustomer),
InventorySetQuantitiesInput / InventoryQuantityInput (changeFromQuantity, 2026-01) and the
`@idempotent(key:)` directive (changelog "Adding idempotency for inventory adjustments", 2026-01).
The local simulator dispatches on the operation names, so keep them stable.
"""

from __future__ import annotations

_MONEY = "shopMoney { amount currencyCode }"
_ADDRESS = (
    "name firstName lastName company address1 address2 city zip province provinceCode "
    "countryCodeV2 phone"
)

ORDERS_PAGE = f"""
query OrdersPage($first: Int!, $after: String, $query: String, $lineCount: Int!) {{
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {{
    pageInfo {{ hasNextPage endCursor }}
    nodes {{
      id name createdAt updatedAt cancelledAt closed note
      displayFinancialStatus displayFulfillmentStatus
      currencyCode taxesIncluded email phone paymentGatewayNames
      customer {{ id displayName }}
      localizedFields(first: 5) {{ nodes {{ key value }} }}
      shippingAddress {{ {_ADDRESS} }}
      billingAddress {{ {_ADDRESS} }}
      totalPriceSet {{ {_MONEY} }}
      totalDiscountsSet {{ {_MONEY} }}
      totalOutstandingSet {{ {_MONEY} }}
      discountCodes
      lineItems(first: $lineCount) {{
        nodes {{
          id sku title quantity currentQuantity
          originalUnitPriceSet {{ {_MONEY} }}
          taxLines {{ rate priceSet {{ {_MONEY} }} }}
          discountAllocations {{ allocatedAmountSet {{ {_MONEY} }} }}
        }}
      }}
      shippingLines(first: 5) {{
        nodes {{
          title code
          originalPriceSet {{ {_MONEY} }}
          taxLines {{ rate priceSet {{ {_MONEY} }} }}
        }}
      }}
    }}
  }}
}}
"""

ACCESS_SCOPES = """
query AccessScopes {
  currentAppInstallation { accessScopes { handle } }
}
"""

FULFILLMENT_ORDERS = """
query FulfillmentOrders($id: ID!) {
  order(id: $id) {
    id
    fulfillments(first: 50) { trackingInfo { number company } }
    fulfillmentOrders(first: 20) {
      nodes {
        id status
        lineItems(first: 100) {
          nodes { id remainingQuantity lineItem { id sku } }
        }
      }
    }
  }
}
"""

FULFILLMENT_CREATE = """
mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status }
    userErrors { field message }
  }
}
"""

VARIANTS_BY_SKU = """
query VariantsBySku($first: Int!, $query: String!) {
  productVariants(first: $first, query: $query) {
    nodes { id sku inventoryItem { id } }
  }
}
"""

VARIANTS_PAGE = """
query VariantsPage($first: Int!, $after: String) {
  productVariants(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id sku title price product { title } inventoryItem { id } }
  }
}
"""

FIRST_LOCATION = """
query FirstLocation {
  locations(first: 1) { nodes { id name } }
}
"""

INVENTORY_SET = """
mutation InventorySet($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id }
    userErrors { field message code }
  }
}
"""

ORDER_STATE = """
query OrderState($id: ID!) {
  order(id: $id) { id cancelledAt displayFulfillmentStatus }
}
"""

ORDER_CANCEL = """
mutation OrderCancel($orderId: ID!, $notifyCustomer: Boolean) {
  orderCancel(orderId: $orderId, reason: OTHER, refund: false, restock: true,
              notifyCustomer: $notifyCustomer) {
    job { id }
    orderCancelUserErrors { field message code }
  }
}
"""
