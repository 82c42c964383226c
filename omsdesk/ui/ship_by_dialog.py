"""Dialog for a channel's ship-by promise: handling time in working days and the daily cut-off."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QWidget,
)


class ShipByDialog(QDialog):
    """Preset to the channel's promise; the service validates and records the change."""

    def __init__(self, channel: str, handling_days: int, cutoff: time, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ship-by promise of {channel}").format(channel=channel))
        self.days = QSpinBox()
        self.days.setObjectName("ship_by_days")
        self.days.setRange(0, 30)
        self.days.setValue(handling_days)
        self.days.setSuffix(self.tr(" working day(s)"))
        self.cutoff = QTimeEdit(QTime(cutoff.hour, cutoff.minute))
        self.cutoff.setObjectName("ship_by_cutoff")
        self.cutoff.setDisplayFormat("HH:mm")
        note = QLabel(self.tr("Orders placed before the cut-off (Madrid time) on a working day count from that "
                              "day; weekends and Spain's national holidays are not working days."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Handling time"), self.days)
        form.addRow(self.tr("Daily cut-off"), self.cutoff)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def cutoff_text(self) -> str:
        return self.cutoff.time().toString("HH:mm")
