"""Is a database whole? Row counts per table, the stock ledger against its levels, the invoice chain."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError

from omsdesk.db import Database
from omsdesk.models import Reservation, StockLevel, StockMove
from omsdesk.services.invoicing.records import verify_chain


def row_counts(conn: Connection) -> dict[str, int]:
    """Rows in every table of the database (its default schema on PostgreSQL)."""
    names = sorted(inspect(conn).get_table_names())
    preparer = conn.dialect.identifier_preparer
    return {name: int(conn.execute(text(f"SELECT count(*) FROM {preparer.quote(name)}")).scalar_one())
            for name in names}


def revisions_of(conn: Connection) -> tuple[str, ...]:
    """The Alembic revisions a database is at (empty for a database without a schema)."""
    try:
        return tuple(sorted(conn.execute(text("SELECT version_num FROM alembic_version")).scalars()))
    except (OperationalError, DBAPIError):
        return ()


@dataclass(frozen=True)
class Consistency:
    ledger_problems: tuple[str, ...]
    chain_ok: bool
    chain_records: int
    chain_problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.ledger_problems and self.chain_ok

    def describe(self) -> str:
        """One line naming the first problem found."""
        if self.ledger_problems:
            more = len(self.ledger_problems) - 1
            return "stock levels disagree with the ledger: " + self.ledger_problems[0] + (
                f" (and {more} more)" if more else "")
        return f"the invoice chain does not verify: {self.chain_problem}" if not self.chain_ok else "ok"


def ledger_problems(db: Database) -> tuple[str, ...]:
    """Every stock level whose on hand is not the sum of its moves, or reserved not the sum of
    its reservations, or that shows less than nothing available."""
    with db.read() as s:
        moved = {(p, w): int(q) for p, w, q in s.execute(
            select(StockMove.product_id, StockMove.warehouse_id, func.sum(StockMove.qty))
            .group_by(StockMove.product_id, StockMove.warehouse_id))}
        reserved = {(p, w): int(q) for p, w, q in s.execute(
            select(Reservation.product_id, Reservation.warehouse_id, func.sum(Reservation.qty))
            .group_by(Reservation.product_id, Reservation.warehouse_id))}
        levels = s.execute(select(StockLevel.product_id, StockLevel.warehouse_id, StockLevel.on_hand,
                                  StockLevel.reserved, StockLevel.safety_buffer)).all()
    problems: list[str] = []
    seen: set[tuple[int, int]] = set()
    for product, warehouse, on_hand, held, buffer in levels:
        key = (product, warehouse)
        seen.add(key)
        where = f"product {product} in warehouse {warehouse}"
        if on_hand != moved.get(key, 0):
            problems.append(f"{where}: on hand {on_hand}, ledger {moved.get(key, 0)}")
        if held != reserved.get(key, 0):
            problems.append(f"{where}: reserved {held}, reservations {reserved.get(key, 0)}")
        if on_hand - held - buffer < 0:
            problems.append(f"{where}: available {on_hand - held - buffer}")
    for product, warehouse in sorted((moved.keys() | reserved.keys()) - seen):
        problems.append(f"product {product} in warehouse {warehouse}: moves without a stock level")
    return tuple(problems)


def check_consistency(db: Database) -> Consistency:
    """The stock ledger against its levels and the VERI*FACTU chain with its series (verify-chain)."""
    report = verify_chain(db)
    problem = ""
    if report.problem is not None:
        problem = f"record {report.problem.number}: {report.problem.reason}"
    elif report.gaps:
        problem = f"{len(report.gaps)} invoice series with missing numbers"
    return Consistency(ledger_problems(db), report.ok, report.records, problem)
