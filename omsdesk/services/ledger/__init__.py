"""The ground floor of stock: ledger moves and the reserve/release/consume primitives.

Imports only models.
"""
