"""Languages of the client: finds the bundled resources and installs the compiled Qt translation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from omsdesk.documents.data import Language

LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"

# One translator per application: installing a new language removes the previous one.
_installed: dict[int, list[QTranslator]] = {}
# The language the desktop speaks now: set with its translator, read by the formatters (display.py).
_current = [DEFAULT_LANGUAGE]


def ui_language() -> str:
    return _current[0]


def resources_dir() -> Path:
    """The resources/ folder: beside the package in a checkout, in _MEIPASS in a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def translation_file(language: str) -> Path:
    return resources_dir() / "translations" / f"omsdesk_{language}.qm"


def install_translator(app: QCoreApplication, language: str | None) -> bool:
    """Translate the UI into `language` ('en' or 'es'); returns whether a translation is active.

    English is the source language, so it needs no file. Call before building widgets, or
    rebuild them afterwards: Qt translates a string when tr() runs, not later.
    """
    for previous in _installed.pop(id(app), []):
        app.removeTranslator(previous)
    lang = language if language in LANGUAGES else DEFAULT_LANGUAGE
    _current[0] = lang
    QLocale.setDefault(QLocale(QLocale.Language.Spanish if lang == "es" else QLocale.Language.English))
    if lang == DEFAULT_LANGUAGE:
        return False
    translator = QTranslator(app)
    if not translator.load(str(translation_file(lang))):
        return False
    app.installTranslator(translator)
    installed = [translator]
    # Qt's own words (OK, Cancel, Yes, No in dialog buttons) come with Qt's catalogue.
    qt_words = QTranslator(app)
    if qt_words.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_words)
        installed.append(qt_words)
    _installed[id(app)] = installed
    return True


def doc_language(settings: dict[str, Any]) -> Language:
    """Documents print in Spanish or English, following the workstation's language."""
    return "es" if settings.get("language") == "es" else "en"
