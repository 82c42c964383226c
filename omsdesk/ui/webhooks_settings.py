"""Settings › Webhooks: the CRM receivers (list, add, remove, test); rules in services/ and sync/webhooks.py."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from omsdesk.services.webhooks import EVENTS, Subscription, subscriptions
from omsdesk.sync.webhooks import Answer, create_webhook, delete_webhook, send_test
from omsdesk.ui.banner import Banner
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import when
from omsdesk.ui.workers import run_in_pool


class WebhooksTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.banner = Banner(hide_when_empty=True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("webhooks_table")
        self.table.setHorizontalHeaderLabels([self.tr("Id"), self.tr("Address"), self.tr("Events"),
                                              self.tr("Added")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove)
        self.test_button = QPushButton(self.tr("Send test"))
        self.test_button.clicked.connect(self.test)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.test_button)
        row.addWidget(self.remove_button)

        new = QGroupBox(self.tr("New webhook"))
        self.url = QLineEdit()
        self.url.setObjectName("webhook_url")
        self.url.setPlaceholderText("https://crm.example.com/hooks/omsdesk")
        self.events: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, event in enumerate(EVENTS):
            box = QCheckBox(event)  # the event's name is what the receiver sees: not translated
            box.setObjectName(f"webhook_event_{event}")
            self.events[event] = box
            grid.addWidget(box, i // 3, i % 3)
        self.add_button = QPushButton(self.tr("Add webhook"))
        self.add_button.clicked.connect(self.add)
        self.secret = QLineEdit()
        self.secret.setObjectName("webhook_secret")
        self.secret.setReadOnly(True)
        self.secret.setPlaceholderText(self.tr("shown once, after adding"))
        form = QFormLayout(new)
        form.addRow(self.tr("Address"), self.url)
        form.addRow(self.tr("Events"), grid)
        form.addRow(self.add_button)
        form.addRow(self.tr("Signing secret"), self.secret)
        note = QLabel(self.tr("Each event is POSTed as signed JSON (docs/webhooks.md). Copy the signing secret "
                              "into the receiver now: it is kept only in this computer's keyring and not shown "
                              "again. The delivery log: omsdesk webhooks log."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(new)
        layout.addWidget(note)
        layout.addWidget(self.banner)

    def load(self) -> None:
        db = self.ctx.db
        run_in_pool(self.ctx.pool, lambda: subscriptions(db), self._show, self.banner.refuse)

    def _show(self, subs: list[Subscription]) -> None:
        self.table.setRowCount(len(subs))
        for r, sub in enumerate(subs):
            for c, text in enumerate((str(sub.id), sub.url, ", ".join(sub.events), when(sub.created_at))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        for column in (0, 2, 3):
            self.table.resizeColumnToContents(column)

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.banner.refuse(self.tr("Choose a webhook in the list first"))
            return None
        item = self.table.item(rows[0].row(), 0)
        return int(item.text()) if item is not None else None

    def add(self) -> None:
        db, actor, url = self.ctx.db, self.ctx.actor, self.url.text().strip()
        events = [e for e, box in self.events.items() if box.isChecked()]
        run_in_pool(self.ctx.pool, lambda: create_webhook(db, url, events, actor=actor), self._added,
                    self.banner.refuse)

    def _added(self, result: tuple[Subscription, str]) -> None:
        sub, secret = result
        self.secret.setText(secret)
        self.url.clear()
        for box in self.events.values():
            box.setChecked(False)
        self.banner.show_message(self.tr("Webhook {id} added: copy its signing secret now").format(id=sub.id), "ok")
        self.load()

    def remove(self) -> None:
        sid = self._selected()
        if sid is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        run_in_pool(self.ctx.pool, lambda: delete_webhook(db, sid, actor=actor), self._removed, self.banner.refuse)

    def _removed(self, sub: Subscription) -> None:
        self.secret.clear()
        self.banner.show_message(self.tr("Webhook {id} removed").format(id=sub.id), "ok")
        self.load()

    def test(self) -> None:
        sid = self._selected()
        if sid is None:
            return
        db = self.ctx.db
        run_in_pool(self.ctx.pool, lambda: send_test(db, sid), self._tested, self.banner.refuse)

    def _tested(self, answer: Answer) -> None:
        if answer.status_code is not None and 200 <= answer.status_code < 300:
            self.banner.show_message(self.tr("The receiver answered {code}").format(code=answer.status_code), "ok")
        else:
            self.banner.refuse(self.tr("The test did not go through: {reason}").format(reason=answer.error))
