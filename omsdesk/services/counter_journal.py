"""The workstation's local journal of counter sales made while the server was unreachable.

A SQLite file in the user data directory, one per workstation. It keeps what the till needs
to sell offline (the shop's products and the company as last seen online, the reserved
receipt numbers) and every offline sale, in order, until the server has it.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from omsdesk.config import data_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS products (
    sku TEXT PRIMARY KEY, ean TEXT NOT NULL, name TEXT NOT NULL, price INTEGER NOT NULL,
    tax_rate_bp INTEGER NOT NULL, currency TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sales (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, sold_at TEXT NOT NULL, payload TEXT NOT NULL,
    invoice_seq INTEGER, invoice_number TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'sent')),
    order_reference TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '', sent_at TEXT);
"""


def journal_path(workstation: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", workstation) or "desk"
    return data_dir() / f"counter-journal-{safe}.sqlite3"


@dataclass(frozen=True)
class JournalSale:
    seq: int
    sold_at: str  # ISO UTC
    payload: dict[str, Any]
    invoice_seq: int | None
    invoice_number: str
    state: str
    order_reference: str
    error: str


class Journal:
    """One workstation's journal file; every write is one IMMEDIATE transaction.

    The till reads it on the GUI thread while a worker sells or replays: one connection,
    used under a lock, so their statements never interleave.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")  # a sale the till printed must survive a power cut
        self._conn.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        with self._lock:
            return self._conn.execute(sql, params).fetchone()

    def meta(self, key: str, default: Any = None) -> Any:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return json.loads(row[0]) if row else default

    @staticmethod
    def set_meta(conn: sqlite3.Connection, key: str, value: Any) -> None:
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                     "SET value = excluded.value", (key, json.dumps(value)))

    def product(self, code: str) -> tuple[str, str, str, int, int, str] | None:
        row: tuple[str, str, str, int, int, str] | None = self._one(
            "SELECT sku, ean, name, price, tax_rate_bp, currency FROM products "
            "WHERE sku = ? OR (ean <> '' AND ean = ?)", (code, code))
        return row

    def sales(self, *, waiting_only: bool = True) -> list[JournalSale]:
        sql = ("SELECT seq, sold_at, payload, invoice_seq, invoice_number, state, order_reference, error "
               "FROM sales" + (" WHERE state = 'waiting'" if waiting_only else "") + " ORDER BY seq")
        with self._lock:
            rows = self._conn.execute(sql).fetchall()
        return [JournalSale(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], r[6], r[7]) for r in rows]

    def waiting_count(self) -> int:
        return int(self._one("SELECT count(*) FROM sales WHERE state = 'waiting'")[0])

    def mark_sent(self, seq: int, reference: str, sent_at: str) -> None:
        with self.write() as c:
            c.execute("UPDATE sales SET state = 'sent', order_reference = ?, error = '', sent_at = ? "
                      "WHERE seq = ?", (reference, sent_at, seq))

    def mark_error(self, seq: int, error: str) -> None:
        with self.write() as c:
            c.execute("UPDATE sales SET error = ? WHERE seq = ?", (error[:500], seq))
