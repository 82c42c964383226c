"""A parcel carries how many packages it is and what it weighs, as the packer saw them

Revision ID: 0880
Revises: 0870
Create Date: 2026-12-02 03:30:00

Typed in the ship dialog (or `orders ship --packages N --weight G`); labels print "1/N" and that
weight. Without them the weight is the products' weights and the parcel is one package.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0880"
down_revision = "0870"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch rebuild of `shipments` would trip the foreign keys pointing at it.
    op.add_column("shipments", sa.Column("packages", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("shipments", sa.Column("weight_g", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("shipments", "weight_g")
    op.drop_column("shipments", "packages")
