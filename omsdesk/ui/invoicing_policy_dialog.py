"""When a channel's or a customer's orders are invoiced: by hand, when shipped, when paid, monthly."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLabel, QWidget

from omsdesk.services.invoicing.policy import WHEN_CHOICES, PolicyView, policy_of, set_policy
from omsdesk.ui.auto_invoicing import policy_text
from omsdesk.ui.context import AppContext
from omsdesk.ui.money_fields import ok_cancel
from omsdesk.ui.workers import run_in_pool


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
