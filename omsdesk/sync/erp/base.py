"""The ERP connector interface and the values that cross the ERP boundary."""

from __future__ import annotations

import abc
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType

from omsdesk.models.money import currency_exponent
from omsdesk.sync.errors import AuthError, SyncError, UnsupportedOperation


class ErpError(SyncError):
    """The ERP answered, but not with what we asked for (protocol or server fault)."""


class ErpFault(ErpError):
    """The ERP answered this request with an error message (an RPC error, or HTTP 4xx/5xx
    with a body): the records sent may be the cause, so the batch is split to find them."""


class ErpRejected(ErpFault):
    """The ERP refused a record as invalid; retrying the same data cannot help."""


class ErpTaxMissing(ErpRejected):
    """No ERP tax record stands for a line's VAT rate, recargo or exemption."""


@dataclass(frozen=True)
class ErpAddress:
    name: str = ""
    street: str = ""
    city: str = ""
    postcode: str = ""
    region: str = ""
    country: str = ""  # ISO 3166-1 alpha-2


@dataclass(frozen=True)
class ErpCustomer:
    """A customer as the ERP gets it; `reference` is what we search the ERP by."""

    local_id: int
    reference: str
    name: str
    email: str = ""
    phone: str = ""
    tax_id: str = ""
    addresses: tuple[ErpAddress, ...] = ()


@dataclass(frozen=True)
class ErpLine:
    """One line; amounts in minor units without tax (the ERP adds the taxes named here).

    `net` is omsdesk's exact line amount (None: quantity x unit_price); `tax` and `recargo`
    are omsdesk's amounts of that line, which the ERP's own computation must reproduce.
    `tax_rate_bp` None means the line states no tax (a purchase at cost): none is sent.
    """

    code: str
    name: str
    quantity: int
    unit_price: int
    net: int | None = None
    tax_rate_bp: int | None = None
    tax: int = 0
    recargo_rate_bp: int = 0
    recargo: int = 0
    exemption: str | None = None

    @property
    def amount(self) -> int:
        """The line's net amount in minor units."""
        return self.net if self.net is not None else self.quantity * self.unit_price


@dataclass(frozen=True)
class ErpOrder:
    """An order pushed as a sale; `reference` (our order reference) makes the push idempotent."""

    local_id: int
    reference: str
    customer_reference: str
    sale_date: date
    currency: str
    lines: tuple[ErpLine, ...]
    description: str = ""


@dataclass(frozen=True)
class ErpInvoice:
    """An issued invoice or credit note (negative quantities are turned into a credit note)."""

    local_id: int
    number: str
    customer_reference: str
    invoice_date: date
    currency: str
    lines: tuple[ErpLine, ...]
    credit_note: bool = False
    order_reference: str = ""


@dataclass(frozen=True)
class ErpPurchase:
    """A purchase order as the ERP gets it; `reference` (ours) makes the push idempotent.

    The supplier travels as an ErpCustomer (a party is a party); line prices are unit costs
    in minor units without tax.
    """

    local_id: int
    reference: str
    supplier: ErpCustomer
    purchase_date: date
    currency: str
    lines: tuple[ErpLine, ...]
    expected: date | None = None
    description: str = ""


@dataclass(frozen=True)
class ErpProduct:
    """A product as the ERP holds it; `list_price` in minor units without tax."""

    erp_id: int
    code: str
    name: str
    ean: str | None
    list_price: int
    currency: str
    changed_at: datetime | None = None
    tax_rate_bp: int | None = None


@dataclass(frozen=True)
class PushResult:
    """Where one local record went: its ERP id and name, and whether this push created it."""

    local_id: int
    erp_id: int
    erp_name: str
    created: bool


@dataclass(frozen=True)
class TaxChoice:
    """Which ERP tax stands for one tax key ('vat:2100', 're:520', 'exempt:E1'), and how."""

    key: str
    erp_id: int | None
    name: str = ""
    source: str = ""  # 'configured', 'found', or '' when missing
    note: str = ""


@dataclass(frozen=True)
class ErpHealth:
    ok: bool
    detail: str
    server_version: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)


