"""Invoices, their lines, tax breakdown, VERI*FACTU records, series, payments and company data."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from omsdesk.models.base import Base, utcnow
from omsdesk.models.errors import OmsError


class ImmutableInvoice(OmsError):
    """Someone tried to change or delete an issued invoice, its lines or its records."""


class InvoiceKind(StrEnum):
    ORDINARY = "ordinary"      # factura completa (F1, or F3 when it replaces simplified ones)
    SIMPLIFIED = "simplified"  # factura simplificada, the counter ticket (F2)
    RECTIFYING = "rectifying"  # factura rectificativa, our credit note (R1..R5)


# Invoice type keys of the AEAT (SuministroInformacion.xsd, ClaveTipoFacturaType).
INVOICE_TYPES = ("F1", "F2", "F3", "R1", "R2", "R3", "R4", "R5")

# Why a rectifying invoice is issued; the code is the AEAT invoice type of the credit note.
RECTIFICATION_REASONS: dict[str, str] = {
    "R1": "Error fundado en derecho y art. 80 Uno, Dos y Seis LIVA",
    "R2": "Art. 80 Tres LIVA (concurso de acreedores)",
    "R3": "Art. 80 Cuatro LIVA (créditos incobrables)",
    "R4": "Resto de causas (devolución, descuento, error)",
    "R5": "Rectificación de factura simplificada",
}


class CompanySettings(Base):
    """The one issuer of this installation: what every invoice prints and every record carries."""

    __tablename__ = "company_settings"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    name: Mapped[str] = mapped_column(String(120), default="")
    tax_id: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(16), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    province: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="ES")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    logo_path: Mapped[str] = mapped_column(String(400), default="")
    series_ordinary: Mapped[str] = mapped_column(String(8), default="F")
    series_simplified: Mapped[str] = mapped_column(String(8), default="T")
    series_rectifying: Mapped[str] = mapped_column(String(8), default="R")
    payment_days: Mapped[int] = mapped_column(Integer, default=30)
    # 400 EUR in general, 3,000 EUR for retail and the other activities of RD 1619/2012 art. 4.1.
    simplified_limit: Mapped[int] = mapped_column(Integer, default=40000)
    verifactu_environment: Mapped[str] = mapped_column(String(12), default="test")
    time_zone: Mapped[str] = mapped_column(String(40), default="Europe/Madrid")
    installation_id: Mapped[str] = mapped_column(String(100), default="")
    # Submission to the AEAT (VERI*FACTU): the PKCS#12 client certificate (its password lives
    # in the keyring only) and the NIF of whoever presents the records (the certificate's holder).
    aeat_certificate_path: Mapped[str] = mapped_column(String(400), default="")
    aeat_presenter_nif: Mapped[str] = mapped_column(String(32), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class InvoiceSeries(Base):
    """Last number used in one series and year; locked while an invoice takes the next one."""

    __tablename__ = "invoice_series"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class InvoiceChain(Base):
    """Head of one issuer's record chain: the row every record writer locks first."""

    __tablename__ = "invoice_chains"

    issuer_tax_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    records: Mapped[int] = mapped_column(Integer, default=0)


class Invoice(Base):
    """An issued invoice. Never updated or deleted: a correction is a credit note."""

    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("series", "year", "seq", name="uq_invoices_series_year_seq"),
        Index("ix_invoices_issue", "issue_date", "id"),
        Index("ix_invoices_order", "order_id"),
        Index("ix_invoices_corrects", "corrects_id"),
        CheckConstraint("seq > 0", name="seq_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    series: Mapped[str] = mapped_column(String(8))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    invoice_type: Mapped[str] = mapped_column(String(2))
    issue_date: Mapped[date] = mapped_column()
    operation_date: Mapped[date | None] = mapped_column()
    due_date: Mapped[date] = mapped_column()
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"), unique=True)
    currency: Mapped[str] = mapped_column(String(3))
    # Euros per one unit of `currency`, as a decimal string ("1" for EUR).
    exchange_rate: Mapped[str] = mapped_column(String(24), default="1")
    issuer_name: Mapped[str] = mapped_column(String(120))
    issuer_tax_id: Mapped[str] = mapped_column(String(32))
    issuer_address: Mapped[str] = mapped_column(Text, default="")
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    customer_name: Mapped[str] = mapped_column(String(200), default="")
    customer_tax_id: Mapped[str] = mapped_column(String(32), default="")
    customer_address: Mapped[str] = mapped_column(Text, default="")
    customer_country: Mapped[str] = mapped_column(String(2), default="ES")
    # AEAT list L7 type of customer_tax_id when it is a foreign id (IDOtro); '' for NIF/VAT.
    customer_id_type: Mapped[str] = mapped_column(String(2), default="", server_default="")
    language: Mapped[str] = mapped_column(String(2), default="es")
    total_net: Mapped[int] = mapped_column(Integer)
    total_tax: Mapped[int] = mapped_column(Integer)
    total_recargo: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer)
    # The invoice this one corrects (credit note) or the simplified one it replaces (F3).
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    correction_reason: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(String(500), default="")
    user: Mapped[str] = mapped_column(String(64), default="")
    workstation: Mapped[str] = mapped_column(String(64), default="")

    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="invoice", order_by="InvoiceLine.line_no", passive_deletes="all"
    )
    taxes: Mapped[list[InvoiceTax]] = relationship(
        back_populates="invoice", order_by="InvoiceTax.id", passive_deletes="all"
    )


