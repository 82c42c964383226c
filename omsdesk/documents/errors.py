"""Errors raised while rendering or printing documents, worded for a clerk."""

from omsdesk.models.errors import OmsError


class DocumentError(OmsError):
    """A document could not be rendered or printed."""


class FontMissingError(DocumentError):
    """The TTF font that documents embed is not installed."""


class BatchCancelled(DocumentError):
    """The user cancelled a batch render before it finished."""


class PrintError(DocumentError):
    """CUPS refused a job or is not reachable."""
