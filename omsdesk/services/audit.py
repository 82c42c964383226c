"""Writes audit rows; every state change calls this inside its own transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from omsdesk.models import AuditEntry
from omsdesk.services.context import Actor


def record(
    session: Session,
    actor: Actor,
    *,
    entity: str,
    entity_id: int,
    reference: str,
    action: str,
    from_status: str | None = None,
    to_status: str | None = None,
    reason: str = "",
) -> None:
    """Append one audit row (who, where, when, from, to, why) to the current transaction."""
    session.add(
        AuditEntry(
            user=actor.user, workstation=actor.workstation, entity=entity, entity_id=entity_id,
            reference=reference, action=action, from_status=from_status, to_status=to_status,
            reason=reason,
        )
    )
