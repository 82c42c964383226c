"""Search keys: folded names on orders and customers, the order number's tail, indexed

Revision ID: 0860
Revises: 0850
Create Date: 2026-12-03 09:00:00

`search_name` holds the customer's name and email in lower case without accents (so "lucia"
finds "Lucía"), `ref_number` the running number at the end of an order's reference (so "123"
finds SO-2026-000123). Existing rows are filled here, in batches, by the same functions the
application writes them with; the indexes are built after the fill. The index on an order's
customer becomes (customer, status), so a search's matches per status are counted from it alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

from omsdesk.models.search_keys import reference_number, search_name

revision = "0860"
down_revision = "0850"
branch_labels = None
depends_on = None

BATCH = 5000
_NAME = sa.String(420).with_variant(sa.String(420, collation="C"), "postgresql")


def upgrade() -> None:
    op.add_column("orders", sa.Column("search_name", _NAME, nullable=False, server_default=""))
    op.add_column("orders", sa.Column("ref_number", sa.Integer(), nullable=True))
    op.add_column("customers", sa.Column("search_name", _NAME, nullable=False, server_default=""))
    orders = sa.table("orders", sa.column("id"), sa.column("reference"), sa.column("customer_name"),
                      sa.column("customer_email"), sa.column("search_name"), sa.column("ref_number"))
    _fill(orders, (orders.c.reference, orders.c.customer_name, orders.c.customer_email),
          lambda r: {"search_name": search_name(r[2], r[3]), "ref_number": reference_number(r[1])})
    customers = sa.table("customers", sa.column("id"), sa.column("name"), sa.column("email"),
                         sa.column("search_name"))
    _fill(customers, (customers.c.name, customers.c.email),
          lambda r: {"search_name": search_name(r[1], r[2])})
    op.create_index("ix_orders_customer_search_name", "orders", ["customer_id", "search_name"])
    op.create_index("ix_orders_ref_number", "orders", ["ref_number"])
    op.create_index("ix_orders_customer_status", "orders", ["customer_id", "status"])
    op.drop_index("ix_orders_customer_id", table_name="orders")
    op.create_index("ix_customers_search_name", "customers", ["search_name"])


def _fill(table: Any, columns: tuple[Any, ...], values: Callable[[Any], dict[str, object]]) -> None:
    """Write the keys of every row, `BATCH` rows at a time in id order (keyset, not OFFSET)."""
    conn = op.get_bind()
    update = (sa.update(table).where(table.c.id == sa.bindparam("row_id"))
              .values(**{k: sa.bindparam(k) for k in values((0, "", "", ""))}))
    last = 0
    while True:
        rows = conn.execute(sa.select(table.c.id, *columns).where(table.c.id > last)
                            .order_by(table.c.id).limit(BATCH)).all()
        if not rows:
            return
        conn.execute(update, [{"row_id": r[0], **values(r)} for r in rows])
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_customers_search_name", table_name="customers")
    op.create_index("ix_orders_customer_id", "orders", ["customer_id"])
    op.drop_index("ix_orders_customer_status", table_name="orders")
    op.drop_index("ix_orders_ref_number", table_name="orders")
    op.drop_index("ix_orders_customer_search_name", table_name="orders")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("search_name")
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("ref_number")
        batch.drop_column("search_name")
