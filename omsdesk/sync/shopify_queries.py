"""GraphQL documents the Shopify connector sends (Admin API, versions 2026-01 to 2026-10).

The tests validate every document against Shopify's official Admin schema (the introspection files
of the npm package @shopify/dev-mcp) and price it with shopify_cost. Field names: Order, LineItem,
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

# One line item as every orders document reads it (paged, follow-up and bulk alike).
_LINE_ITEM = f"""
  id sku title quantity currentQuantity
  originalUnitPriceSet {{ {_MONEY} }}
  taxLines {{ rate priceSet {{ {_MONEY} }} }}
  discountAllocations {{ allocatedAmountSet {{ {_MONEY} }} }}
"""
_SHIPPING_LINE = f"""
  title code
  originalPriceSet {{ {_MONEY} }}
  taxLines {{ rate priceSet {{ {_MONEY} }} }}
"""
_ORDER = f"""
  id name createdAt updatedAt cancelledAt closed note
  displayFinancialStatus displayFulfillmentStatus
  currencyCode taxesIncluded email phone paymentGatewayNames
  customer {{ id displayName }}
  shippingAddress {{ {_ADDRESS} }}
  billingAddress {{ {_ADDRESS} }}
  totalPriceSet {{ {_MONEY} }}
  totalDiscountsSet {{ {_MONEY} }}
  totalOutstandingSet {{ {_MONEY} }}
  discountCodes
"""

# The page size ($first) and the lines read with each order ($lineCount) are sized by the
# connector from the requested cost (shopify_cost); lines beyond $lineCount come from ORDER_LINES.
ORDERS_PAGE = f"""
query OrdersPage($first: Int!, $after: String, $query: String, $lineCount: Int!) {{
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {{
    pageInfo {{ hasNextPage endCursor }}
    nodes {{
      {_ORDER}
      localizedFields(first: 3) {{ nodes {{ key value }} }}
      lineItems(first: $lineCount) {{
        pageInfo {{ hasNextPage endCursor }}
        nodes {{ {_LINE_ITEM} }}
      }}
      shippingLines(first: 2) {{
        pageInfo {{ hasNextPage }}
        nodes {{ {_SHIPPING_LINE} }}
      }}
    }}
  }}
}}
"""

ORDER_LINES = f"""
query OrderLines($id: ID!, $first: Int!, $after: String) {{
  order(id: $id) {{
    lineItems(first: $first, after: $after) {{
      pageInfo {{ hasNextPage endCursor }}
      nodes {{ {_LINE_ITEM} }}
    }}
  }}
}}
"""

ORDERS_COUNT = """
query OrdersCount($query: String, $limit: Int) {
  ordersCount(query: $query, limit: $limit) { count precision }
}
"""

# The query a bulk operation runs (sent as a string): no sizes, Shopify reads every object.
# Nested connections come as their own JSONL lines with `__parentId`; groupObjects keeps them
# right below their order, so the download is parsed one order at a time.
BULK_ORDERS_QUERY = f"""
{{
  orders(query: %s, sortKey: UPDATED_AT) {{
    edges {{ node {{
      {_ORDER}
      localizedFields {{ edges {{ node {{ key value }} }} }}
      lineItems {{ edges {{ node {{ {_LINE_ITEM} }} }} }}
      shippingLines {{ edges {{ node {{ id {_SHIPPING_LINE} }} }} }}
    }} }}
  }}
}}
"""

BULK_RUN = """
mutation BulkOrders($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: true) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}
"""

BULK_STATUS = """
query BulkStatus($id: ID!) {
  bulkOperation(id: $id) {
    id status errorCode createdAt completedAt objectCount rootObjectCount url partialDataUrl
  }
}
"""

CONNECTION_CHECK = """
query ConnectionCheck {
  shop { name myshopifyDomain }
  publicApiVersions { handle supported }
  currentAppInstallation { accessScopes { handle } }
}
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
    fulfillments(first: 10) { trackingInfo { number company } }
    fulfillmentOrders(first: 5) {
      nodes {
        id status
        lineItems(first: 90) {
          pageInfo { hasNextPage }
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
  orderCancel(orderId: $orderId, reason: OTHER, restock: true, notifyCustomer: $notifyCustomer,
              refundMethod: { originalPaymentMethodsRefund: false }) {
    job { id }
    orderCancelUserErrors { field message code }
  }
}
"""

# -- product push (omsdesk products push) --------------------------------------------------
# Reads the variants of the SKUs to push with the fields a push compares: productVariants
# `query: "sku:'A' OR sku:'B'"`, ProductVariant.price / barcode / inventoryQuantity, and the
# product's title, descriptionHtml and variantsCount (a product of several variants shares
# its title: a push leaves it alone).
LISTINGS_BY_SKU = """
query ListingsBySku($first: Int!, $query: String!) {
  productVariants(first: $first, query: $query) {
    nodes {
      id sku price barcode inventoryQuantity
      inventoryItem { id tracked }
      product { id title descriptionHtml variantsCount { count } }
    }
  }
}
"""

# A new product with its one variant in one call, so it is never left without its SKU. Only for
# creating: productSet deletes every variant its input leaves out ("all existing entries not
# included will be deleted", shopify.dev productSet), so updates use the two mutations below.
PRODUCT_CREATE = """
mutation ProductSetCreate($input: ProductSetInput!) {
  productSet(synchronous: true, input: $input) {
    product { id variants(first: 1) { nodes { id sku inventoryItem { id } } } }
    userErrors { field message code }
  }
}
"""

# Title and description of an existing product (ProductUpdateInput, `product:` argument).
PRODUCT_UPDATE = """
mutation ProductUpdate($product: ProductUpdateInput!) {
  productUpdate(product: $product) {
    product { id }
    userErrors { field message }
  }
}
"""

# Price and barcode of existing variants (ProductVariantsBulkInput: id, price, barcode).
VARIANTS_UPDATE = """
mutation VariantsUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants) {
    productVariants { id }
    userErrors { field message code }
  }
}
"""
