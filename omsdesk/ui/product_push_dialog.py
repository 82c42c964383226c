"""Preview product push…: the plan per product for one shop channel, then Send, off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from omsdesk.sync.errors import SyncError
from omsdesk.sync.product_out import (
    CREATE,
    UPDATE,
    PlanItem,
    ProductPlan,
    PushOutcome,
    PushReport,
    plan_product_push,
    push_products,
)
from omsdesk.sync.secrets import SecretUnavailable
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import decimal, qty
from omsdesk.ui.workers import run_in_pool

Index = QModelIndex | QPersistentModelIndex


class PlanModel(QAbstractTableModel):
    """The plan's rows (one per product) and, after Send, each one's outcome."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: tuple[PlanItem, ...] = ()
        self.outcomes: dict[str, PushOutcome] = {}
        self.headers = (self.tr("SKU"), self.tr("Action"), self.tr("Changes"),
                        self.tr("Note"))
        self.actions = {"create": self.tr("create"), "update": self.tr("update"),
                        "unchanged": self.tr("unchanged"), "refused": self.tr("refused")}
        self.fields = {"title": self.tr("title"), "description": self.tr("description"),
                       "price": self.tr("price"), "ean": self.tr("EAN"), "stock": self.tr("stock")}

    def set_plan(self, plan: ProductPlan, outcomes: dict[str, PushOutcome] | None = None) -> None:
        self.beginResetModel()
        self.items, self.outcomes = plan.items, dict(outcomes or {})
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.items[index.row()]
        outcome = self.outcomes.get(item.sku)
        column = index.column()
        if column == 0:
            return item.sku
        if column == 1:
            action = self.actions.get(item.action, item.action)
            if outcome is not None:
                return self.tr("{action}: done").format(action=action) if outcome.ok else \
                    self.tr("{action}: failed").format(action=action)
            return action
        if column == 2:
            return "; ".join(f"{self.fields.get(c.field, c.field)}: {self._value(c.field, c.old)} → "
                             f"{self._value(c.field, c.new)}" for c in item.changes)
        if outcome is not None and not outcome.ok:
            return outcome.reason
        return item.reason


    @staticmethod
    def _value(field: str, value: object) -> str:
        """A shop value as the clerk reads numbers: '8.90' is '8,90' in Spanish."""
        if value is None or value == "":
            return "-"
        try:
            if field == "price":
                return decimal(float(str(value)), 2)
            if field == "stock":
                return qty(int(str(value)))
        except ValueError:
            pass  # not a number on the shop: shown as the shop has it
        return str(value)


class ProductPushDialog(QDialog):
    """Reads the shop, shows what a push would create or change, and sends it on Send."""

    def __init__(self, ctx: AppContext, channel: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.channel = ctx, channel
        self.plan: ProductPlan | None = None
        self.report: PushReport | None = None
        self.setWindowTitle(self.tr("Product push to {channel}").format(channel=channel))
        self.resize(900, 520)
        self.summary = QLabel(self.tr("Reading the shop's products…"))
        self.summary.setWordWrap(True)
        self.model = PlanModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy until the shop answers
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.send_button = QPushButton(self.tr("&Send"))
        self.send_button.setEnabled(False)
        self.send_button.setToolTip(self.tr("Create and change on the shop what the plan says"))
        self.send_button.clicked.connect(self.send)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        """Make the plan in the pool: nothing is sent."""
        db, code = self.ctx.db, self.channel

        def work() -> ProductPlan | str:
            try:
                return plan_product_push(db, code)
            except (SyncError, SecretUnavailable) as exc:
                return str(exc)  # the shop could not be read: said in the dialog

        run_in_pool(self.ctx.pool, work, self.show_plan, self.failed)

    def show_plan(self, plan: ProductPlan | str) -> None:
        self.progress.hide()
        if isinstance(plan, str):
            self.failed(plan)
            return
        self.plan = plan
        self.model.set_plan(plan)
        counts = plan.counts()
        self.summary.setText(self.tr(
            "Would create {create}, update {update}; {unchanged} unchanged, {refused} refused. "
            "Nothing has been sent.").format(**counts))
        self.send_button.setEnabled(bool(counts[CREATE] or counts[UPDATE]))

    def send(self) -> None:
        """Push in the pool; the shop is read again first, so only what still differs goes."""
        self.send_button.setEnabled(False)
        self.progress.show()
        self.summary.setText(self.tr("Sending…"))
        db, code = self.ctx.db, self.channel
        run_in_pool(self.ctx.pool, lambda: push_products(db, code), self.show_report, self.failed)

    def show_report(self, report: PushReport) -> None:
        self.progress.hide()
        self.report = report
        self.model.set_plan(report.plan, {o.sku: o for o in report.outcomes})
        counts = report.counts()
        text = self.tr("Created {created}, updated {updated}, {failed} failed; {unchanged} "
                       "unchanged, {refused} refused.").format(**counts)
        if report.status == "failed":
            text += " " + self.tr("The push stopped: {error}").format(error=report.error)
        self.summary.setText(text)

    def failed(self, text: str) -> None:
        self.progress.hide()
        self.summary.setText(self.tr("The shop could not be read: {error}").format(error=text))
