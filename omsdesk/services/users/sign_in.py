"""Signing in with a login and PIN, a badge or a service token; the lock after repeated failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.errors import SignInFailed
from omsdesk.models.users import User
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.users.policy import policy_in
from omsdesk.services.users.secrets import badge_digest, verify_secret

WRONG = "wrong login or PIN"


@dataclass(frozen=True)
class _Outcome:
    actor: Actor | None
    refusal: str


def sign_in(db: Database, login: str, secret: str, *, workstation: str, purpose: str = "sign_in",
            now: datetime | None = None) -> Actor:
    """The signed-in Actor for a login and PIN (or password, or service token); SignInFailed if not.

    Every attempt is audited. After the policy's number of wrong tries in a row the account
    is locked for its lock time: even the right PIN is refused until then. `purpose` is
    "approve" when a manager types their PIN to approve a clerk's action.
    """
    if not login.strip() or not secret:
        raise ValidationError("give a login and a PIN")
    outcome = _attempt(db, login.strip().lower(), secret, workstation, purpose, now or utcnow())
    if outcome.actor is None:
        raise SignInFailed(outcome.refusal)
    return outcome.actor


def sign_in_badge(db: Database, code: str, *, workstation: str, now: datetime | None = None) -> Actor:
    """The Actor whose badge this is (a scanner types the code and Enter); SignInFailed if none."""
    if not code.strip():
        raise ValidationError("scan a badge")
    digest = badge_digest(code)
    with db.read() as s:
        login = s.scalar(select(User.login).where(User.badge_hash == digest))
    if login is None:
        with db.write() as s:
            audit.attempt(s, login="?", workstation=workstation, user_id=0, action="sign_in_failed",
                          reason="unknown badge")
        raise SignInFailed("unknown badge")
    outcome = _attempt(db, login, None, workstation, "sign_in", now or utcnow())
    if outcome.actor is None:
        raise SignInFailed(outcome.refusal)
    return outcome.actor


def _attempt(db: Database, login: str, secret: str | None, workstation: str, purpose: str,
             now: datetime) -> _Outcome:
    # The attempt's audit row and counters are committed before any refusal is raised.
    with db.write() as s:
        user = s.scalar(select(User).where(User.login == login).with_for_update())
        if user is None:
            audit.attempt(s, login=login, workstation=workstation, user_id=0, action=f"{purpose}_failed",
                          reason="unknown login")
            return _Outcome(None, WRONG)
        policy = policy_in(s)

        def refuse(why: str, shown: str) -> _Outcome:
            audit.attempt(s, login=login, workstation=workstation, user_id=user.id,
                          action=f"{purpose}_failed", reason=why)
            return _Outcome(None, shown)

        if user.disabled:
            return refuse("account disabled", f"{login} is disabled; ask an administrator")
        if user.locked_until is not None and user.locked_until > now:
            return refuse("account locked", _locked(login, user.locked_until, now))
        if user.locked_until is not None:  # the lock has run out: a fresh set of tries
            user.failed_attempts, user.locked_until = 0, None
        if secret is not None and not verify_secret(secret, user.pin_hash):
            user.failed_attempts += 1
            if user.failed_attempts >= policy.max_failed_attempts:
                user.locked_until = now + timedelta(minutes=policy.lock_minutes)
                return refuse(f"wrong PIN, attempt {user.failed_attempts}: locked for {policy.lock_minutes} min",
                              _locked(login, user.locked_until, now))
            left = policy.max_failed_attempts - user.failed_attempts
            return refuse(f"wrong PIN, attempt {user.failed_attempts}", f"{WRONG} ({left} tries left)")
        user.failed_attempts = 0
        user.last_sign_in_at = now
        actor = Actor(user=user.login, workstation=workstation, user_id=user.id)
        audit.record(s, actor, entity="user", entity_id=user.id, reference=login, action=purpose,
                     reason="badge" if secret is None else "")
        return _Outcome(actor, "")


def _locked(login: str, until: datetime, now: datetime) -> str:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    return (f"{login} is locked after too many wrong PINs for {minutes} more minute(s); "
            "an administrator can reset the PIN")
