"""Planning fixtures: a shop whose warehouses have coordinates, and orders shipped to a postcode."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from omsdesk.db import Database
from omsdesk.services.catalog import add_warehouse
from omsdesk.services.fulfilment.orders import pay_order
from omsdesk.services.intake.order_entry import (
    AddressInput,
    CustomerInput,
    LineInput,
    OrderInput,
    create_order,
)
from tests.fixtures.database import ACTOR, Shop

# Getafe (Madrid), Zona Franca (Barcelona), Sevilla: as in the demo data.
GEO_WAREHOUSES = (("MAD", 40.3057, -3.7327, 10), ("BCN", 41.3397, 2.1373, 20), ("SVQ", 37.4051, -5.9578, 30))


class GeoShop(Shop):
    def geo_warehouses(self) -> None:
        for code, lat, lon, prio in GEO_WAREHOUSES:
            add_warehouse(self.db, code, f"Almacén {code}", actor=self.actor, latitude=lat, longitude=lon,
                          priority=prio)

    def order_to(self, postcode: str, lines: Mapping[str, int], *, channel: str = "manual",
                 country: str = "ES", paid: bool = True) -> str:
        data = OrderInput(
            lines=tuple(LineInput(sku=sku, qty=qty) for sku, qty in lines.items()), channel=channel,
            customer=CustomerInput(name="Marta Ruiz", email="marta@example.es"),
            ship_to=AddressInput(name="Marta Ruiz", line1="Calle Mayor 1", city="X", postcode=postcode,
                                 country=country),
        )
        ref = create_order(self.db, data, actor=self.actor).reference
        if paid:
            pay_order(self.db, ref, actor=ACTOR)
        return ref


@pytest.fixture
def geo(db: Database) -> GeoShop:
    shop = GeoShop(db)
    shop.geo_warehouses()
    return shop
