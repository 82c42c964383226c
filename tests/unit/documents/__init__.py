"""Tests of omsdesk.documents: rendered PDF and ZPL content, barcodes, batches, printing."""
