"""The connector interface and the normalised values that cross the shop boundary."""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from omsdesk.sync.errors import RequestRejected, UnsupportedOperation
from omsdesk.sync.http import HttpClient

# Normalised order states; each connector maps its shop's own vocabulary onto these.
STATUS_PENDING = "pending"  # placed, not paid yet
STATUS_OPEN = "open"  # to be fulfilled
STATUS_ON_HOLD = "on_hold"
STATUS_FULFILLED = "fulfilled"
STATUS_CANCELLED = "cancelled"
STATUS_REFUNDED = "refunded"
ORDER_STATUSES = frozenset(
    {STATUS_PENDING, STATUS_OPEN, STATUS_ON_HOLD, STATUS_FULFILLED, STATUS_CANCELLED,
     STATUS_REFUNDED}
)

# Normalised payment states.
PAYMENT_PAID = "paid"
PAYMENT_PENDING = "pending"
PAYMENT_AUTHORIZED = "authorized"
PAYMENT_PARTIALLY_PAID = "partially_paid"
PAYMENT_REFUNDED = "refunded"
PAYMENT_PARTIALLY_REFUNDED = "partially_refunded"
PAYMENT_VOIDED = "voided"


@dataclass(frozen=True)
class ChannelAddress:
    """A postal address as the shop gave it, trimmed; `country` is ISO 3166-1 alpha-2."""

    name: str = ""
    company: str = ""
    line1: str = ""
    line2: str = ""
    city: str = ""
    postcode: str = ""
    region: str = ""
    country: str = ""
    phone: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.line1 or self.city or self.postcode)


@dataclass(frozen=True)
class ChannelCustomer:
    """Who bought: the keys we match an existing customer on, and a display name."""

    email: str = ""
    phone: str = ""
    name: str = ""
    tax_id: str = ""
    external_id: str = ""


@dataclass(frozen=True)
class ChannelOrderLine:
    """One product line. Money in minor units of the order currency.

    `unit_price` includes tax when the order's `taxes_included` is true and excludes it
    otherwise; `tax` is the line's total tax and `discount` its total discount.
    """

    external_line_id: str
    sku: str
    title: str
    quantity: int
    unit_price: int
    tax_rate_bp: int = 0
    tax: int = 0
    discount: int = 0


@dataclass(frozen=True)
class ChannelShippingLine:
    """A shipping charge, with the same tax convention as product lines."""

    title: str
    price: int
    code: str = ""
    tax_rate_bp: int = 0
    tax: int = 0


@dataclass(frozen=True)
class ChannelDiscount:
    """An order-level discount; `amount` is positive and in minor units."""

    code: str
    amount: int
    title: str = ""


@dataclass(frozen=True)
class ChannelPayment:
    """How much the shop says was paid, and how."""

    status: str
    amount: int
    method: str = ""
    reference: str = ""


@dataclass(frozen=True)
class ChannelOrder:
    """An order as a shop reports it, normalised; `raw` keeps the original payload."""

    external_id: str
    number: str
    status: str
    created_at: datetime
    updated_at: datetime
    currency: str
    taxes_included: bool
    customer: ChannelCustomer
    shipping_address: ChannelAddress
    billing_address: ChannelAddress
    lines: tuple[ChannelOrderLine, ...]
    shipping_lines: tuple[ChannelShippingLine, ...] = ()
    discounts: tuple[ChannelDiscount, ...] = ()
    payment: ChannelPayment | None = None
    total: int | None = None
    raw_status: str = ""
    note: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class RejectedOrder:
    """An order the connector could not even normalise: kept for the quarantine."""

    external_id: str
    reason: str
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class OrderPage:
    """One page of changed orders and the cursor to resume after it.

    `next_cursor` is safe to store once this page is committed: a later pull from it
    re-reads at most a little overlap (idempotent), never skips.
    """

    orders: tuple[ChannelOrder, ...]
    next_cursor: str | None
    rejected: tuple[RejectedOrder, ...] = ()


