"""One door for what happens to an order: status, routing, allocation, shipping, returns, money.

Imports ledger, channels and the services below it; never goods_in, intake or invoicing.
"""
