"""Finds DejaVu Sans on the machine and registers it with ReportLab so ñ, á, ç, €, ß print."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from omsdesk.documents.errors import FontMissingError

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

# Debian/Ubuntu first, then the paths other distributions and user installs use.
_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/share/fonts/dejavu-sans-fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path(__file__).resolve().parent.parent / "resources" / "fonts",
)
_ROOTS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


@dataclass(frozen=True)
class FontPair:
    regular: str
    bold: str


_lock = threading.Lock()
_registered: FontPair | None = None


def find_font_file(file_name: str) -> Path:
    """The path of a font file: $OMSDESK_FONT_DIR, the usual folders, then a search of the font roots."""
    dirs = list(_DIRS)
    override = os.environ.get("OMSDESK_FONT_DIR")
    if override:
        dirs.insert(0, Path(override))
    for folder in dirs:
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    for root in _ROOTS:
        if root.is_dir():
            for candidate in root.rglob(file_name):
                return candidate
    raise FontMissingError(
        f"The font {file_name} is not installed; documents need it to print accents and €. "
        "Install the 'fonts-dejavu-core' package or set OMSDESK_FONT_DIR to a folder holding it."
    )


def document_fonts() -> FontPair:
    """Register DejaVu Sans regular and bold once per process and return their names."""
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is None:
            for name, file_name in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(find_font_file(file_name))))
            # Lets Paragraph markup <b> switch to the bold face.
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            _registered = FontPair(REGULAR, BOLD)
    return _registered