@dataclass(frozen=True)
class FulfillmentLine:
    """A quantity of one shop line that left in a shipment."""

    external_line_id: str
    sku: str
    quantity: int


@dataclass(frozen=True)
class FulfillmentPush:
    """Tell the shop an order (or some of its lines) shipped, with carrier and tracking.

    No `lines` means the whole order. `final` says this shipment completes the order
    (shops without partial shipments only change the order's state then).
    `idempotency_key` is stable across retries.
    """

    order_external_id: str
    idempotency_key: str
    carrier: str = ""
    tracking_number: str = ""
    tracking_url: str = ""
    lines: tuple[FulfillmentLine, ...] = ()
    notify_customer: bool = True
    final: bool = True


@dataclass(frozen=True)
class StockPush:
    """Available-to-sell for one SKU, as an absolute value."""

    sku: str
    available: int
    idempotency_key: str


@dataclass(frozen=True)
class StockPushResult:
    """The outcome for one SKU of a stock push; unknown SKUs fail alone."""

    sku: str
    ok: bool
    reason: str = ""


@dataclass(frozen=True)
class ChannelProduct:
    """A product or variant as listed on the shop, for SKU mapping."""

    external_id: str
    sku: str
    title: str
    price: int | None = None
    currency: str = ""


# Product fields a push can send, under omsdesk's own names (each shop maps them to its own).
LISTING_FIELDS = ("title", "description", "price", "ean", "stock")


@dataclass(frozen=True)
class RemoteListing:
    """A product or variant as the shop holds it, for a product push to compare against.

    `values` holds the shop's current value of each field it reports, as text: `price` a
    decimal string in the shop's own tax convention, `stock` a whole number. `fields` are the
    fields this listing can take (a variant of a multi-variant product has no title of its own).
    """

    sku: str
    external_id: str
    values: Mapping[str, str]
    fields: frozenset[str]
    parent_id: str = ""
    note: str = ""


@dataclass(frozen=True)
class ListingWrite:
    """One product to create (no `remote`) or update on the shop, with only the fields to send."""

    sku: str
    values: Mapping[str, str]
    remote: RemoteListing | None = None

    @property
    def creates(self) -> bool:
        return self.remote is None


