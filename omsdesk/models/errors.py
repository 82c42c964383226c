"""Domain errors with messages a clerk understands; the CLI and the UI show them as they are."""

from __future__ import annotations


class OmsError(Exception):
    """Base of every refusal omsdesk reports to a person."""


class ValidationError(OmsError):
    """Input that cannot be accepted (bad SKU, quantity, tax id, currency ...)."""


class NotFound(OmsError):
    """A referenced record does not exist."""


class IllegalTransition(OmsError):
    """An order action that its current status does not allow."""


class InsufficientStock(OmsError):
    """A reservation or move that would take stock below zero."""


class ConflictError(OmsError):
    """Someone else changed the record first, or a unique key already exists."""


class PermissionDenied(OmsError):
    """The signed-in user's role does not allow this (and no manager approved it).

    Database.write records the refusal in the audit trail after rolling the change back.
    """

    def __init__(self, message: str, *, user: str, workstation: str, permission: str) -> None:
        super().__init__(message)
        self.user = user
        self.workstation = workstation
        self.permission = permission


class SignInRequired(PermissionDenied):
    """Users exist, so a change needs a signed-in user."""


class SignInFailed(OmsError):
    """Wrong login, PIN, badge or token; or the account is disabled or locked."""
