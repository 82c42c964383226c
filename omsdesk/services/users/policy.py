"""The shop-wide sign-in policy: failures before a lock, lock and idle-lock minutes, the price limit."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import ValidationError
from omsdesk.models.roles import Permission
from omsdesk.models.users import SecuritySettings
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require


@dataclass(frozen=True)
class Policy:
    max_failed_attempts: int
    lock_minutes: int
    idle_lock_minutes: int
    price_override_limit_bp: int



def policy_in(session: Session) -> Policy:
    row = session.get(SecuritySettings, 1) or SecuritySettings(
        max_failed_attempts=5, lock_minutes=15, idle_lock_minutes=10, price_override_limit_bp=1000)
    return Policy(row.max_failed_attempts, row.lock_minutes, row.idle_lock_minutes, row.price_override_limit_bp)


def get_policy(db: Database) -> Policy:
    """The sign-in policy (defaults until an administrator changes it)."""
    with db.read() as s:
        return policy_in(s)


def set_policy(db: Database, *, actor: Actor, max_failed_attempts: int | None = None,
               lock_minutes: int | None = None, idle_lock_minutes: int | None = None,
               price_override_limit_bp: int | None = None) -> Policy:
    """Change how many failures lock an account, for how long, the idle lock and the price limit."""
    changes = {"max_failed_attempts": max_failed_attempts, "lock_minutes": lock_minutes,
               "idle_lock_minutes": idle_lock_minutes, "price_override_limit_bp": price_override_limit_bp}
    given = {k: v for k, v in changes.items() if v is not None}
    for key, value in given.items():
        low = 1 if key in ("max_failed_attempts", "lock_minutes") else 0
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValidationError(f"{key.replace('_', ' ')} must be a whole number of at least {low}")
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject="sign-in policy")
        row = s.get(SecuritySettings, 1)
        if row is None:
            current = policy_in(s)
            row = SecuritySettings(id=1, **asdict(current))
            s.add(row)
        for key, value in given.items():
            setattr(row, key, value)
        s.flush()
        audit.record(s, actor, entity="settings", entity_id=1, reference="security", action="settings",
                     reason=", ".join(f"{k}={v}" for k, v in sorted(given.items())))
        return policy_in(s)
