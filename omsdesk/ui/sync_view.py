"""Sync: per-channel health (backlog, failures, last delivery) and the outbox of pending effects."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from omsdesk.queries.outbox import ChannelHealth, OutboxRow, channel_health, outbox_rows
from omsdesk.ui.context import AppContext
from omsdesk.ui.tables import fill_table, make_table
from omsdesk.ui.workers import run_in_pool

FAILED_BG = QColor("#fde2e1")


def _when(dt: object) -> str:
    return dt.strftime("%Y-%m-%d %H:%M") if hasattr(dt, "strftime") else ""


class SyncView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.health: list[ChannelHealth] = []
        self.messages: list[OutboxRow] = []
        self.channels = make_table([self.tr("Channel"), self.tr("Name"), self.tr("Kind"), self.tr("Active"),
                                self.tr("Pending"), self.tr("Failed"), self.tr("Last delivered"),
                                self.tr("Last error")], stretch=7)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All messages"), "")
        for status, text in (("pending", self.tr("Pending")), ("failed", self.tr("Failed")),
                             ("delivered", self.tr("Delivered"))):
            self.status_filter.addItem(text, status)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.outbox = make_table([self.tr("#"), self.tr("Created"), self.tr("Topic"), self.tr("Channel"),
                              self.tr("Key"), self.tr("Status"), self.tr("Attempts"), self.tr("Next attempt"),
                              self.tr("Last error")], stretch=8)
        self.summary = QLabel()

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Channel health"))
        title.setStyleSheet("font-weight: 600;")
        top_layout.addWidget(title)
        top_layout.addWidget(self.channels)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        outbox_title = QLabel(self.tr("Outbox"))
        outbox_title.setStyleSheet("font-weight: 600;")
        bar.addWidget(outbox_title)
        bar.addStretch(1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.refresh_button)
        bottom_layout.addLayout(bar)
        bottom_layout.addWidget(self.outbox)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([300, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        ctx.signals.sync_state_changed.connect(lambda _state: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        db, status = self.ctx.db, self.status_filter.currentData() or None

        def fetch() -> tuple[list[ChannelHealth], list[OutboxRow]]:
            with db.read() as s:
                return channel_health(s), outbox_rows(s, status=status)

        run_in_pool(self.ctx.pool, fetch, self._on_loaded, self.summary.setText)

    def _on_loaded(self, result: tuple[list[ChannelHealth], list[OutboxRow]]) -> None:
        self.health, self.messages = result
        fill_table(self.channels, [
            (h.code, h.name, h.kind, self.tr("yes") if h.active else self.tr("no"), str(h.pending),
             str(h.failed), _when(h.last_delivered), h.last_error) for h in self.health],
            right_aligned=(4, 5), highlight=[h.failed > 0 for h in self.health], color=FAILED_BG)
        fill_table(self.outbox, [
            (str(m.id), _when(m.created_at), m.topic, m.channel, m.key, m.status, str(m.attempts),
             _when(m.next_attempt_at) if m.status == "pending" else "", m.last_error) for m in self.messages],
            right_aligned=(0, 6), highlight=[m.status == "failed" for m in self.messages], color=FAILED_BG)
        pending = sum(h.pending for h in self.health)
        failed = sum(h.failed for h in self.health)
        self.summary.setText(self.tr("{pending} pending, {failed} failed; showing the latest {n} messages").format(
            pending=pending, failed=failed, n=len(self.messages)))
