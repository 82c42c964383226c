"""Poll the carriers for the parcels on their way: store what they report, deliver what arrived.

Each account is asked for its due parcels in one run (its connector's rate limit paces the
calls); a carrier that fails pushes those parcels' next poll back, doubling each time, and a
number the carrier does not know is said on the parcel, without stopping the others.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from omsdesk.carriers.accounts import connect
from omsdesk.carriers.base import CarrierError
from omsdesk.carriers.registry import CarrierFactory
from omsdesk.db import Database
from omsdesk.models import OmsError
from omsdesk.models.base import utcnow
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment import carriers as svc
from omsdesk.sync.secrets import SecretUnavailable


@dataclass
class TrackingReport:
    """One tracking run: parcels asked about, updated, delivered, unknown, and each failure."""

    polled: int = 0
    updated: int = 0
    delivered: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)  # tracking number -> status

    @property
    def status(self) -> str:
        return "failed" if self.errors and not self.updated else "partial" if self.errors else "ok"


def poll_tracking(db: Database, *, actor: Actor, factory: CarrierFactory | None = None,
                  now: datetime | None = None, limit: int = 500, every: bool = False,
                  numbers: list[str] | None = None) -> TrackingReport:
    """Ask each carrier about its due parcels (`every`: all on their way; `numbers`: those only) once.

    Never raises for a carrier's trouble.
    """
    moment = now or utcnow()
    report = TrackingReport()
    with db.read() as s:
        due = svc.tracking_due(s, None if every or numbers is not None else moment, limit, numbers)
        accounts = {a.name: a for a in svc.list_accounts(s)}
    by_account: dict[str, list[svc.TrackedParcel]] = defaultdict(list)
    for parcel in due:
        by_account[parcel.account].append(parcel)
    for name, parcels in by_account.items():
        report.polled += len(parcels)
        ids = [p.shipment_id for p in parcels]
        account = accounts.get(name)
        if account is None:
            continue  # removed since booking: its parcels are followed no more
        try:
            connector = connect(account, factory)
        except (SecretUnavailable, CarrierError, OmsError) as exc:
            svc.record_tracking_failure(db, ids, str(exc), now=moment)
            report.errors.append(f"{name}: {exc}")
            continue
        try:
            answer = connector.track([p.tracking for p in parcels])
        except (CarrierError, OmsError) as exc:
            svc.record_tracking_failure(db, ids, str(exc), now=moment)
            report.errors.append(str(exc))
            continue
        finally:
            connector.close()
        for parcel in parcels:
            if parcel.tracking in answer.unknown or parcel.tracking not in answer.events:
                svc.record_tracking_failure(db, [parcel.shipment_id], f"{name} does not know {parcel.tracking}",
                                            unknown=True, now=moment)
                report.unknown.append(parcel.tracking)
                continue
            events = [svc.EventIn(e.code, e.status, e.at, e.message, e.cod_collected)
                      for e in answer.events[parcel.tracking]]
            status = svc.record_tracking(db, parcel.shipment_id, events, actor=actor, now=moment)
            report.updated += 1
            report.statuses[parcel.tracking] = status
            if status == "delivered":
                report.delivered.append(parcel.reference)
    return report
