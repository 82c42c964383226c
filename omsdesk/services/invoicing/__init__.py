"""Invoices: issue, numbering, VERI*FACTU records, credit notes, payments, documents, export.

Imports fulfilment (order status, payments) and channels (ERP queueing).
"""
