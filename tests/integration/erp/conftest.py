"""Connectors to the ERP test servers, shared by the Tryton and Odoo tests of this folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from omsdesk.sync.erp.odoo import OdooConnector
from omsdesk.sync.erp.tryton import TrytonConnector
from tests.fixtures.odoo_server import DATABASE, LOGIN, PASSWORD, FakeOdoo
from tests.fixtures.tryton import TrytonServer


@pytest.fixture
def tryton(tryton_server: TrytonServer) -> Iterator[TrytonConnector]:
    """A connector to the live trytond of the session; retries do not sleep."""
    conn = TrytonConnector(tryton_server.url, tryton_server.database, tryton_server.login,
                           tryton_server.password, sleep=lambda _s: None)
    try:
        yield conn
    finally:
        conn.close()


@pytest.fixture
def odoo(odoo_server: FakeOdoo) -> Iterator[OdooConnector]:
    """A connector to the Odoo protocol server; retries do not sleep."""
    conn = OdooConnector(odoo_server.url, DATABASE, LOGIN, PASSWORD, sleep=lambda _s: None)
    try:
        yield conn
    finally:
        conn.close()
