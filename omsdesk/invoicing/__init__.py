"""Spanish invoicing rules as plain functions: taxes, VERI*FACTU records, receivables, CII XML."""
