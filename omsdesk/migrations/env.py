"""Alembic environment: runs on the connection omsdesk hands over (see omsdesk.db.upgrade)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from omsdesk.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("run migrations through 'omsdesk db upgrade'")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
