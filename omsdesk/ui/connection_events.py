"""Where workers report a lost server connection: a leaf module, so workers.py and the
connection watch (connection_watch.py) both use it without importing each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ConnectionEvents(QObject):
    """Workers report a lost connection here (from any thread; delivery is queued)."""

    lost = Signal(str)


_events: ConnectionEvents | None = None


def connection_events() -> ConnectionEvents:
    global _events
    if _events is None:
        _events = ConnectionEvents()
    return _events
