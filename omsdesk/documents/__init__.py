"""Documents as data in, PDF or ZPL bytes out (invoices, receipts, slips, pick lists, labels), and CUPS printing."""
