"""Deterministic sample shop data (Spanish customers, IVA rates) for the demo shop and tests."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

FIRST_NAMES = ("María", "José", "Nuria", "Íñigo", "Begoña", "Ángel", "Sofía", "Martín", "Lucía",
               "Álvaro", "Inés", "Raúl", "Núria", "Jesús", "Ainhoa", "Joaquín")
LAST_NAMES = ("Muñoz", "Núñez", "García", "Pérez", "Gómez", "Fernández", "Ibáñez", "Peña",
              "Martínez", "López", "Sánchez", "Castaño", "Domínguez", "Ordóñez", "Calderón")
CITIES = (("A Coruña", "15001", "A Coruña"), ("Logroño", "26001", "La Rioja"),
          ("Málaga", "29001", "Málaga"), ("Cádiz", "11001", "Cádiz"), ("León", "24001", "León"),
          ("Córdoba", "14001", "Córdoba"), ("Ávila", "05001", "Ávila"), ("Jaén", "23001", "Jaén"),
          ("Madrid", "28013", "Madrid"), ("Valencia", "46001", "Valencia"))
STREETS = ("Calle Mayor", "Avenida de la Constitución", "Calle Real", "Plaza de España",
           "Calle del Río Miño", "Paseo de la Castellana", "Calle Núñez de Balboa")
DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


@dataclass(frozen=True)
class DemoProduct:
    """A product of the sample catalogue; `price` includes IVA."""

    sku: str
    title: str
    price: Decimal
    rate: Decimal
    stock: int = 50


CATALOGUE: tuple[DemoProduct, ...] = (
    DemoProduct("CAM-ALG-M", "Camiseta algodón orgánico talla M", Decimal("19.95"), Decimal("0.21")),
    DemoProduct("CAM-ALG-L", "Camiseta algodón orgánico talla L", Decimal("19.95"), Decimal("0.21")),
    DemoProduct("JAR-TAL-01", "Jarrón cerámica de Talavera", Decimal("34.50"), Decimal("0.21")),
    DemoProduct("ACE-OLV-500", "Aceite de oliva virgen extra 500 ml", Decimal("8.90"), Decimal("0.04")),
    DemoProduct("TUR-JIJ-300", "Turrón de Jijona 300 g", Decimal("6.75"), Decimal("0.10")),
    DemoProduct("LIB-CIEN-01", "Libro «Cien años de soledad»", Decimal("21.90"), Decimal("0.04")),
    DemoProduct("CAF-ITA-06", "Cafetera italiana 6 tazas", Decimal("27.00"), Decimal("0.21")),
    DemoProduct("PIM-VER-75", "Pimentón de la Vera 75 g", Decimal("3.20"), Decimal("0.10")),
    DemoProduct("ABA-ESP-01", "Abanico español pintado a mano", Decimal("12.40"), Decimal("0.21")),
    DemoProduct("QUE-MAN-1K", "Queso manchego curado 1 kg", Decimal("24.60"), Decimal("0.04")),
    DemoProduct("VIN-RIO-75", "Vino Rioja crianza 75 cl", Decimal("11.85"), Decimal("0.21")),
    DemoProduct("ESP-BAÑ-01", "Esponja de baño natural", Decimal("5.15"), Decimal("0.21")),
)


@dataclass(frozen=True)
class DemoLine:
    """One order line; `unit_price` includes IVA."""

    line_id: int
    sku: str
    title: str
    quantity: int
    unit_price: Decimal
    rate: Decimal

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def tax(self) -> Decimal:
        net = (self.total / (1 + self.rate)).quantize(CENT, rounding=ROUND_HALF_UP)
        return self.total - net


@dataclass(frozen=True)
class DemoOrder:
    """A shop order before any API renders it."""

    order_id: int
    number: int
    created: datetime
    updated: datetime
    first_name: str
    last_name: str
    email: str
    phone: str
    tax_id: str
    street: str
    city: str
    postcode: str
    province: str
    lines: tuple[DemoLine, ...]
    shipping: Decimal = Decimal("4.95")
    shipping_title: str = "Envío estándar (24/48 h)"
    currency: str = "EUR"
    paid: bool = True
    cancelled: bool = False
    country: str = "ES"
    discount: Decimal = Decimal("0.00")
    discount_code: str = ""
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def subtotal(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0"))

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping - self.discount

    @property
    def shipping_tax(self) -> Decimal:
        net = (self.shipping / Decimal("1.21")).quantize(CENT, rounding=ROUND_HALF_UP)
        return self.shipping - net

    @property
    def total_tax(self) -> Decimal:
        return sum((line.tax for line in self.lines), Decimal("0")) + self.shipping_tax

    def touched(self, when: datetime, **changes: object) -> DemoOrder:
        """A copy changed on the shop at `when` (later edits, cancellations)."""
        return replace(self, updated=when, **changes)  # type: ignore[arg-type]


def ascii_fold(text: str) -> str:
    """Text without accents (Núñez -> Nunez), for generated e-mail addresses."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def dni(number: int) -> str:
    """A valid Spanish DNI for a number below 10^8."""
    return f"{number:08d}{DNI_LETTERS[number % 23]}"


def generate_orders(count: int, *, seed: int = 7, start: datetime | None = None,
                    first_id: int = 5001, lines_per_order: int = 3,
                    step: timedelta = timedelta(seconds=7)) -> list[DemoOrder]:
    """`count` orders, updated in increasing time order from `start`, about three lines each."""
    rng = random.Random(seed)
    moment = start or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    orders = []
    line_id = first_id * 10
    for i in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        second = rng.choice(LAST_NAMES)
        city, postcode, province = rng.choice(CITIES)
        products = rng.sample(CATALOGUE, k=min(lines_per_order, len(CATALOGUE)))
        lines = []
        for product in products:
            line_id += 1
            lines.append(DemoLine(line_id, product.sku, product.title, rng.randint(1, 3),
                                  product.price, product.rate))
        created = moment + step * i
        user = ascii_fold(f"{first}.{last}{i}").lower()
        orders.append(DemoOrder(
            order_id=first_id + i, number=1000 + first_id + i,
            created=created, updated=created + timedelta(seconds=1),
            first_name=first, last_name=f"{last} {second}",
            email=f"{user}@correo.example", phone=f"+34 6{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            tax_id=dni(rng.randint(10_000_000, 99_999_999)),
            street=f"{rng.choice(STREETS)}, {rng.randint(1, 120)}, {rng.randint(1, 6)}º",
            city=city, postcode=postcode, province=province, lines=tuple(lines),
            paid=rng.random() > 0.1,
        ))
    return orders
