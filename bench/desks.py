"""Several desks on one PostgreSQL (issue 17): orders fulfilled per minute by 10 simulated desks,
beside one desk alone, both measured in the same run on the same server.

Each figure is one `omsdesk simulate desks` run (omsdesk/demo/desks.py) on a database of its
own: every desk takes orders in, claims waves and picks, packs, ships and invoices them, sells at
the counter and books receipts. "Fulfilled" is orders shipped. No leader is killed and no desk is
cut off here; the invariants the simulation checks must hold in both runs, or the figure does not pass.
"""

from __future__ import annotations

import uuid
from typing import Any

from psycopg import sql
from sqlalchemy.engine import make_url

from bench.live import _admin, _server
from omsdesk.demo.desks import SimConfig, SimReport, run_simulation


def _run(server: str, desks: int, seconds: float) -> SimReport:
    name = f"omsdesk_bench_{uuid.uuid4().hex[:12]}"
    base = make_url(server)
    with _admin(server) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(
            sql.Identifier(name), sql.Identifier(base.username or "omsdesk")))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        return run_simulation(SimConfig(url=url, desks=desks, seconds=seconds, kill_leader=False, cut_link=False,
                                        initial_stock=400))
    finally:
        with _admin(server) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def bench_desks(desks: int = 10, seconds: float = 20.0) -> list[dict[str, Any]]:
    server = _server()
    alone = _run(server, 1, seconds)
    many = _run(server, desks, seconds)
    return [{
        "name": f"{desks} simulated desks on one PostgreSQL: orders fulfilled per minute ({seconds:.0f} s, "
                f"{many.fulfilled} shipped; invariants {'held' if many.passed else 'BROKEN'})",
        "value": many.per_minute, "unit": "orders/min",
        "baseline_name": f"one desk alone, same server, same {seconds:.0f} s ({alone.fulfilled} shipped)",
        "baseline_value": alone.per_minute,
        "goal": "> baseline, invariants held", "passed": many.passed and alone.passed
        and many.per_minute > alone.per_minute,
    }]
