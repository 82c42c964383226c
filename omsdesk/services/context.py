"""Who is acting: the user and workstation every audit row records."""

from __future__ import annotations

from dataclasses import dataclass

from omsdesk.config import current_identity


@dataclass(frozen=True)
class Actor:
    user: str
    workstation: str

    @classmethod
    def current(cls) -> Actor:
        ident = current_identity()
        return cls(user=ident.user, workstation=ident.workstation)


SYSTEM = Actor(user="system", workstation="omsdesk")
