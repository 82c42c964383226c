"""Migration 0860 on a database that already has orders: every order and customer gets its search keys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from omsdesk.db import MIGRATIONS, open_database
from omsdesk.demo import seed_demo
from omsdesk.models.search_keys import reference_number, search_name
from omsdesk.queries.order_page import OrderFilter
from omsdesk.queries.orders import list_orders
from omsdesk.services.intake.order_entry import CustomerInput
from tests.fixtures.database import Shop, sqlite_url
from tests.fixtures.servers import PgDatabases

BATCH = 5000  # the migration's batch size


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path_factory.mktemp("search-keys") / "shop.sqlite3")
        return
    databases = PgDatabases(request.getfixturevalue("pg_url"))
    try:
        yield databases.create()
    finally:
        databases.drop_all()


def _to_before_0860(url: str) -> None:
    """Take the database back to the revision before the search keys, its rows kept."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS))
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0850")  # the revision before 0860 (0870 above it goes too)
    finally:
        engine.dispose()


def test_existing_orders_and_customers_get_their_search_keys(url: str) -> None:
    db = open_database(url)
    shop = Shop(db)
    shop.warehouses()
    sku = shop.product()
    refs = [shop.order({sku: 1}, customer=CustomerInput(name="Lucía Fernández", email="Lucia@Example.es"))
            for _ in range(3)]
    db.dispose()
    _to_before_0860(url)
    engine = create_engine(url)
    try:
        assert "search_name" not in {c["name"] for c in inspect(engine).get_columns("orders")}
    finally:
        engine.dispose()

    db = open_database(url)  # upgrades, as the app does on start
    try:
        with db.read() as s:
            rows = s.execute(text("SELECT reference, search_name, ref_number FROM orders ORDER BY id")).all()
            customers = s.execute(text("SELECT search_name FROM customers")).scalars().all()
            found = [r.reference for r in list_orders(s, OrderFilter(search="lucia fernandez"))]
            by_number = [r.reference for r in list_orders(s, OrderFilter(search="2"))]
        assert [tuple(r) for r in rows] == [
            (ref, "lucia fernandez lucia@example.es", int(ref[-6:])) for ref in refs]
        assert customers == ["lucia fernandez lucia@example.es"]
        assert sorted(found) == sorted(refs)
        assert by_number == [refs[1]]
        indexes = {ix["name"] for ix in inspect(db.engine).get_indexes("orders")}
        assert {"ix_orders_customer_search_name", "ix_orders_ref_number", "ix_orders_customer_status"} <= indexes
        assert "ix_orders_customer_id" not in indexes
    finally:
        db.dispose()


def test_backfill_reaches_past_its_first_batch(url: str) -> None:
    db = open_database(url)
    seed_demo(db, orders=BATCH + 700, products=20, customers=40, seed=11)
    db.dispose()
    _to_before_0860(url)
    db = open_database(url)
    try:
        with db.read() as s:
            rows = s.execute(text("SELECT reference, customer_name, customer_email, search_name, ref_number "
                                  "FROM orders ORDER BY id")).all()
    finally:
        db.dispose()
    assert len(rows) == BATCH + 700
    assert [(r[3], r[4]) for r in rows] == [(search_name(r[1], r[2]), reference_number(r[0])) for r in rows]
    assert sum(1 for r in rows if r[3]) > BATCH  # named orders beyond the first batch were filled too
