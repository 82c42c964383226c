"""What each document prints: frozen values built by services, read by the templates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

Language = Literal["es", "en"]
InvoiceKind = Literal["invoice", "simplified", "credit_note"]
SlipPageSize = Literal["A4", "A5"]

LANGUAGES: tuple[Language, ...] = ("es", "en")
INVOICE_KINDS: tuple[InvoiceKind, ...] = ("invoice", "simplified", "credit_note")


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"document language must be one of {LANGUAGES}, not {language!r}")


@dataclass(frozen=True)
class Party:
    """A company or person as printed on a document (issuer, customer, ship-to, sender)."""

    name: str
    tax_id: str = ""
    address_lines: tuple[str, ...] = ()
    country: str = ""
    email: str = ""
    phone: str = ""
    # Which texts.py label names tax_id: "tax_id" (NIF), "vat_id" (EU VAT number) or "id_03".."id_06"
    # for a foreign document (passport, id of the country of residence...).
    tax_id_kind: str = "tax_id"


@dataclass(frozen=True)
class DocLine:
    """One line of goods; money in minor units, rates in basis points (2100 = 21 %)."""

    sku: str
    name: str
    qty: int
    ean: str = ""
    bin: str = ""
    unit_price: int = 0
    discount_bp: int = 0
    tax_rate_bp: int = 0
    net: int = 0
    tax: int = 0
    total: int = 0


@dataclass(frozen=True)
class TaxBreakdown:
    """Taxable base and VAT of one rate; recargo de equivalencia when it applies."""

    rate_bp: int
    base: int
    tax: int
    recargo_rate_bp: int | None = None
    recargo: int | None = None


@dataclass(frozen=True)
class InvoiceDoc:
    """An issued invoice, simplified invoice (counter receipt) or credit note (rectificativa)."""

    kind: InvoiceKind
    number: str
    issue_date: date
    issuer: Party
    lines: tuple[DocLine, ...]
    breakdown: tuple[TaxBreakdown, ...]
    total_net: int
    total_tax: int
    total: int
    currency: str = "EUR"
    language: Language = "es"
    operation_date: date | None = None
    customer: Party | None = None
    logo_path: str | None = None
    payment_terms: str = ""
    legal_notes: tuple[str, ...] = ()
    qr_url: str | None = None
    qr_legend: str | None = None
    corrected_number: str | None = None
    corrected_issue_date: date | None = None
    correction_reason: str | None = None
    # The day its registro de anulación was written: the document then prints as cancelled.
    cancelled_on: date | None = None

    def __post_init__(self) -> None:
        if self.kind not in INVOICE_KINDS:
            raise ValueError(f"invoice kind must be one of {INVOICE_KINDS}, not {self.kind!r}")
        _check_language(self.language)
        # A rectifying invoice must say which invoice it corrects and why (RD 1619/2012 art. 15).
        if self.kind == "credit_note" and not (self.corrected_number and self.correction_reason):
            raise ValueError("a credit note needs the corrected invoice number and the reason")

    @property
    def total_recargo(self) -> int:
        return sum(b.recargo or 0 for b in self.breakdown)


@dataclass(frozen=True)
class PackingSlipDoc:
    """What goes in the parcel with an order; prices only when the shop wants them shown."""

    order_ref: str
    order_date: date
    ship_to: Party
    lines: tuple[DocLine, ...]
    shipper: Party | None = None
    ship_date: date | None = None
    external_ref: str = ""
    show_prices: bool = False
    currency: str = "EUR"
    order_total: int | None = None
    gift_note: str = ""
    page_size: SlipPageSize = "A4"
    language: Language = "es"

    def __post_init__(self) -> None:
        _check_language(self.language)
        if self.page_size not in ("A4", "A5"):
            raise ValueError(f"packing slip page size must be A4 or A5, not {self.page_size!r}")


@dataclass(frozen=True)
class PickItem:
    """One order line to pick, before aggregation."""

    order_ref: str
    sku: str
    name: str
    bin: str
    qty: int
    ean: str = ""
    # Code of the warehouse the unit is reserved in: a pick list walks one warehouse.
    warehouse: str = ""


@dataclass(frozen=True)
class PickRow:
    """One SKU in one bin, with the total to pick and the orders it is for."""

    bin: str
    sku: str
    name: str
    qty: int
    order_refs: tuple[str, ...]
    ean: str = ""


def bin_sort_key(bin_code: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of bin codes so A-2 comes before A-10, as pickers walk the aisles."""
    parts = re.findall(r"\d+|\D+", bin_code.upper())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


@dataclass(frozen=True)
class PickListDoc:
    """A wave of orders as one walk through the warehouse: rows sorted by bin."""

    wave: str
    warehouse: str
    created_at: datetime
    rows: tuple[PickRow, ...]
    language: Language = "es"
    order_count: int = field(default=0)

    def __post_init__(self) -> None:
        _check_language(self.language)

    @classmethod
    def from_items(
        cls,
        wave: str,
        warehouse: str,
        created_at: datetime,
        items: Iterable[PickItem],
        language: Language = "es",
    ) -> PickListDoc:
        """Aggregate order lines per SKU and bin, keeping the order refs, sorted by bin."""
        qty: dict[tuple[str, str], int] = {}
        refs: dict[tuple[str, str], list[str]] = {}
        first: dict[tuple[str, str], PickItem] = {}
        orders: set[str] = set()
        for item in items:
            key = (item.bin, item.sku)
            qty[key] = qty.get(key, 0) + item.qty
            first.setdefault(key, item)
            seen = refs.setdefault(key, [])
            if item.order_ref not in seen:
                seen.append(item.order_ref)
            orders.add(item.order_ref)
        rows = tuple(
            PickRow(
                bin=b,
                sku=s,
                name=first[(b, s)].name,
                qty=qty[(b, s)],
                order_refs=tuple(refs[(b, s)]),
                ean=first[(b, s)].ean,
            )
            for b, s in sorted(qty, key=lambda k: (bin_sort_key(k[0]), k[1]))
        )
        return cls(wave, warehouse, created_at, rows, language, order_count=len(orders))


@dataclass(frozen=True)
class LabelDoc:
    """A 4x6 in shipping label for one parcel of a shipment."""

    sender: Party
    recipient: Party
    carrier: str
    service: str
    tracking: str
    weight_g: int
    order_ref: str
    parcel_index: int = 1
    parcel_count: int = 1
    language: Language = "es"

    def __post_init__(self) -> None:
        _check_language(self.language)
        if not self.tracking:
            raise ValueError("a shipping label needs a tracking number")
        if not 1 <= self.parcel_index <= self.parcel_count:
            raise ValueError(f"parcel {self.parcel_index} of {self.parcel_count} is not possible")
