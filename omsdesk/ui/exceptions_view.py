"""The exceptions inbox: every kind of problem in one list, each with the action that fixes it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from omsdesk.queries.exceptions import KINDS, ExceptionItem, exceptions
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import money, qty, when
from omsdesk.ui.order_queue_model import status_text
from omsdesk.ui.tables import fill_table, make_table
from omsdesk.ui.workers import run_in_pool


def kind_text(kind: str) -> str:
    translate = QCoreApplication.translate
    names = {
        "late": translate("exception", "Late"), "backorder": translate("exception", "Waiting for stock"),
        "quarantine": translate("exception", "Import refused"), "parked": translate("exception", "Not delivered"),
        "refund_due": translate("exception", "Refund due"), "unpaid_shipped": translate("exception", "Shipped unpaid"),
        "channel": translate("exception", "Channel in error"),
        "booking_failed": translate("exception", "Carrier booking failed"),
        "delivery_failed": translate("exception", "Delivery failed"),
        "below_zero": translate("exception", "Stock below zero"),
    }
    return names.get(kind, kind)


def action_text(action: str) -> str:
    translate = QCoreApplication.translate
    names = {
        "open": translate("exception", "Open order"), "allocate": translate("exception", "Allocate again"),
        "reimport": translate("exception", "Re-import"), "retry": translate("exception", "Send again"),
        "refund": translate("exception", "Open order to refund"), "test": translate("exception", "Open Sync"),
        "book": translate("exception", "Book again"), "count": translate("exception", "Open Inventory to count"),
    }
    return names.get(action, action)


def reason_text(item: ExceptionItem) -> str:
    """Why, in the UI's language; what another system said stays as it said it."""
    translate = QCoreApplication.translate
    if item.kind == "late":
        return translate("exception", "should have shipped by then; it is {status}").format(
            status=status_text(item.state).lower())
    if item.kind == "backorder":
        return translate("exception", "{n} unit(s) wait for stock").format(n=qty(item.units))
    if item.kind == "refund_due":
        return translate("exception", "{amount} paid for units cancelled or returned").format(
            amount=money(item.amount, item.currency))
    if item.kind == "unpaid_shipped":
        return translate("exception", "{amount} still due after shipping").format(
            amount=money(item.amount, item.currency))
    if item.kind == "channel":
        what = {"config": translate("exception", "its settings are wrong"),
                "auth": translate("exception", "the shop refuses its credentials"),
                "offline": translate("exception", "the shop does not answer")}.get(
            item.state, translate("exception", "{n} failed run(s)").format(n=item.units))
        return f"{what}: {item.detail}" if item.detail else what
    if item.kind == "quarantine":
        return f"{item.channel} {item.detail}".strip()
    if item.kind == "booking_failed":
        return translate("exception", "parcel {n}: {reason}").format(n=item.parcel, reason=item.detail)
    if item.kind == "delivery_failed":
        what = {"delivery_failed": translate("exception", "the carrier could not deliver it"),
                "returned_to_sender": translate("exception", "the carrier is sending it back"),
                }.get(item.state, translate("exception", "the carrier does not know it"))
        return translate("exception", "parcel {n}: {what} ({detail})").format(n=item.parcel, what=what,
                                                                             detail=item.detail)
    if item.kind == "below_zero":
        return translate("exception", "stock below zero after offline sale: {n} on hand").format(
            n=qty(item.units))
    return item.detail or item.reason


