"""A coloured message strip for scan screens, with an audible alarm when a scan is refused."""

from __future__ import annotations

import logging

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from omsdesk.ui.i18n import resources_dir

_STYLES = {
    "info": "background: #e8f0fe; color: #1a3d7c; border: 1px solid #b6c9ef;",
    "ok": "background: #e3f4e6; color: #1d5e2b; border: 1px solid #9fd3aa;",
    "error": "background: #d93025; color: white; border: 1px solid #a52119; font-weight: bold;",
}

log = logging.getLogger(__name__)


class Banner(QLabel):
    """Shows the last outcome; `level` is read by tests and by screen readers through the text."""

    def __init__(self, parent: QWidget | None = None, *, hide_when_empty: bool = False) -> None:
        super().__init__(parent)
        # Scan screens keep the strip's space so rows never jump; forms hide it until needed.
        self._hide_when_empty = hide_when_empty
        self.setWordWrap(True)
        self.setMinimumHeight(44)
        self.level = "info"
        self._sound: object | None = None
        self.show_message("", "info")

    def show_message(self, text: str, level: str = "info") -> None:
        self.level = level
        self.setText(text)
        if self._hide_when_empty:
            self.setVisible(bool(text))
        self.setStyleSheet(f"QLabel {{ {_STYLES[level]} padding: 8px 12px; font-size: 15px; "
                           "border-radius: 4px; }")

    def refuse(self, text: str) -> None:
        """Red banner and the alarm: a picker with eyes on the shelf must still notice."""
        self.show_message(text, "error")
        self._play_alarm()

    def _play_alarm(self) -> None:
        QApplication.beep()
        if self._sound is None:
            # Imported on first use: QtMultimedia starts an audio backend, not worth it at startup.
            try:
                from PySide6.QtMultimedia import QSoundEffect
            except ImportError as exc:  # no PulseAudio client library: the system beep must do
                log.warning("no sound for refused scans (%s); install libpulse0", exc)
                self._sound = False
                return
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(resources_dir() / "sounds" / "refused.wav")))
            effect.setVolume(0.9)
            self._sound = effect
        if self._sound:
            self._sound.play()  # type: ignore[attr-defined]
