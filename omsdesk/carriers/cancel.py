"""Cancel a booked parcel's carrier label: check the rule, ask the carrier, record what it said.

No transaction is open while the carrier is asked. A carrier that refuses (the parcel is on
its way, the deadline passed) leaves the label as it was and says why in the order's history;
one that cannot be reached changes nothing, so the clerk simply tries again.
"""

from __future__ import annotations

from omsdesk.carriers.accounts import connect
from omsdesk.carriers.base import CancelRefused
from omsdesk.carriers.registry import CarrierFactory
from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment import label_cancel as svc


def cancel_label(db: Database, reference: str, *, actor: Actor, parcel: int | None = None,
                 factory: CarrierFactory | None = None) -> svc.CancelledLabel:
    """Cancel the label of the order's parcel (`parcel`, or its only cancellable one); the parcel is packed again.

    Raises ValidationError when the rule refuses, CancelRefused when the carrier does, and
    another CarrierError when the carrier could not be asked.
    """
    with db.read() as s:
        target = svc.label_to_cancel(s, reference, parcel)
    connector = connect(target.account, factory)
    try:
        answer = connector.cancel(target.carrier_ref)
    except CancelRefused as exc:
        svc.record_cancel_refused(db, target, str(exc), actor=actor)
        raise
    finally:
        connector.close()
    return svc.record_label_cancelled(db, target, queued=answer == "queued", actor=actor)