class ExceptionsView(QWidget):
    open_order = Signal(str)        # the clerk wants this order in the Orders view
    open_view = Signal(str)         # another view (Sync, for a channel)
    loaded = Signal(int)            # items shown
    acted = Signal(str, str)        # action, key: done

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[ExceptionItem] = []
        self.carrier_factory: Any = None  # tests point "Book again" at a local carrier server
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Every kind"), "")
        for k in KINDS:
            self.kind.addItem(kind_text(k), k)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.table = make_table([self.tr("Kind"), self.tr("About"), self.tr("Since"), self.tr("Reason"),
                                 self.tr("What to do")], stretch=3)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.act())
        self.table.itemSelectionChanged.connect(self._update_button)
        self.act_button = QPushButton(self.tr("Do it (Enter)"))
        self.act_button.setEnabled(False)
        self.act_button.clicked.connect(self.act)
        self.dismiss_button = QPushButton(self.tr("Dismiss with a note… (Ctrl+D)"))
        self.dismiss_button.setEnabled(False)
        self.dismiss_button.clicked.connect(self.ask_dismiss)
        dismiss_key = QShortcut(QKeySequence("Ctrl+D"), self)
        dismiss_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        dismiss_key.activated.connect(self.ask_dismiss)
        self.summary = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addStretch(1)
        bar.addWidget(self.dismiss_button)
        bar.addWidget(self.act_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        # It refreshes itself: on every change the app hears of, and once a minute for the clock (late).
        self._timer = QTimer(self)
        self._timer.setInterval(60_000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        for signal in (ctx.signals.orders_changed, ctx.signals.stock_changed, ctx.signals.invoices_changed):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        db, kind = self.ctx.db, str(self.kind.currentData() or "")

        def fetch() -> list[ExceptionItem]:
            with db.read() as s:
                return exceptions(s, kinds=(kind,) if kind else KINDS)

        run_in_pool(self.ctx.pool, fetch, self._on_loaded, self.summary.setText)

    def _on_loaded(self, items: list[ExceptionItem]) -> None:
        self.items = items
        fill_table(self.table, [(kind_text(i.kind), i.key, when(i.since), reason_text(i), action_text(i.action))
                                for i in items])
        counts: dict[str, int] = {}
        for i in items:
            counts[i.kind] = counts.get(i.kind, 0) + 1
        self.summary.setText(" · ".join(f"{kind_text(k)}: {n}" for k, n in counts.items())
                             or self.tr("Nothing needs you now"))
        self._update_button()
        self.loaded.emit(len(items))

    def _selected(self) -> ExceptionItem | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _update_button(self) -> None:
        item = self._selected()
        self.act_button.setEnabled(item is not None)
        self.dismiss_button.setEnabled(item is not None)
        if item is not None:
            self.act_button.setText(self.tr("{action} (Enter)").format(action=action_text(item.action)))

    def act(self) -> None:
        """The selected item's action, through the service that owns it."""
        item = self._selected()
        if item is None:
            return
        if item.action in ("open", "refund"):
            self.open_order.emit(item.key)
            return
        if item.action == "test":
            self.open_view.emit("sync")
            return
        if item.action == "count":
            self.open_view.emit("inventory")
            return
        db, actor, settings = self.ctx.db, self.ctx.actor, dict(self.ctx.settings)

        def work() -> Any:
            if item.action == "book":
                from omsdesk.carriers.booking import book_and_print
                from omsdesk.ui.print_dialogs import profile_for

                [outcome] = book_and_print(db, [item.parcel], actor=actor, printer=profile_for(settings, "label"),
                                           factory=self.carrier_factory).outcomes
                return outcome.error or f"{outcome.tracking} {outcome.printed}".strip()
            if item.action == "allocate":
                from omsdesk.services.fulfilment.allocation import allocate_order

                return allocate_order(db, item.key, actor=actor).message
            if item.action == "retry":
                from omsdesk.services.channels.erp import retry_failed_erp
                from omsdesk.sync.mail import retry_failed_mail
                from omsdesk.sync.outbox import OutboxDispatcher
                from omsdesk.sync.webhooks import retry_failed_webhooks

                ids = [int(item.key)]
                return (OutboxDispatcher(db).retry_parked(ids) + retry_failed_erp(db, ids)
                        + retry_failed_mail(db, ids) + retry_failed_webhooks(db, ids))
            from omsdesk.sync.importer import reimport_quarantined

            return reimport_quarantined(db, item.channel, ids=[int(item.key)], actor=actor).as_dict()

        def done(result: Any) -> None:
            self.ctx.signals.status_message.emit(
                self.tr("{action}: {key} · {result}").format(action=action_text(item.action), key=item.key,
                                                            result=result))
            self.ctx.signals.orders_changed.emit()
            self.acted.emit(item.action, item.key)
            self.refresh()

        run_in_pool(self.ctx.pool, work, done, self.summary.setText)

    def ask_dismiss(self) -> None:
        """Ask why the selected item needs nothing now, then dismiss it with that note."""
        item = self._selected()
        if item is None:
            return
        note, ok = QInputDialog.getText(
            self, self.tr("Dismiss"), self.tr("{what} {key}: why does it need nothing now? It comes back when its "
                                              "cause changes.").format(what=kind_text(item.kind), key=item.key))
        if ok:
            self.dismiss(item, note)

    def dismiss(self, item: ExceptionItem, note: str) -> None:
        """Dismiss through the service (stored and audited); the list reloads without it."""
        from omsdesk.services.exceptions_inbox import dismiss_exception

        db, actor = self.ctx.db, self.ctx.actor

        def done(_result: Any) -> None:
            self.ctx.signals.status_message.emit(self.tr("Dismissed: {key} · {note}").format(key=item.key, note=note))
            self.acted.emit("dismiss", item.key)
            self.refresh()

        run_in_pool(self.ctx.pool, lambda: dismiss_exception(db, item.key, note=note, actor=actor, kind=item.kind),
                    done, self.summary.setText)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self.act()
            return
        super().keyPressEvent(event)
