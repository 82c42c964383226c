"""Fixtures for the carrier tests: the local Sendcloud and Correos servers, and a shop that packs parcels."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from omsdesk.carriers.accounts import add_carrier
from omsdesk.carriers.base import Carrier, CarrierConfig
from omsdesk.carriers.registry import create_carrier
from omsdesk.db import Database
from omsdesk.services.catalog import ProductInput, add_product, add_warehouse
from omsdesk.services.customers import AddressInput
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.goods_in.receiving import receive_stock
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, create_order
from omsdesk.sync.http import RetryPolicy, Timeouts
from tests.carriers.servers import correos, sendcloud
from tests.fixtures.database import ACTOR, next_ean

SECRETS = {"sendcloud": f"{sendcloud.PUBLIC}:{sendcloud.SECRET}",
           "correos": f"{correos.CLIENT_ID}:{correos.CLIENT_SECRET}"}


@pytest.fixture(scope="module")
def carrier_servers() -> Iterator[dict[str, Any]]:
    """Both local carrier servers, for the whole module (tests read their own parcels only)."""
    servers: dict[str, Any] = {"sendcloud": sendcloud.SendcloudServer().start(),
                               "correos": correos.CorreosServer().start()}
    try:
        yield servers
    finally:
        for server in servers.values():
            server.stop()


def fast_factory(config: CarrierConfig) -> Carrier:
    """The real connectors, with short timeouts and no waiting between retries."""
    return create_carrier(config, timeouts=Timeouts(connect=2.0, read=0.4),
                          retry=RetryPolicy(attempts=2, connect_attempts=1, backoff_base=0.0, jitter=0.0),
                          sleep=lambda _s: None)


def server_url(kind: str, server: Any) -> str:
    return server.api if kind == "sendcloud" else server.url


@dataclass
class Parcels:
    """A shop with one carrier account; `packed()` gives a packed order and its parcel id."""

    db: Database
    kind: str
    server: Any
    serial: int = 0

    def packed(self, *, postcode: str = "28013", weight_g: int = 750, qty: int = 2) -> tuple[str, int]:
        from sqlalchemy import select

        from omsdesk.models import Order, Shipment

        self.serial += 1
        sku = f"{self.kind[:3].upper()}-{self.serial:04d}"
        add_product(self.db, ProductInput(sku=sku, name=f"Taza {sku}", price=1210, ean=next_ean(),
                                          weight_g=weight_g), actor=ACTOR)
        receive_stock(self.db, sku, qty, "MAD", actor=ACTOR, reason="test receipt")
        ref = create_order(self.db, OrderInput(
            lines=(LineInput(sku=sku, qty=qty),),
            customer=CustomerInput(name="Lucía Fernández", email="lucia@example.es"),
            ship_to=AddressInput(name="Lucía Fernández", line1="Calle Mayor 1", city="Madrid",
                                 postcode=postcode, province="Madrid")), actor=ACTOR).reference
        order_svc.pay_order(self.db, ref, actor=ACTOR)
        allocate_order(self.db, ref, actor=ACTOR)
        order_svc.pick_order(self.db, ref, actor=ACTOR)
        order_svc.pack_order(self.db, ref, actor=ACTOR)
        with self.db.read() as s:
            sid = s.scalar(select(Shipment.id).join(Order).where(Order.reference == ref))
        assert sid is not None
        return ref, int(sid)


def make_parcels(db: Database, kind: str, server: Any) -> Parcels:
    add_warehouse(db, "MAD", "Madrid central", actor=ACTOR, city="Madrid", postcode="28021")
    add_carrier(db, kind=kind, name=f"{kind}-es", url=server_url(kind, server), secret=SECRETS[kind], actor=ACTOR)
    return Parcels(db, kind, server)
