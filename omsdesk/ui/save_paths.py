"""Where save and open dialogs start: the folder the clerk last used, else their Documents folder.

Never the process's working directory (for a source checkout that is the code itself).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

_KEY = "paths/last_folder"


def start_folder() -> Path:
    last = QSettings().value(_KEY, "")
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def suggested(name: str) -> str:
    """`name` in the start folder, for a save dialog's proposal (a full path is kept as it is)."""
    return name if Path(name).is_absolute() else str(start_folder() / name)


def remember(path: str) -> str:
    """Note the folder of a chosen file for the next dialog; returns `path` for chaining."""
    if path:
        QSettings().setValue(_KEY, str(Path(path).parent))
    return path
