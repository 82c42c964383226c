"""What the desktop shows for money, quantities, days and moments, in the language it speaks.

The formatting itself is documents/formats.py (babel, es_ES or en_IE), shared with printed
documents; this binds it to the UI language and to local time, so every view shows
`1.234,56 €` and `01/12/2026 21:05` (the workstation's clock, not UTC) the same way.
"""

from __future__ import annotations

from datetime import date, datetime

from omsdesk.documents.formats import (
    format_day,
    format_decimal_int,
    format_measure,
    format_moment,
    format_money,
)
from omsdesk.ui.i18n import ui_language


def money(minor: int, currency: str) -> str:
    return format_money(minor, currency, ui_language())


def when(moment: datetime | None) -> str:
    """A stored UTC moment on the local wall clock; '' for none."""
    if moment is None:
        return ""
    return format_moment(moment, ui_language())


def day(value: date | None) -> str:
    return format_day(value, ui_language()) if value is not None else ""


def qty(units: int) -> str:
    return format_decimal_int(units, ui_language())


def decimal(value: float, digits: int = 1) -> str:
    """A measured figure (turnover, days): 3.25 -> '3,3' (es), '3.3' (en)."""
    return format_measure(value, ui_language(), digits)