class InvoiceLine(Base):
    """One line as invoiced; a credit note's lines carry negative quantities and amounts."""

    __tablename__ = "invoice_lines"
    __table_args__ = (
        UniqueConstraint("invoice_id", "line_no", name="uq_invoice_lines_invoice_line"),
        CheckConstraint("qty <> 0", name="qty_not_zero"),
        CheckConstraint("net + tax + recargo = total", name="amounts_add_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_lines.id"), index=True)
    # For a credit note line: the invoice line it reverses.
    credited_line_id: Mapped[int | None] = mapped_column(ForeignKey("invoice_lines.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    qty: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    discount: Mapped[int] = mapped_column(Integer, default=0)
    prices_include_tax: Mapped[bool] = mapped_column(default=True)
    tax_rate_bp: Mapped[int] = mapped_column(Integer)
    # AEAT exemption key E1..E6 when the line is exempt; the rate is then 0.
    exemption: Mapped[str | None] = mapped_column(String(2))
    recargo_rate_bp: Mapped[int] = mapped_column(Integer, default=0)
    net: Mapped[int] = mapped_column(Integer)
    tax: Mapped[int] = mapped_column(Integer)
    recargo: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer)

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class InvoiceTax(Base):
    """Taxable base and VAT of one rate (and recargo) on one invoice: the printed breakdown."""

    __tablename__ = "invoice_taxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    rate_bp: Mapped[int] = mapped_column(Integer)
    exemption: Mapped[str | None] = mapped_column(String(2))
    recargo_rate_bp: Mapped[int] = mapped_column(Integer, default=0)
    base: Mapped[int] = mapped_column(Integer)
    tax: Mapped[int] = mapped_column(Integer)
    recargo: Mapped[int] = mapped_column(Integer, default=0)

    invoice: Mapped[Invoice] = relationship(back_populates="taxes")


class InvoiceRecord(Base):
    """A VERI*FACTU invoice record (registro de alta or anulación) chained by its fingerprint.

    The hashed fields are kept exactly as the text that was hashed, so the chain can be
    recomputed from the stored row alone.
    """

    __tablename__ = "invoice_records"
    __table_args__ = (Index("ix_invoice_records_issuer", "issuer_tax_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer_tax_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(10))  # 'alta' or 'anulacion'
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    num_serie: Mapped[str] = mapped_column(String(60))
    issue_date: Mapped[str] = mapped_column(String(10))  # dd-mm-yyyy
    invoice_type: Mapped[str] = mapped_column(String(2), default="")
    cuota_total: Mapped[str] = mapped_column(String(20), default="")
    importe_total: Mapped[str] = mapped_column(String(20), default="")
    previous_hash: Mapped[str] = mapped_column(String(64), default="")
    generated_at: Mapped[str] = mapped_column(String(32))  # ISO 8601 with offset
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # SistemaInformatico as written, so the XML can be rebuilt after a software upgrade.
    software_version: Mapped[str] = mapped_column(String(50))
    installation: Mapped[str] = mapped_column(String(100))
    # TipoUsoPosibleSoloVerifactu as written ('N' before omsdesk declared VERI*FACTU-only use).
    solo_verifactu: Mapped[str] = mapped_column(String(1), default="S")
    # The producer named in SistemaInformatico ('' on records written before omsdesk named its
    # own producer: those named the issuer).
    producer_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    producer_tax_id: Mapped[str] = mapped_column(String(32), default="", server_default="")
    # A record that corrects an earlier one of the same invoice (servicio web §8.1.2, §8.1.3,
    # §8.2.2): Subsanacion 'S' and RechazoPrevio 'X' (alta) or 'S' (anulación); '' when absent.
    subsanacion: Mapped[str] = mapped_column(String(1), default="")
    rechazo_previo: Mapped[str] = mapped_column(String(1), default="")
    xml: Mapped[str] = mapped_column(Text)


class InvoicePayment(Base):
    """Money received against one invoice (order payments count too, see queries.invoices)."""

    __tablename__ = "invoice_payments"
    __table_args__ = (CheckConstraint("amount <> 0", name="amount_not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    amount: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(20), default="transfer")
    reference: Mapped[str] = mapped_column(String(100), default="")
    paid_at: Mapped[datetime] = mapped_column(default=utcnow)
    user: Mapped[str] = mapped_column(String(64), default="")


# The database triggers of migration 0200 refuse the same; this says it earlier, in words.
_APPEND_ONLY = (Invoice, InvoiceLine, InvoiceTax, InvoiceRecord, InvoicePayment)


def _refuse(what: str) -> Any:
    def listener(_mapper: Any, _conn: Any, target: Any) -> None:
        # SQLAlchemy also calls before_update for rows whose collections alone changed.
        session = object_session(target)
        if what == "change" and session is not None and not session.is_modified(
                target, include_collections=False):
            return
        name = getattr(target, "number", None) or getattr(target, "num_serie", None) or ""
        label = f"{type(target).__name__} {name}".strip()
        raise ImmutableInvoice(
            f"cannot {what} {label}: issued invoices and their records are immutable; "
            "issue a credit note instead"
        )
    return listener


for _cls in _APPEND_ONLY:
    event.listen(_cls, "before_update", _refuse("change"))
    event.listen(_cls, "before_delete", _refuse("delete"))
