"""Builds the ERP connector for a configured ERP kind; the password comes from the caller."""

from __future__ import annotations

from typing import Any

from omsdesk.services.channels.kinds import ERP_KINDS
from omsdesk.sync.erp.base import ErpConnector
from omsdesk.sync.errors import UnsupportedOperation


def make_connector(kind: str, url: str, database: str, login: str, password: str,
                   **options: Any) -> ErpConnector:
    """A connector for `kind`; extra options reach the connector and its HTTP client."""
    if kind == "tryton":
        from omsdesk.sync.erp.tryton import TrytonConnector

        return TrytonConnector(url, database, login, password, **options)
    if kind == "odoo":
        from omsdesk.sync.erp.odoo import OdooConnector

        return OdooConnector(url, database, login, password, **options)
    raise UnsupportedOperation(f"no ERP connector of kind {kind!r} (known: {', '.join(ERP_KINDS)})")
