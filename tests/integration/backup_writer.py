"""A second process that keeps writing (orders, payments, reservations, receipts, invoices) until told
to stop; the backup tests run it beside a backup. Usage: python -m tests.integration.backup_writer URL DIR

It writes the number of finished rounds to DIR/count after each one and stops when DIR/stop appears.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from omsdesk.db import Database
from omsdesk.services.fulfilment import orders
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.goods_in.receiving import receive_stock
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, create_order
from omsdesk.services.invoicing.issue import issue_invoice
from tests.fixtures.database import ACTOR

SKUS = tuple(f"BK-{n}" for n in range(1, 6))
MAX_ROUNDS = 5000  # a test that forgets to stop it must not fill the disk


def one_round(db: Database, rng: random.Random) -> None:
    """Goods in, then a sale that is paid, reserved and invoiced: five write transactions."""
    receive_stock(db, rng.choice(SKUS), rng.randint(1, 4), rng.choice(("MAD", "BCN")), actor=ACTOR,
                  reason="writer receipt")
    lines = tuple(LineInput(sku=sku, qty=rng.randint(1, 2)) for sku in rng.sample(SKUS, 2))
    ref = create_order(db, OrderInput(lines=lines, customer=CustomerInput(name="Writer")), actor=ACTOR).reference
    orders.pay_order(db, ref, actor=ACTOR)
    allocate_order(db, ref, actor=ACTOR)
    issue_invoice(db, ref, actor=ACTOR, simplified=True)


def main(url: str, folder: Path) -> int:
    db = Database(url)
    rng = random.Random(7)
    try:
        for done in range(1, MAX_ROUNDS + 1):
            if (folder / "stop").exists():
                break
            one_round(db, rng)
            (folder / "count.tmp").write_text(str(done))
            (folder / "count.tmp").replace(folder / "count")
    finally:
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
