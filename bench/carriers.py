"""`carrier-labels`: book and print a wave's carrier labels against the local Sendcloud server, beside its own time."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import keyring
import keyring.backend

from omsdesk.carriers.booking import LabelOutcome, book_and_print
from omsdesk.carriers.labels import label_kind
from omsdesk.db import open_database
from omsdesk.services.context import Actor


class _BenchKeyring(keyring.backend.KeyringBackend):
    """The run's own keyring: the bench never writes into the user's real one."""

    priority = -10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


def _packed_wave(db: Any, n: int, actor: Actor) -> list[int]:
    from sqlalchemy import select

    from omsdesk.models import Shipment
    from omsdesk.services.catalog import ProductInput, add_product, add_warehouse
    from omsdesk.services.customers import AddressInput
    from omsdesk.services.fulfilment import orders as order_svc
    from omsdesk.services.fulfilment.allocation import allocate_order
    from omsdesk.services.goods_in.receiving import receive_stock
    from omsdesk.services.intake.order_entry import (
        CustomerInput,
        LineInput,
        OrderInput,
        create_order,
    )

    add_warehouse(db, "MAD", "Madrid central", actor=actor, city="Madrid", postcode="28021")
    add_product(db, ProductInput(sku="MUG-01", name="Taza", price=1210, weight_g=450), actor=actor)
    receive_stock(db, "MUG-01", n, "MAD", actor=actor, reason="bench")
    for i in range(n):
        ref = create_order(db, OrderInput(
            lines=(LineInput(sku="MUG-01", qty=1),), customer=CustomerInput(name=f"Cliente {i}"),
            ship_to=AddressInput(name=f"Cliente {i}", line1=f"Calle Mayor {i + 1}", city="Madrid",
                                 postcode="28013")), actor=actor).reference
        order_svc.pay_order(db, ref, actor=actor)
        allocate_order(db, ref, actor=actor)
        order_svc.pick_order(db, ref, actor=actor)
        order_svc.pack_order(db, ref, actor=actor)
    with db.read() as s:
        return list(s.scalars(select(Shipment.id).order_by(Shipment.id)))


def _bare_client(url: str, n: int) -> float:
    """Seconds a plain keep-alive `requests` loop needs for the same calls (book with label, fetch the PDF)."""
    import requests

    from tests.carriers.servers.sendcloud import PUBLIC, SECRET

    session = requests.Session()
    session.auth = (PUBLIC, SECRET)
    start = time.perf_counter()
    for i in range(n):
        parcel = session.post(f"{url}/api/v2/parcels", json={"parcel": {
            "name": f"Cliente {i}", "address": "Calle Mayor 1", "city": "Madrid", "postal_code": "28013",
            "country": "ES", "weight": "0.450", "request_label": True,
            "external_reference": f"bare-{i}-{time.time_ns()}"}}, timeout=20).json()["parcel"]
        label = session.get(f"{url}/api/v2/labels/label_printer/{parcel['id']}", timeout=20)
        if not label.content.startswith(b"%PDF-"):
            raise RuntimeError("the bare client got no PDF label")
    spent = time.perf_counter() - start
    session.close()
    return spent


def bench_carrier_labels(n: int = 200) -> dict[str, Any]:
    """Labels/s booked and rendered for a wave, beside what the carrier server alone needed in the same run."""
    from omsdesk.carriers.accounts import add_carrier
    from omsdesk.carriers.registry import carrier_class
    from tests.carriers.servers.sendcloud import PUBLIC, SECRET, SendcloudServer

    class TimedServer(SendcloudServer):
        """The carrier's own answer time: from the request read to the answer built."""

        spent = 0.0

        def handle(self, request: Any) -> Any:
            start = time.perf_counter()
            try:
                return super().handle(request)
            finally:
                type(self).spent += time.perf_counter() - start

    previous = keyring.get_keyring()
    keyring.set_keyring(_BenchKeyring())
    actor = Actor("bench", "bench")
    with tempfile.TemporaryDirectory(prefix="omsdesk-bench-carriers-") as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", migrate=True)
        server = TimedServer().start()
        try:
            # Sendcloud's own limits (100 bookings a minute) would measure the contract, not the
            # code: the local account lifts them, as an account with a raised quota would.
            add_carrier(db, kind="sendcloud", name="sendcloud", url=f"{server.url}/api/v2",
                        secret=f"{PUBLIC}:{SECRET}", actor=actor,
                        settings={"get_per_minute": 1_000_000, "unsafe_per_minute": 1_000_000})
            wave = _packed_wave(db, n, actor)
            printed: list[int] = []

            def render(outcome: LabelOutcome) -> str:
                # What the print path does before CUPS: check the label's format, hand the bytes on.
                if label_kind(outcome.label) != outcome.label_format:
                    raise OSError("label in an unexpected format")
                printed.append(len(outcome.label))
                return f"job-{len(printed)}"

            # Both sides start warm: the connector module (and `requests` under it) is loaded once
            # per process, not per wave, and the bare loop below has it loaded too.
            carrier_class("sendcloud")
            # The carrier's time is taken in two halves around the wave, so a change in the
            # machine's load during the run weighs on both figures alike.
            carrier = _bare_client(server.url, n // 2)
            TimedServer.spent = 0.0
            start = time.perf_counter()
            report = book_and_print(db, wave, actor=actor, printer=None, render=render)
            wall = time.perf_counter() - start
            handler = TimedServer.spent
            carrier += _bare_client(server.url, n - n // 2)
        finally:
            server.stop()
            db.dispose()
            keyring.set_keyring(previous)
    failed = len(report.failed)
    if len(printed) != n - failed:
        raise RuntimeError(f"{len(printed)} labels rendered for {n - failed} booked")
    ours = max(0.0, wall - carrier)
    value = n / wall
    baseline = n / carrier if carrier else float("inf")
    return {
        "name": f"carrier labels, wave of {n}: booked + label fetched + rendered (local Sendcloud)"
                + (f", {failed} FAILED" if failed else ""),
        "value": round(value, 1),
        "unit": "labels/s",
        "baseline_name": f"the carrier's answer time: a bare keep-alive HTTP client booking and fetching the "
                         f"same labels in the same run ({carrier / n * 1000:.1f} ms/label; the server's handler "
                         f"alone {handler / n * 1000:.1f}); omsdesk's wave {wall / n * 1000:.1f} ms/label, its own part "
                         f"{ours / n * 1000:.1f} ms/label "
                         f"({'within' if ours <= carrier else 'over'} the carrier's time)",
        "baseline": round(baseline, 1),
        "goal": "omsdesk part <= carrier's (ratio >= 0.5)",
        "passed": failed == 0 and ours <= carrier,
    }
