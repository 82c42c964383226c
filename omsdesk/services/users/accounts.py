"""User accounts: add, list, disable, enable, reset a PIN, change roles or badge; the sign-in policy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import ConflictError, NotFound, ValidationError
from omsdesk.models.roles import Permission, Role, parse_roles
from omsdesk.models.users import User
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require, users_exist
from omsdesk.services.users.secrets import MIN_PIN, badge_digest, hash_secret, new_token


@dataclass(frozen=True)
class UserInfo:
    login: str
    display_name: str
    roles: tuple[str, ...]
    service: bool
    disabled: bool
    locked_until: datetime | None
    last_sign_in_at: datetime | None
    has_badge: bool


@dataclass(frozen=True)
class NewUser:
    info: UserInfo
    # A service account's token, shown once (the CLI puts it in the keyring); None for people.
    token: str | None


def _info(u: User) -> UserInfo:
    return UserInfo(u.login, u.display_name, tuple(sorted(r.value for r in u.role_set)), u.is_service,
                    u.disabled, u.locked_until, u.last_sign_in_at, u.badge_hash is not None)


def _roles(roles: str | list[str] | frozenset[Role]) -> str:
    text = roles if isinstance(roles, str) else ",".join(roles)
    try:
        return ",".join(sorted(r.value for r in parse_roles(text)))
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def _pin(pin: str) -> str:
    if len(pin) < MIN_PIN or pin != pin.strip():
        raise ValidationError(f"a PIN or password needs at least {MIN_PIN} characters and no surrounding spaces")
    return pin


def _login(login: str) -> str:
    clean = login.strip().lower()
    if not clean or len(clean) > 64 or not all(c.isalnum() or c in "._-" for c in clean):
        raise ValidationError(f"login '{login}' must be 1-64 letters, digits, '.', '_' or '-'")
    return clean


def user_by_login(session: Session, login: str) -> User:
    user = session.scalar(select(User).where(User.login == login.strip().lower()))
    if user is None:
        raise NotFound(f"no user '{login}'")
    return user


def _badge(session: Session, badge: str, user_id: int | None) -> str:
    digest = badge_digest(badge)
    other = session.scalar(select(User.login).where(User.badge_hash == digest, User.id != (user_id or 0)))
    if other:
        raise ConflictError("that badge is already given to another user")
    return digest


def add_user(db: Database, *, actor: Actor, login: str, roles: str | list[str], pin: str | None = None,
             display_name: str = "", badge: str | None = None, service: bool = False) -> NewUser:
    """Create a user (the first one ends setup mode: it must be an administrator).

    People sign in with a PIN or password; a service account (the sync daemon) gets a random
    token instead, returned once.
    """
    name = _login(login)
    role_text = _roles(roles)
    token = new_token() if service else None
    secret = token if token is not None else _pin(pin or "")
    with db.write() as s:
        first = not users_exist(s)
        require(s, actor, Permission.USERS, subject=f"add {name}")
        if first and Role.ADMINISTRATOR.value not in role_text.split(","):
            raise ValidationError("the first user must be an administrator (--role administrator), "
                                  "or nobody could manage users afterwards")
        if first and service:
            raise ValidationError("the first user must be a person who can sign in, not a service account")
        if s.scalar(select(User.id).where(User.login == name)):
            raise ConflictError(f"user '{name}' already exists")
        user = User(login=name, display_name=display_name.strip() or name, roles=role_text,
                    pin_hash=hash_secret(secret), is_service=service,
                    badge_hash=_badge(s, badge, None) if badge else None)
        s.add(user)
        s.flush()
        audit.record(s, actor, entity="user", entity_id=user.id, reference=name, action="user_add",
                     reason=f"roles {role_text}" + (", service account" if service else ""))
        return NewUser(_info(user), token)


def list_users(db: Database) -> list[UserInfo]:
    """Every user, by login (PIN and badge hashes are never returned)."""
    with db.read() as s:
        return [_info(u) for u in s.scalars(select(User).order_by(User.login))]


def _change(db: Database, actor: Actor, login: str, action: str, note: str = "", *,
            disabled: bool | None = None, pin: str | None = None, roles: str | None = None,
            badge: str | None = None, clear_badge: bool = False) -> UserInfo:
    with db.write() as s:
        require(s, actor, Permission.USERS, subject=f"{action} {login}")
        user = user_by_login(s, login)
        if disabled is not None:
            user.disabled = disabled
        if pin is not None:
            user.pin_hash = hash_secret(pin)
            user.failed_attempts, user.locked_until = 0, None  # a reset also lifts the lock
        if roles is not None:
            user.roles = roles
        if badge is not None:
            user.badge_hash = _badge(s, badge, user.id)
        if clear_badge:
            user.badge_hash = None
        s.flush()
        _keep_an_administrator(s)
        audit.record(s, actor, entity="user", entity_id=user.id, reference=user.login, action=action,
                     reason=note)
        return _info(user)


def _keep_an_administrator(session: Session) -> None:
    live = session.scalars(select(User.roles).where(User.disabled.is_(False), User.is_service.is_(False)))
    if not any(Role.ADMINISTRATOR.value in r.split(",") for r in live):
        raise ValidationError("that would leave no enabled administrator to manage users")


def disable_user(db: Database, login: str, *, actor: Actor) -> UserInfo:
    """Stop a user signing in (users are never deleted: the audit trail names them)."""
    return _change(db, actor, login, "user_disable", disabled=True)


def enable_user(db: Database, login: str, *, actor: Actor) -> UserInfo:
    """Let a disabled user sign in again."""
    return _change(db, actor, login, "user_enable", disabled=False)


def reset_pin(db: Database, login: str, pin: str, *, actor: Actor) -> UserInfo:
    """Give a user a new PIN or password (and lift a lock)."""
    return _change(db, actor, login, "user_reset_pin", pin=_pin(pin))


def set_roles(db: Database, login: str, roles: str | list[str], *, actor: Actor) -> UserInfo:
    """Change a user's roles."""
    text = _roles(roles)
    return _change(db, actor, login, "user_roles", f"roles {text}", roles=text)


def set_badge(db: Database, login: str, badge: str | None, *, actor: Actor) -> UserInfo:
    """Give a user a badge barcode to sign in with (None takes it away)."""
    if badge is not None and not badge.strip():
        raise ValidationError("the badge code is empty")
    return _change(db, actor, login, "user_badge", "badge set" if badge else "badge removed",
                   badge=badge, clear_badge=badge is None)
