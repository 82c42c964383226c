"""ERP connectors: the interface, Tryton over JSON-RPC, Odoo over its external JSON-RPC API."""
