"""Deliver one purchase order's queued e-mail and ERP messages now, for `purchasing send`.

What cannot go now (mail server or ERP away) stays in the outbox with its error, and the
sync daemon retries it; the caller reports each way of sending as sent, failed or pending.
"""

from __future__ import annotations

from sqlalchemy import select, update

from omsdesk.db import Database
from omsdesk.models import Channel, OutboxMessage
from omsdesk.models.planning import PurchaseOrder
from omsdesk.services.channels.erp import erp_settings_of
from omsdesk.services.channels.mail import PURCHASE_ORDER_EMAIL
from omsdesk.services.goods_in.purchasing import (
    TOPIC_PURCHASE,
    PurchaseDelivery,
    purchase_deliveries,
)
from omsdesk.sync.erp.purchase_delivery import deliver_purchases
from omsdesk.sync.errors import SyncError
from omsdesk.sync.mail import Sender, deliver_mail, smtp_send
from omsdesk.sync.scheduler import ErpFactory, default_erp_factory
from omsdesk.sync.secrets import SecretUnavailable


def deliver_purchase_order(db: Database, reference: str, *, send: Sender = smtp_send,
                           erp_factory: ErpFactory = default_erp_factory) -> list[PurchaseDelivery]:
    """Try the purchase order's pending deliveries at once; returns how each one stands."""
    with db.read() as s:
        po_id = s.scalar(select(PurchaseOrder.id).where(PurchaseOrder.reference == reference))
        pending = list(s.execute(select(OutboxMessage.id, OutboxMessage.topic, OutboxMessage.channel_id)
                                 .where(OutboxMessage.key == f"purchase:{po_id}",
                                        OutboxMessage.status == "pending")))
        erp_channels = {cid: ch for cid, ch in ((c, s.get(Channel, c)) for _, t, c in pending
                                                if t == TOPIC_PURCHASE and c is not None)}
    mail_ids = [mid for mid, topic, _ in pending if topic == PURCHASE_ORDER_EMAIL]
    if mail_ids:
        deliver_mail(db, ids=mail_ids, send=send)
    for cid, channel in erp_channels.items():
        if channel is None:
            continue
        ids = [mid for mid, topic, c in pending if topic == TOPIC_PURCHASE and c == cid]
        try:
            connector = erp_factory(channel)
        except (SyncError, SecretUnavailable) as exc:
            # No connection to try with: the message waits for the daemon, saying why.
            with db.write() as s:
                s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                          .values(last_error=str(exc)[:2000]).execution_options(synchronize_session=False))
            continue
        try:
            deliver_purchases(db, connector, erp_settings_of(channel), ids=ids)
        finally:
            connector.close()
    with db.read() as s:
        return purchase_deliveries(s, reference)
