"""Who is acting: the user and workstation every audit row records, and who approved it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from omsdesk.config import current_identity


@dataclass(frozen=True)
class Actor:
    """The person (or the sync engine) a service acts for.

    `user_id` is set only by signing in (services/users/sign_in.py); once users exist, the
    services accept a change only from an actor that has one (or from SYSTEM). `approver` is
    the manager who approved this one action with their PIN.
    """

    user: str
    workstation: str
    user_id: int | None = None
    approver: str | None = None
    approver_id: int | None = None
    system: bool = False

    @classmethod
    def current(cls) -> Actor:
        """The OS login (or OMSDESK_USER): who acts in setup mode, before any user exists."""
        ident = current_identity()
        return cls(user=ident.user, workstation=ident.workstation)

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None or self.system

    def approved_by(self, manager: Actor) -> Actor:
        """The same actor for one action a signed-in manager approved on the spot."""
        return replace(self, approver=manager.user, approver_id=manager.user_id)


# The sync engine acting on what a channel sent (imports, marketplace cancellations); it is
# never built from a command line or a sign-in, so nobody at a desk can borrow it.
SYSTEM = Actor(user="system", workstation="omsdesk", system=True)
