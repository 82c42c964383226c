"""Orders coming in: manual and phone entry, batches, CSV and marketplace imports.

Imports fulfilment (allocation, payment) and ledger.
"""
