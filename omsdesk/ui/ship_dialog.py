"""Dialog for shipping: which packed parcel, the carrier, and its tracking number (typed or scanned)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from omsdesk.queries.order_detail import OrderDetail

# Carriers Spanish shops ship with most; any other name can be typed.
CARRIERS = ("Correos", "Correos Express", "SEUR", "GLS", "MRW", "Nacex", "DHL", "UPS", "CTT Express")


class ShipDialog(QDialog):
    """One packed parcel (or all of them, without a tracking number), carrier and tracking."""

    def __init__(self, detail: OrderDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ship {ref}").format(ref=detail.reference))
        packed = [p for p in detail.open_parcels if p.status == "packed" and p.id is not None]
        self.parcel = QComboBox()
        self.parcel.setObjectName("ship_parcel")
        for p in packed:
            units = ", ".join(f"{sku}×{q}" for sku, q in p.lines.items())
            self.parcel.addItem(self.tr("Parcel {id} from {wh}: {units}").format(id=p.id, wh=p.warehouse,
                                                                              units=units), p.id)
        if len(packed) != 1:
            # Several parcels may leave together only without a tracking number (one per parcel);
            # none packed: services only, or the service explains what is missing.
            self.parcel.insertItem(0, self.tr("Every packed parcel"), None)
            self.parcel.setCurrentIndex(0 if not packed else 1)
        self.carrier = QComboBox()
        self.carrier.setObjectName("ship_carrier")
        self.carrier.setEditable(True)
        self.carrier.addItems(["", *CARRIERS])
        self.tracking = QLineEdit()
        self.tracking.setObjectName("ship_tracking")
        self.tracking.setPlaceholderText(self.tr("Scan or type the carrier's number"))
        self.packages = QSpinBox()
        self.packages.setObjectName("ship_packages")
        self.packages.setRange(1, 99)
        self.weight = QDoubleSpinBox()
        self.weight.setObjectName("ship_weight")
        self.weight.setDecimals(3)
        self.weight.setRange(0, 1000)
        self.weight.setSuffix(" kg")
        self.weight.setSpecialValueText(self.tr("from the products"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Parcel"), self.parcel)
        form.addRow(self.tr("Carrier"), self.carrier)
        form.addRow(self.tr("Tracking number"), self.tracking)
        form.addRow(self.tr("Packages"), self.packages)
        form.addRow(self.tr("Weight"), self.weight)
        form.addRow(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Ship"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._several = len(packed) > 1
        self.parcel.currentIndexChanged.connect(self._update)
        self._update()
        # The scanner types where the focus is: straight into the tracking field.
        self.tracking.setFocus()

    def _update(self) -> None:
        all_of_them = self.shipment_id() is None and self._several
        for field in (self.tracking, self.packages, self.weight):
            field.setEnabled(not all_of_them)
        if all_of_them:
            self.tracking.clear()
            self.packages.setValue(1)
            self.weight.setValue(0)
        self.hint.setText(self.tr("A tracking number, packages and weight belong to one parcel: choose the parcel to enter them.")
                          if all_of_them else "")

    def shipment_id(self) -> int | None:
        value = self.parcel.currentData()
        return int(value) if value is not None else None

    def carrier_name(self) -> str:
        return self.carrier.currentText().strip()

    def tracking_number(self) -> str:
        return self.tracking.text().strip()

    def weight_grams(self) -> int | None:
        """None (0 shown as 'from the products') or whole grams."""
        grams = round(self.weight.value() * 1000)
        return grams or None