@dataclass(frozen=True)
class ListingResult:
    """The outcome of one ListingWrite; a refused product fails alone, with the shop's reason."""

    sku: str
    ok: bool
    external_id: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ConnectionCheck:
    """What "Test connection" found: problems that stop or break a sync, notes that limit it."""

    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ChannelConfig:
    """Everything a connector needs to talk to one shop; `secret` comes from the keyring."""

    name: str
    type: str
    url: str
    secret: str
    options: Mapping[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        # Never print the secret, even in a debugger or a traceback.
        return f"ChannelConfig(name={self.name!r}, type={self.type!r}, url={self.url!r})"


def parse_utc(value: object) -> datetime:
    """A shop timestamp as an aware UTC datetime; naive values are taken as UTC."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value.strip():
        text = value.strip().replace(" ", "T", 1)
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        moment = datetime.fromisoformat(text)
    else:
        raise ValueError(f"not a timestamp: {value!r}")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def format_cursor(moment: datetime) -> str:
    """The cursor text for a high-water mark: ISO 8601 UTC, second precision, Z suffix."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Connector(abc.ABC):
    """What the sync engine asks of any shop. Register implementations under the
    `omsdesk.connectors` entry-point group with the value `module:Class`."""

    type_name: ClassVar[str]
    supports_products: ClassVar[bool] = False
    # What `channels add` asks for on standard input (kept in the keyring as the channel secret).
    secret_hint: ClassVar[str] = "API token"

    @classmethod
    def secret_problem(cls, secret: str) -> str | None:
        """Why `secret` cannot be this kind of channel's secret, or None (checked before saving)."""
        return None

    def __init__(self, config: ChannelConfig, http: HttpClient) -> None:
        self.config = config
        self.http = http
        # Things the user should know about the last pull (e.g. orders older than
        # Shopify's 60-day window not visible): shown in the Sync view.
        self.warnings: list[str] = []

    @classmethod
    @abc.abstractmethod
    def from_config(cls, config: ChannelConfig, **http_options: Any) -> Connector:
        """Build the connector and its HTTP client (auth, rate limit) for one channel."""

    @abc.abstractmethod
    def pull_orders(self, since_cursor: str | None) -> Iterator[OrderPage]:
        """Yield pages of orders changed since the cursor, oldest change first."""

    @abc.abstractmethod
    def push_fulfillment(self, push: FulfillmentPush) -> None:
        """Record a shipment with tracking on the shop; safe to repeat with the same key."""

    @abc.abstractmethod
    def push_stock(self, pushes: Sequence[StockPush]) -> list[StockPushResult]:
        """Set available quantities per SKU; one result per push."""

    def check_connection(self) -> ConnectionCheck:
        """Reach the shop with the channel's secret (connectors check more where they can).

        By default a pull of the orders changed from now on: it proves the address and the
        credentials (an AuthError or ChannelUnavailable says what is wrong) and reads almost
        nothing.
        """
        for _ in self.pull_orders(format_cursor(datetime.now(UTC))):
            break
        return ConnectionCheck(notes=tuple(self.warnings))

    def push_cancellation(self, order_external_id: str, idempotency_key: str) -> None:
        """Cancel an order on the shop (connectors that can override this); a repeat is a no-op."""
        raise UnsupportedOperation(
            f"{self.config.type} connectors cannot cancel orders on the shop; cancel "
            f"{order_external_id} there by hand", channel=self.config.name)

    def deleted_orders(self, external_ids: Sequence[str]) -> set[str]:
        """Which of these orders the shop no longer has (deleted for good); empty when the
        connector cannot tell. A connector answers only from a list the shop gave for exactly
        these ids: a wrong "gone" would cancel a live order here."""
        return set()

    def pull_products(self) -> Iterator[ChannelProduct]:
        """Yield the shop's products and variants (connectors that can override this)."""
        raise UnsupportedOperation(
            f"{self.config.type} connectors cannot list products", channel=self.config.name
        )

    def find_listings(self, skus: Sequence[str]) -> dict[str, RemoteListing]:
        """The shop's listings of these SKUs (missing ones absent), for a product push."""
        raise UnsupportedOperation(
            f"{self.config.type} connectors cannot push products", channel=self.config.name)

    def write_listings(self, writes: Sequence[ListingWrite]) -> list[ListingResult]:
        """Create or update listings, one result per write; sending a write twice is harmless
        (an update sets absolute values; a create is only planned for a SKU the shop lacks)."""
        raise UnsupportedOperation(
            f"{self.config.type} connectors cannot push products", channel=self.config.name)

    def _write_each(self, writes: Sequence[ListingWrite], write_one: Callable[[ListingWrite], str],
                    on_written: Callable[[ListingWrite], None] | None = None) -> list[ListingResult]:
        """A shop that takes one product per request: each write alone (a refusal fails that SKU
        only), then the stock of the written ones in one push_stock; returns one result each."""
        results: list[ListingResult] = []
        stock: list[StockPush] = []
        for write in writes:
            try:
                external = write_one(write)
            except RequestRejected as exc:
                results.append(ListingResult(write.sku, False, reason=str(exc)))
                continue
            results.append(ListingResult(write.sku, True, external_id=external))
            if on_written is not None:
                on_written(write)
            if "stock" in write.values:
                stock.append(StockPush(write.sku, int(write.values["stock"]),
                                       f"listing:{write.sku}:{write.values['stock']}"))
        pushed = {r.sku: r for r in self.push_stock(stock)} if stock else {}
        return [r if r.sku not in pushed or pushed[r.sku].ok else ListingResult(
            r.sku, False, r.external_id, f"stock not set: {pushed[r.sku].reason}")
            for r in results]

    def close(self) -> None:
        self.http.close()
