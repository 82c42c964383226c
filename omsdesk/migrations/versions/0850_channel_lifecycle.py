"""Channels can be removed (kept as archived) and carry a configuration-error state

Revision ID: 0850
Revises: 0840, 0600
Create Date: 2026-12-03 10:00:00

`channels.removed_at`: a removed channel keeps its orders, SKU mappings and history.
`channel_sync_state.config_invalid` / `config_fingerprint`: a wrong address, certificate or API
path, recorded against the settings it happened with, so the sync stops retrying until they change.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0850"
down_revision = ("0840", "0600")  # channel_sync_state lives on the sync branch
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch rebuild of `channels` would trip the foreign keys pointing at it.
    op.add_column("channels", sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("channel_sync_state", sa.Column("config_invalid", sa.Boolean(), nullable=False,
                                                  server_default=sa.false()))
    op.add_column("channel_sync_state", sa.Column("config_fingerprint", sa.String(32),
                                                  nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("channel_sync_state", "config_fingerprint")
    op.drop_column("channel_sync_state", "config_invalid")
    op.drop_column("channels", "removed_at")
