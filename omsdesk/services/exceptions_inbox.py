"""Dismissing an exceptions inbox item with a note: stored, audited, hidden until its cause changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import NotFound, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.inbox import ExceptionDismissal
from omsdesk.queries.exceptions import KINDS, cause_of, exceptions
from omsdesk.services import audit
from omsdesk.services.context import Actor


@dataclass(frozen=True)
class Dismissed:
    kind: str
    key: str
    note: str
    user: str
    dismissed_at: datetime


def dismiss_exception(db: Database, key: str, *, note: str, actor: Actor, kind: str | None = None) -> Dismissed:
    """Hide the inbox item `key` (of `kind` when a key names several) with a note saying why.

    It comes back by itself when its cause changes (see queries.exceptions.cause_of).
    """
    key, note = key.strip(), " ".join(note.split())
    if not note:
        raise ValidationError("dismissing needs a note saying why")
    if kind is not None and kind not in KINDS:
        raise ValidationError(f"unknown kind '{kind}' (one of {', '.join(KINDS)})")
    with db.write() as s:
        # Dismissed ones too, so dismissing one again says so rather than "no such item".
        items = [i for i in exceptions(s, kinds=(kind,) if kind else KINDS, include_dismissed=True)
                 if i.key == key]
        if not items:
            raise NotFound(f"no open exception '{key}'" + (f" of kind {kind}" if kind else ""))
        if len(items) > 1:
            raise ValidationError(f"'{key}' is {len(items)} exceptions ({', '.join(i.kind for i in items)}): "
                                  "name one with --kind")
        item = items[0]
        cause = cause_of(item)
        if s.scalar(select(ExceptionDismissal.id).where(
                ExceptionDismissal.kind == item.kind, ExceptionDismissal.key == key,
                ExceptionDismissal.cause == cause)) is not None:
            raise ValidationError(f"{item.kind} '{key}' is already dismissed for this cause")
        row = ExceptionDismissal(kind=item.kind, key=key, cause=cause, note=note[:2000], user=actor.user,
                                 workstation=actor.workstation, dismissed_at=utcnow())
        s.add(row)
        s.flush()
        audit.record(s, actor, entity="exception", entity_id=row.id, reference=f"{item.kind}:{key}"[:64],
                     action="dismiss", reason=f"{note} (was: {item.reason})"[:2000])
        return Dismissed(item.kind, key, row.note, actor.user, row.dismissed_at)