def http_fault(exc: SyncError, erp: str) -> ErpFault | None:
    """An HTTP 4xx/5xx answer that carries a message, as an ErpFault; None for an outage.

    No answer (down, timeout) or an empty or bare error page stays an outage that waits;
    an answer with a message (Tryton's 503 'parser stack overflow') is about what was sent.
    """
    status = getattr(exc, "status", 0)
    body = str(getattr(exc, "body_excerpt", "") or "")
    if isinstance(exc, AuthError) or not status or status == 429:
        return None
    message = " ".join(re.sub(r"<[^>]+>", " ", body).split())
    # A bare status page (a proxy's 502, werkzeug's generic text) says nothing of the data.
    generic = {"", "Service Unavailable", "Bad Gateway", "Gateway Timeout"}
    for title in ("Service Unavailable", "Internal Server Error", "Bad Gateway"):
        message = message.replace(f"{status} {title}", "").replace(title, "", 1).strip()
    if message in generic or len(message) < 3 or message.startswith(
            ("The server is temporarily unable", "The proxy server received")):
        return None
    return ErpFault(f"{erp} answered HTTP {status}: {message[:300]}", channel=erp.lower())


def to_decimal(amount: int, currency: str) -> Decimal:
    """Minor units to the Decimal amount an ERP takes (1995 EUR -> 19.95)."""
    return Decimal(amount).scaleb(-currency_exponent(currency))


def from_decimal(amount: Decimal | float | str, currency: str) -> int:
    """An ERP amount back to minor units, half up (ERP list prices may carry 4 decimals)."""
    exp = currency_exponent(currency)
    value = Decimal(str(amount)).scaleb(exp).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    return int(value)


class ErpConnector(abc.ABC):
    """One ERP installation. Every push searches by reference first, so pushing twice is safe.

    `known` maps local ids to ERP ids already recorded in omsdesk's link table; a connector
    uses them to skip the search, but still finds records created by an earlier push whose
    link was never recorded (the ERP answered, then omsdesk crashed).
    """

    #: Short name of the ERP kind ('tryton', 'odoo'), used in messages and link rows.
    kind: str = ""
    #: Tax records set by hand (tax key -> ERP tax id), before those found by rate.
    tax_overrides: Mapping[str, int] = MappingProxyType({})

    def use_taxes(self, overrides: Mapping[str, int]) -> None:
        """Take the tax records configured for this ERP channel (key -> ERP tax id)."""
        self.tax_overrides = dict(overrides)

    def tax_mapping(self) -> list[TaxChoice]:
        """Every tax key omsdesk may need, with the ERP tax found or configured for it."""
        raise UnsupportedOperation(f"{self.kind or 'this ERP'} connector has no tax mapping")

    @abc.abstractmethod
    def check(self) -> ErpHealth:
        """Log in and report whether the ERP answers."""

    @abc.abstractmethod
    def push_customers(self, customers: Sequence[ErpCustomer]) -> list[PushResult]:
        """Create (or find) parties with their addresses and tax identifiers."""

    @abc.abstractmethod
    def push_orders(self, orders: Sequence[ErpOrder],
                    products: Sequence[ErpProduct] = ()) -> list[PushResult]:
        """Create (or find) sales; lines name products by code, missing products are created
        from `products` (code, name, price) first."""

    @abc.abstractmethod
    def push_invoices(self, invoices: Sequence[ErpInvoice]) -> list[PushResult]:
        """Create (or find) customer invoices and credit notes."""

    @abc.abstractmethod
    def pull_products(self, since: datetime | None = None) -> list[ErpProduct]:
        """Products (code, name, EAN, list price), only those changed after `since` if given."""

    def push_purchases(self, purchases: Sequence[ErpPurchase]) -> list[PushResult]:
        """Create (or find) purchase orders with their supplier parties and products."""
        raise UnsupportedOperation(f"{self.kind or 'this ERP'} connector does not take purchase orders yet")

    def cancel_purchases(self, references: Sequence[str]) -> list[str]:
        """Cancel the purchases with these references where the ERP still can; returns those found."""
        raise UnsupportedOperation(f"{self.kind or 'this ERP'} connector does not take purchase orders yet")

    def confirm_orders(self, erp_ids: Sequence[int]) -> None:
        """Move pushed sales on to confirmed, where the ERP has such a step."""
        del erp_ids

    @abc.abstractmethod
    def close(self) -> None:
        """Release the HTTP session."""
