"""When a channel's or a customer's orders are invoiced: by hand, when shipped, when paid, monthly."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from omsdesk.services.invoicing.policy import (
    WHEN_CHOICES,
    PolicyView,
    channel_policies,
    policy_of,
    set_policy,
)
from omsdesk.ui.context import AppContext
from omsdesk.ui.money_fields import ok_cancel
from omsdesk.ui.workers import run_in_pool


def policy_text(code: str) -> str:
    translate = QCoreApplication.translate
    return {"manual": translate("auto invoicing", "By hand"),
            "shipped": translate("auto invoicing", "When shipped"),
            "paid": translate("auto invoicing", "When paid"),
            "monthly": translate("auto invoicing", "Monthly per customer")}.get(code, code)



class InvoicingPolicyDialog(QDialog):
    """Loads the stored policy in the pool, saves through set_policy on OK (its own transaction)."""

    saved = Signal(object)  # PolicyView

    def __init__(self, ctx: AppContext, *, title: str, channel: str | None = None,
                 customer_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.channel, self.customer_id = ctx, channel, customer_id
        self.setWindowTitle(title)
        self.when = QComboBox()
        self.when.setObjectName("policy_when")
        if customer_id is not None:
            # "By hand" stored on a customer overrides its channel; no row means "as its channel".
            self.when.addItem(self.tr("Same as its channel"), "")
        for code in WHEN_CHOICES:
            self.when.addItem(policy_text(code), code)
        self.simplified = QCheckBox(self.tr("Simplified invoices for consumers without a tax id"))
        self.simplified.setChecked(True)
        self.error = QLabel()
        self.error.setObjectName("editor_error")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Invoicing"), self.when)
        form.addRow(self.simplified)
        form.addRow(self.error)
        ok_cancel(self, form)

        def load() -> PolicyView | None:
            with ctx.db.read() as s:
                return policy_of(s, channel=channel, customer_id=customer_id)
        run_in_pool(ctx.pool, load, self._show, self.error.setText)

    def _show(self, view: PolicyView | None) -> None:
        if view is not None:
            self.when.setCurrentIndex(max(0, self.when.findData(view.when)))
            self.simplified.setChecked(view.simplified_for_consumers)

    def accept(self) -> None:
        when = str(self.when.currentData())
        if not when:  # "same as its channel": nothing to store
            super().accept()
            return
        ctx, channel, customer_id, simplified = self.ctx, self.channel, self.customer_id, self.simplified.isChecked()
        run_in_pool(ctx.pool, lambda: set_policy(ctx.db, actor=ctx.actor, when=when, channel=channel,
                                                 customer_id=customer_id, simplified_for_consumers=simplified),
                    self._saved, self.error.setText)

    def _saved(self, view: PolicyView) -> None:
        self.saved.emit(view)
        super().accept()


class ChannelPoliciesDialog(QDialog):
    """Every channel (counter, manual and CSV too, which the Sync view does not list) and its policy."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[PolicyView] = []
        self.editor: InvoicingPolicyDialog | None = None
        self.setWindowTitle(self.tr("Automatic invoicing per channel"))
        self.resize(700, 320)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("channel_policies")
        self.table.setHorizontalHeaderLabels([self.tr("Channel"), self.tr("Invoicing"),
                                              self.tr("Simplified for consumers")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 180)
        self.table.setColumnWidth(2, 200)
        self.table.doubleClicked.connect(lambda _i: self.change())
        self.change_button = QPushButton(self.tr("Change…"))
        self.change_button.clicked.connect(self.change)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.change_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        def load() -> list[PolicyView]:
            with self.ctx.db.read() as s:
                return channel_policies(s)
        run_in_pool(self.ctx.pool, load, self._show)

    def _show(self, rows: list[PolicyView]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        yes, no = self.tr("Yes"), self.tr("No")
        for r, v in enumerate(rows):
            for c, text in enumerate((f"{v.name} ({v.code})", policy_text(v.when),
                                      yes if v.simplified_for_consumers else no)):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def change(self) -> InvoicingPolicyDialog | None:
        picked = {i.row() for i in self.table.selectedItems()}
        if len(picked) != 1:
            return None
        view = self.rows[picked.pop()]
        self.editor = InvoicingPolicyDialog(self.ctx, title=view.name, channel=view.code, parent=self)
        self.editor.saved.connect(lambda _v: self.reload())
        self.editor.open()
        return self.editor
