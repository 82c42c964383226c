"""One order in full: header, customer, lines with stock, payments, shipments, invoices, audit."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from omsdesk.models.roles import order_action_permission
from omsdesk.models.workflow import NEEDS_REASON
from omsdesk.queries.customers import OrderInvoice, order_invoices
from omsdesk.queries.order_detail import OrderDetail, order_detail
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import day, money, when
from omsdesk.ui.money_fields import method_text
from omsdesk.ui.order_actions import ACTIONS, action_text, run_order_action
from omsdesk.ui.order_queue_model import parcel_status_text, status_text
from omsdesk.ui.sign_in import needs_permission_tip
from omsdesk.ui.workers import run_in_pool


def tracking_link(carrier: str, tracking: str) -> str:
    """A link a clerk can click to follow a parcel; a generic search when the carrier is unknown."""
    if not tracking:
        return ""
    known = {
        "correos": "https://www.correos.es/es/es/herramientas/localizador/envios/detalle?tracking-number={t}",
        "seur": "https://www.seur.com/livetracking/?segOnlineIdentificador={t}",
        "mrw": "https://www.mrw.es/seguimiento_envios/MRW_resultados_consultas.asp?num={t}",
        "gls": "https://gls-group.com/ES/es/seguimiento-envios?match={t}",
        "dhl": "https://www.dhl.com/es-es/home/tracking.html?tracking-id={t}",
        "ups": "https://www.ups.com/track?tracknum={t}",
    }
    template = known.get(carrier.strip().lower(), "https://www.google.com/search?q={t}")
    url = template.format(t=quote(tracking))
    return f'<a href="{url}">{tracking}</a>'


class OrderDetailView(QWidget):
    """Shows one order; its action buttons are enabled exactly as the workflow allows."""

    action_done = Signal(str, str)   # reference, action
    loaded = Signal(str)             # reference
    printed = Signal(object)  # a Delivery: a label or slip sent to a printer or saved

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reference: str | None = None
        self.detail: OrderDetail | None = None
        self.invoices: list[OrderInvoice] = []
        self._busy = False

        self.title = QLabel(self.tr("No order selected"))
        self.title.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.title.setWordWrap(True)  # "SO-2026-004997 · Enviado en parte (retenido desde …)" is long
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.buttons: dict[str, QPushButton] = {}
        for action in ACTIONS:
            button = QPushButton(action_text(action))
            button.setObjectName(f"action_{action}")
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, a=action: self.run_action(a))
            self.buttons[action] = button
        ctx.signals.user_changed.connect(self._enable_actions)
        actions = self._actions_grid = QGridLayout()
        actions.setSpacing(4)
        self._action_columns = 0
        self._lay_out_actions(4)

        self.customer = QLabel()
        self.customer.setWordWrap(True)
        self.customer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address = QLabel()
        self.address.setWordWrap(True)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(self.tr("Edit address and notes…"))
        self.edit_button.setObjectName("edit_order")
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_order)
        ship_to = QWidget()
        ship_to_box = QVBoxLayout(ship_to)
        ship_to_box.setContentsMargins(0, 0, 0, 0)
        ship_to_box.addWidget(self.address)
        ship_to_box.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)
        people = QHBoxLayout()
        people.addWidget(self._group(self.tr("Customer"), self.customer))
        people.addWidget(self._group(self.tr("Ship to"), ship_to))

        # Two-line cells (SKU over name, one warehouse per line) keep the panel narrow.
        self.lines = self._table([self.tr("Item"), self.tr("Qty"), self.tr("Total"), self.tr("Reserved"),
                                  self.tr("Available")])
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.horizontalHeader().setStretchLastSection(False)
        self.payments = self._table([self.tr("Paid at"), self.tr("Method"), self.tr("Reference"), self.tr("Amount")])
        self.shipments = QLabel()
        self.shipments.setOpenExternalLinks(True)
        self.shipments.setWordWrap(True)
        self.invoice_list = QLabel()
        self.invoice_list.setWordWrap(True)
        self.invoice_button = QPushButton(self.tr("Issue invoice"))
        self.invoice_button.setObjectName("issue_invoice")
        self.invoice_button.setEnabled(False)
        self.invoice_button.clicked.connect(self.issue_invoice)
        # Buttons under their text, not beside it: the panel is narrow at 1280 px and must not
        # grow wider than its column (it would cut off its right edge).
        invoices_box = QWidget()
        invoices_row = QVBoxLayout(invoices_box)
        invoices_row.setContentsMargins(0, 0, 0, 0)
        invoices_row.addWidget(self.invoice_list)
        invoices_row.addWidget(self.invoice_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.audit = self._table([self.tr("When"), self.tr("User"), self.tr("Workstation"), self.tr("Action"),
                                  self.tr("From"), self.tr("To"), self.tr("Reason")])
        self.notes = QLabel()
        self.notes.setWordWrap(True)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addLayout(people)
        layout.addWidget(self._group(self.tr("Lines"), self.lines))
        layout.addWidget(self._group(self.tr("Payments"), self.payments))
        self.label_button = QPushButton(self.tr("Print label"))
        self.label_button.setObjectName("print_label")
        self.label_button.clicked.connect(self.print_label)
        self.cancel_label_button = QPushButton(self.tr("Cancel label…"))
        self.cancel_label_button.setObjectName("cancel_label")
        self.cancel_label_button.setToolTip(self.tr("Void the carrier label of a packed parcel not handed over yet; "
                                                    "the parcel stays packed, ready to book again"))
        self.cancel_label_button.setEnabled(False)
        self.cancel_label_button.clicked.connect(self.cancel_label)
        self.carrier_factory: Any = None  # tests point the carrier calls at a local server
        self.slip_button = QPushButton(self.tr("Print packing slip"))
        self.slip_button.setObjectName("print_slip")
        self.slip_button.clicked.connect(self.print_slip)
        shipments_row = QWidget()
        shipments_box = QVBoxLayout(shipments_row)
        shipments_box.setContentsMargins(0, 0, 0, 0)
        shipments_box.addWidget(self.shipments)
        print_row = QHBoxLayout()
        print_row.addWidget(self.slip_button)
        print_row.addWidget(self.label_button)
        print_row.addStretch(1)
        shipments_box.addLayout(print_row)
        # Its own line: a third button beside the two would widen the panel past its column at 1280 px.
        shipments_box.addWidget(self.cancel_label_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self._group(self.tr("Shipments"), shipments_row))
        layout.addWidget(self._group(self.tr("Invoices"), invoices_box))
        layout.addWidget(self._group(self.tr("Notes"), self.notes))
        layout.addWidget(self._group(self.tr("History"), self.audit))
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _lay_out_actions(self, columns: int) -> None:
        """The action buttons in as many columns as the panel's width holds (1280 px: two or three)."""
        if columns == self._action_columns:
            return
        self._action_columns = columns
        for button in self.buttons.values():
            self._actions_grid.removeWidget(button)
        for i, action in enumerate(ACTIONS):
            self._actions_grid.addWidget(self.buttons[action], i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        widest = max(b.sizeHint().width() for b in self.buttons.values()) + 6
        room = event.size().width() - 40  # the scroll bar and the margins
        self._lay_out_actions(max(1, min(4, room // max(widest, 1))))

    @staticmethod
    def _group(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(widget)
        return box

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        return table

    # -- loading --------------------------------------------------------------------------

    def show_order(self, reference: str | None) -> None:
        self.reference = reference
        if reference is None:
            # Nothing of the previous order stays on screen, so no button can act on it.
            self.detail = None
            self.title.setText(self.tr("No order selected"))
            for b in self.buttons.values():
                b.setEnabled(False)
            self.invoice_button.setEnabled(False)
            self.label_button.setEnabled(False)
            self.cancel_label_button.setEnabled(False)
            self.slip_button.setEnabled(False)
            for label in (self.summary, self.customer, self.address, self.shipments, self.invoice_list, self.notes):
                label.clear()
            for table in (self.lines, self.payments, self.audit):
                table.setRowCount(0)
            return
        db = self.ctx.db

        def fetch() -> tuple[OrderDetail, list[OrderInvoice]]:
            with db.read() as s:
                d = order_detail(s, reference)
                return d, order_invoices(s, d.id)

        run_in_pool(self.ctx.pool, fetch, self._on_loaded, self._on_failed)

    def reload(self) -> None:
        if self.reference:
            self.show_order(self.reference)

    def _on_failed(self, message: str) -> None:
        self.ctx.signals.status_message.emit(message)

    def _on_loaded(self, result: tuple[OrderDetail, list[OrderInvoice]]) -> None:
        d, invoices = result
        if d.reference != self.reference:
            return  # the clerk moved on to another order meanwhile
        self.detail, self.invoices = d, invoices
        held = self.tr(" (held from {status})").format(status=status_text(d.held_from)) if d.held_from else ""
        self.title.setText(f"{d.reference} · {status_text(d.status)}{held}")
        self.summary.setText(self.tr(
            "Channel {channel} {ext} · placed {placed} · ship by {ship_by} · warehouse {wh}\n"
            "Subtotal {sub} · tax {tax} · total {total} · paid {paid} · balance due {due}{refund}").format(
            channel=d.channel, ext=f"({d.external_id})" if d.external_id else "", placed=when(d.placed_at),
            ship_by=when(d.ship_by) or "-", wh=d.warehouse or "-", sub=money(d.subtotal, d.currency),
            tax=money(d.tax_total, d.currency), total=money(d.total, d.currency),
            paid=money(d.paid_amount, d.currency), due=money(d.balance_due, d.currency),
            refund=self._refund_text(d)))
        self._enable_actions()
        self.customer.setText(f"{d.customer_name}\n{d.customer_email}")
        st = d.ship_to
        self.address.setText("\n".join(x for x in (
            st.get("name", ""), st.get("line1", ""), st.get("line2", ""),
            f"{st.get('postcode', '')} {st.get('city', '')}".strip(),
            f"{st.get('province', '')} {st.get('country', '')}".strip()) if x))
        self._fill(self.lines, [
            [f"{ln.sku}\n{ln.name}", str(ln.qty), money(ln.total, d.currency), str(ln.qty_reserved),
             "\n".join(f"{wh} {n}" for wh, n in ln.available_by_warehouse.items())]
            for ln in d.lines])
        self._fill(self.payments, [[when(p.paid_at), method_text(p.method), p.reference, money(p.amount, d.currency)]
                                   for p in d.payments])
        self.shipments.setText("<br>".join(
            f"#{sh.id} {sh.warehouse} · {sh.carrier or '-'} {tracking_link(sh.carrier, sh.tracking)} · "
            f"{self.tr('shipped')} {when(sh.shipped_at)}"
            + (f" · {self.tr('delivered')} {when(sh.delivered_at)}" if sh.delivered_at else "")
            + " · " + ", ".join(f"{sku}×{q}" for sku, q in sh.lines.items())
            for sh in d.shipments) + "".join(
            "<br>" + self.tr("Parcel {id} from {wh}, {status}: {lines}").format(
                id=p.id or "-", wh=p.warehouse, status=parcel_status_text(p.status),
                lines=", ".join(f"{sku}×{q}" for sku, q in p.lines.items()))
            for p in d.open_parcels) or self.tr("Not shipped yet"))
        from omsdesk.ui.invoices_view import kind_text

        self.invoice_list.setText("\n".join(
            f"{inv.number} · {kind_text(inv.kind)} · {day(inv.issue_date)} · {money(inv.total, inv.currency)}"
            for inv in invoices) or self.tr("No invoice"))
        # The invoicing service decides what is still to invoice; the button only hides the
        # obviously pointless cases (nothing sold yet, or cancelled).
        self.invoice_button.setEnabled(not self._busy and d.status not in ("new", "cancelled"))
        self.label_button.setEnabled(any(sh.tracking for sh in d.shipments))
        self.cancel_label_button.setEnabled(not self._busy and bool(d.cancellable_labels))
        self.slip_button.setEnabled(bool(d.shipments or d.open_parcels))
        self.notes.setText(d.notes or self.tr("No notes"))
        self.edit_button.setEnabled(not self._busy)
        self._fill(self.audit, [[when(a.at), a.user, a.workstation, a.action, status_text(a.from_status or ""),
                                 status_text(a.to_status or ""), a.reason] for a in d.audit])
        self.loaded.emit(d.reference)

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)
        # Show every row without an inner scroll bar: the whole panel scrolls instead.
        table.resizeRowsToContents()
        height = (table.horizontalHeader().sizeHint().height() + table.verticalHeader().length()
                  + 2 * table.frameWidth())
        table.setFixedHeight(max(height, 48))

    # -- actions --------------------------------------------------------------------------

    def _refund_text(self, d: OrderDetail) -> str:
        parts = []
        if d.refunded_amount:
            parts.append(self.tr("refunded {amount}").format(amount=money(d.refunded_amount, d.currency)))
        if d.refund_due:
            parts.append(self.tr("refund due {amount}").format(amount=money(d.refund_due, d.currency)))
        return "".join(f" · {p}" for p in parts)

    def refund(self) -> None:
        """Ask amount, method and reference, then record the refund in a worker."""
        from omsdesk.services.fulfilment.refunds import refund_order
        from omsdesk.ui.refund_dialog import RefundDialog

        d = self.detail
        if d is None or self._busy:
            return
        dialog = RefundDialog(d.reference, d.refund_due, d.paid_amount - d.refunded_amount, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        amount, method = dialog.amount_minor(), str(dialog.method.currentData())
        ref_text, reason = dialog.ref.text(), dialog.reason.text()
        ref, ctx = d.reference, self.ctx
        self._set_busy(True)
        run_in_pool(ctx.pool, lambda: refund_order(ctx.db, ref, actor=ctx.actor, amount=amount, method=method,
                                                   refund_ref=ref_text, reason=reason),
                    lambda _r: self._on_action_done(ref, "refund"), self._on_action_failed)

    def record_return(self) -> None:
        """Ask parcel, units, disposition and reason, then record the RMA in a worker."""
        from omsdesk.services.fulfilment.returns import return_order
        from omsdesk.ui.return_dialog import ReturnDialog

        d = self.detail
        if d is None or self._busy:
            return
        dialog = ReturnDialog(d, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        quantities, dispositions = dialog.quantities(), dialog.dispositions()
        shipment, reason = dialog.shipment_id(), dialog.reason.text()
        if not quantities:
            self.ctx.signals.status_message.emit(self.tr("Nothing to return: every quantity is 0"))
            return
        ref, ctx = d.reference, self.ctx
        self._set_busy(True)
        run_in_pool(ctx.pool, lambda: return_order(ctx.db, ref, actor=ctx.actor, reason=reason,
                                                   quantities=quantities, dispositions=dispositions,
                                                   shipment_id=shipment),
                    lambda result: self._on_returned(ref, result), self._on_action_failed)

    def record_payment(self) -> None:
        """Ask amount, method, reference and day, then record the payment in a worker."""
        from omsdesk.services.fulfilment.orders import pay_order
        from omsdesk.ui.payment_dialog import PaymentDialog

        d = self.detail
        if d is None or self._busy:
            return
        ref, ctx = d.reference, self.ctx
        if d.balance_due == 0:
            # Nothing to collect (a free replacement): the order only moves on to paid.
            self._set_busy(True)
            run_in_pool(ctx.pool, lambda: pay_order(ctx.db, ref, actor=ctx.actor),
                        lambda _r: self._on_action_done(ref, "pay"), self._on_action_failed)
            return
        dialog = PaymentDialog(d.reference, d.balance_due, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        amount, method = dialog.amount_minor(), str(dialog.method.currentData())
        pay_ref, paid_at = dialog.ref.text(), dialog.paid_at()
        self._set_busy(True)
        run_in_pool(ctx.pool, lambda: pay_order(ctx.db, ref, actor=ctx.actor, amount=amount, method=method,
                                                payment_ref=pay_ref, paid_at=paid_at),
                    lambda _r: self._on_action_done(ref, "pay"), self._on_action_failed)

    def print_label(self) -> None:
        """The label of the latest parcel with a tracking number, to this workstation's label printer."""
        from omsdesk.ui.reprints import print_label

        if self.detail is None:
            return
        ref, ctx = self.detail.reference, self.ctx
        run_in_pool(ctx.pool, lambda: print_label(ctx.db, dict(ctx.settings), ref), self._printed,
                    self._on_print_failed)

    def cancel_label(self) -> None:
        """Ask, then have the carrier void the label of the packed parcel (the first one that may go), in a worker."""
        from omsdesk.carriers.cancel import cancel_label
        from omsdesk.ui import confirm

        d = self.detail
        if d is None or self._busy or not d.cancellable_labels:
            return
        parcel = d.cancellable_labels[0]
        if not confirm.confirm(self, self.tr("Cancel label"), self.tr(
                "Cancel the carrier label of parcel {parcel} of {ref}? The carrier voids it and the parcel stays "
                "packed, to be booked again.").format(parcel=parcel, ref=d.reference)):
            return
        ref, ctx, factory = d.reference, self.ctx, self.carrier_factory
        self._set_busy(True)
        run_in_pool(ctx.pool, lambda: cancel_label(ctx.db, ref, actor=ctx.actor, parcel=parcel, factory=factory),
                    lambda _r: self._on_action_done(ref, "cancel-label"), self._on_action_failed)

    def print_slip(self) -> None:
        """The packing slip of the latest parcel (or of the open one), to the slip printer."""
        from omsdesk.ui.reprints import print_packing_slip

        d = self.detail
        if d is None:
            return
        parcel = d.shipments[-1].id if d.shipments else (d.open_parcels[0].id if d.open_parcels else None)
        ref, ctx = d.reference, self.ctx
        run_in_pool(ctx.pool, lambda: print_packing_slip(ctx.db, dict(ctx.settings), ref, parcel), self._printed,
                    self._on_print_failed)

    def _printed(self, delivery: object) -> None:
        from omsdesk.ui.print_dialogs import Delivery, describe

        if isinstance(delivery, Delivery):
            self.ctx.signals.status_message.emit(describe(delivery))
            if delivery.failed:
                QMessageBox.warning(self, self.tr("Not printed"), describe(delivery))
            self.printed.emit(delivery)

    def _on_print_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Not printed"), message)

    def ship(self) -> None:
        """Ask which packed parcel, the carrier and the tracking number, then ship it in a worker."""
        from omsdesk.services.fulfilment.shipping import ship_order
        from omsdesk.ui.ship_dialog import ShipDialog

        d = self.detail
        if d is None or self._busy:
            return
        dialog = ShipDialog(d, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        shipment, carrier, tracking = dialog.shipment_id(), dialog.carrier_name(), dialog.tracking_number()
        packages, weight = dialog.packages.value(), dialog.weight_grams()
        ref, ctx = d.reference, self.ctx
        self._set_busy(True)
        run_in_pool(ctx.pool, lambda: ship_order(ctx.db, ref, actor=ctx.actor, carrier=carrier, tracking=tracking,
                                                 shipment=shipment, packages=packages, weight_g=weight),
                    lambda _r: self._on_action_done(ref, "ship"), self._on_action_failed)

    def edit_order(self) -> None:
        """Change the ship-to address and notes of the shown order, in a worker."""
        from omsdesk.services.fulfilment.order_edit import edit_order
        from omsdesk.ui.order_edit_dialog import OrderEditDialog

        d = self.detail
        if d is None or self._busy:
            return
        dialog = OrderEditDialog(d, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        change = dialog.change()
        if change is None:
            self.ctx.signals.status_message.emit(self.tr("Nothing changed on {ref}").format(ref=d.reference))
            return
        ref, ctx = d.reference, self.ctx
        self._set_busy(True)
        run_in_pool(ctx.pool, lambda: edit_order(ctx.db, ref, change, actor=ctx.actor),
                    lambda _r: self._on_action_done(ref, "edit"), self._on_action_failed)

    def _on_returned(self, reference: str, result: object) -> None:
        credit = getattr(result, "credit_note", "")
        self._on_action_done(reference, "return")
        self.ctx.signals.status_message.emit(
            self.tr("Return {rma} recorded").format(rma=getattr(result, "rma", ""))
            + (" · " + self.tr("credit note to issue: {command}").format(command=credit) if credit else ""))

    def run_action(self, action: str, reason: str | None = None) -> None:
        """Apply an action to the shown order in a worker; asks for a reason where the audit needs one."""
        if self.detail is None or action not in self.detail.allowed_actions or self._busy:
            return
        if action == "refund":
            self.refund()
            return
        if action == "return":
            self.record_return()
            return
        if action == "ship":
            self.ship()
            return
        if action == "pay":
            self.record_payment()
            return
        if reason is None:
            reason = ""
            if action in NEEDS_REASON:
                text, ok = QInputDialog.getText(self, action_text(action),
                                                self.tr("Reason for {ref}:").format(ref=self.detail.reference))
                if not ok:
                    return
                reason = text
        ref, ctx = self.detail.reference, self.ctx
        self._set_busy(True)
        run_in_pool(ctx.pool, lambda: run_order_action(ctx.db, action, ref, ctx.actor, reason),
                    lambda _r: self._on_action_done(ref, action), self._on_action_failed)

    def issue_invoice(self) -> None:
        """Issue an ordinary invoice for what of the shown order is not invoiced yet."""
        if self.detail is None or self._busy:
            return
        from omsdesk.services.invoicing.issue import issue_invoice
        from omsdesk.ui import confirm

        ref, ctx = self.detail.reference, self.ctx
        if not confirm.confirm(self, self.tr("Issue invoice"), self.tr(
                "Issue the invoice for {ref}? An issued invoice is numbered and sent to the tax agency; "
                "it can only be corrected with a credit note.").format(ref=ref)):
            return
        self._set_busy(True)
        run_in_pool(ctx.pool, lambda: issue_invoice(ctx.db, ref, actor=ctx.actor),
                    lambda result: self._on_invoice_issued(ref, result), self._on_action_failed)

    def _on_invoice_issued(self, reference: str, result: object) -> None:
        self._set_busy(False)
        number = getattr(result, "number", "")
        self.ctx.signals.invoices_changed.emit()
        self.ctx.signals.status_message.emit(
            self.tr("Invoice {number} issued for {ref}").format(number=number, ref=reference))
        self.action_done.emit(reference, "invoice")
        self.reload()

    def _enable_actions(self) -> None:
        """What the workflow allows and the signed-in role holds (the same tables the services use)."""
        d = self.detail
        allowed = set(d.allowed_actions) if d else set()
        for action, button in self.buttons.items():
            needed = order_action_permission(action, d.paid_amount - d.refunded_amount) if d else None
            lacking = needed is not None and not self.ctx.allows(needed.value)
            button.setEnabled(action in allowed and not self._busy and not lacking)
            button.setToolTip(needs_permission_tip(needed) if lacking and needed is not None else "")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._enable_actions()
        self.invoice_button.setEnabled(not busy and self.detail is not None
                                       and self.detail.status not in ("new", "cancelled"))
        self.edit_button.setEnabled(not busy and self.detail is not None)
        self.cancel_label_button.setEnabled(not busy and self.detail is not None
                                            and bool(self.detail.cancellable_labels))

    def _on_action_done(self, reference: str, action: str) -> None:
        self._set_busy(False)
        self.ctx.signals.order_changed.emit(reference)
        self.ctx.signals.orders_changed.emit()
        if action in ("allocate", "ship", "cancel", "return", "cancel-rest"):
            self.ctx.signals.stock_changed.emit()
        self.ctx.signals.status_message.emit(
            self.tr("{action}: {ref} done").format(action=action_text(action), ref=reference))
        self.action_done.emit(reference, action)
        self.reload()

    def _on_action_failed(self, message: str) -> None:
        self._set_busy(False)
        QMessageBox.warning(self, self.tr("Action refused"), message)
        self.reload()
