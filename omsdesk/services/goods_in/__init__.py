"""Goods arriving: receipts, transfers and purchase orders; each arrival serves waiting backorders.

Imports fulfilment and ledger.
"""
