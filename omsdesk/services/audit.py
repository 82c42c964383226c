"""Writes audit rows; every state change calls this inside its own transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from omsdesk.models import AuditEntry
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import check_signed_in


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
    """Append one audit row (who, approved by whom, where, when, from, to, why) to the transaction.

    Every state change passes here, so this is also where a change from nobody is refused
    once users exist (SignInRequired): read-only work stays open, changes need a sign-in.
    """
    check_signed_in(session, actor)
    session.add(
        AuditEntry(
            user=actor.user, approved_by=actor.approver, workstation=actor.workstation, entity=entity,
            entity_id=entity_id, reference=reference, action=action, from_status=from_status,
            to_status=to_status, reason=reason,
        )
    )


def attempt(session: Session, *, login: str, workstation: str, user_id: int, action: str, reason: str) -> None:
    """Audit a sign-in attempt: made by someone not signed in yet, so it skips that check."""
    session.add(AuditEntry(user=login[:64], workstation=workstation, entity="user", entity_id=user_id,
                           reference=login[:64], action=action, reason=reason))
