"""The one check every protected service calls: does this actor (or its approver) hold the permission?"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from omsdesk.models.errors import PermissionDenied, SignInRequired
from omsdesk.models.roles import PERMISSION_TITLES, Permission, Role, parse_roles, permissions_of
from omsdesk.models.users import User
from omsdesk.services.context import Actor

_CACHE = "omsdesk_users_exist"

# The end of a refusal a manager's approval can lift (the desktop offers the approval on it).
APPROVAL_HINT = "ask a manager to approve"

SIGN_IN_HINT = ("users exist: sign in first (GUI sign-in, or `omsdesk --user LOGIN ...` with the PIN "
                "on standard input)")


def users_exist(session: Session) -> bool:
    """False in setup mode: no user yet, so the OS login acts and every permission is granted."""
    # Decided once per session (one transaction): the one that creates the first user is still
    # in setup mode to its end, and users are disabled, never deleted, so it never goes back.
    cached = session.info.get(_CACHE)
    if cached is None:
        cached = session.info[_CACHE] = bool(session.scalar(select(exists().where(User.id.is_not(None)))))
    return bool(cached)


def check_signed_in(session: Session, actor: Actor) -> None:
    """Refuse any change from an actor who did not sign in, once users exist."""
    if actor.signed_in or not users_exist(session):
        return
    raise SignInRequired(f"{actor.user} cannot change data: {SIGN_IN_HINT}", user=actor.user,
                         workstation=actor.workstation, permission="sign-in")


def _roles_of(session: Session, user_id: int | None, login: str | None) -> frozenset[Role]:
    if user_id is None:
        return frozenset()
    user = session.get(User, user_id)
    # Read from the database each time: a user disabled or demoted at another desk loses it at once.
    if user is None or user.disabled or user.login != login:
        return frozenset()
    return parse_roles(user.roles)


def granted(session: Session, actor: Actor) -> frozenset[Permission]:
    """Every permission the actor holds now (all of them in setup mode and for SYSTEM)."""
    if actor.system or not users_exist(session):
        return frozenset(Permission)
    return permissions_of(_roles_of(session, actor.user_id, actor.user))


def require(session: Session, actor: Actor, permission: Permission, *, subject: str = "") -> None:
    """Raise PermissionDenied unless the actor, or the manager who approved, holds `permission`.

    Call it inside the service's write transaction; Database.write rolls the change back and
    records the refusal. The audit rows of an approved action carry `approved_by`.
    """
    check_signed_in(session, actor)
    if permission in granted(session, actor):
        return
    if actor.approver is not None and permission in permissions_of(
            _roles_of(session, actor.approver_id, actor.approver)):
        return
    what = PERMISSION_TITLES[permission].lower()
    about = f" ({subject})" if subject else ""
    by = f"; {actor.approver} cannot approve it either" if actor.approver else f"; {APPROVAL_HINT}"
    raise PermissionDenied(f"{actor.user} may not {what}{about}: needs permission {permission.value}{by}",
                           user=actor.user, workstation=actor.workstation, permission=permission.value)
