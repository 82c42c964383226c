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
