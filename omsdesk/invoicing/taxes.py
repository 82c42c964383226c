"""VAT rates, recargo de equivalencia, exemptions and the per-rate breakdown of an invoice.

Rounding rule (the one used everywhere): VAT and recargo are computed per line and rounded
half-up to the minor unit (omsdesk.models.money.tax_on_net / split_gross). The breakdown per
rate is the sum of its lines, and the invoice totals are the sums of the breakdown, so base +
VAT + recargo always equals the total to the cent. When a document takes only part of a
line (one shipment, some units credited), it takes that part of each amount by cumulative
allocation (`share`), so all the parts of a line always add up to the whole line exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from omsdesk.models.errors import ValidationError
from omsdesk.models.money import round_half_up, tax_on_net

# Spanish VAT rates in basis points: general, reduced, super-reduced, and the 5 % and 2 %
# and 0 % rates some foods and energy carried in 2022-2024 (orders from then may carry them).
VAT_RATES_BP = (2100, 1000, 500, 400, 200, 0)

# Recargo de equivalencia for each VAT rate (Ley 37/1992 del IVA, art. 161).
RECARGO_BP = {2100: 520, 1000: 140, 500: 62, 400: 50, 200: 26, 0: 0}

# AEAT exemption keys (list L10) and the legal mention printed on the invoice.
EXEMPTIONS = {
    "E1": "Operación exenta por el artículo 20 de la Ley 37/1992 del IVA",
    "E2": "Exportación exenta por el artículo 21 de la Ley 37/1992 del IVA",
    "E3": "Operación exenta por el artículo 22 de la Ley 37/1992 del IVA",
    "E4": "Operación exenta por los artículos 23 y 24 de la Ley 37/1992 del IVA",
    "E5": "Entrega intracomunitaria exenta por el artículo 25 de la Ley 37/1992 del IVA",
    "E6": "Operación exenta por otra causa prevista en la Ley 37/1992 del IVA",
}

# ClaveRegimen (AEAT list L8A) of each exemption cause: exports (art. 21) and the operations
# assimilated to them (art. 22) are regime 02; Validaciones v1.2.0 §3.1.3.15.5 forbids E2 and E3
# with regime 01. The other causes are operations of the general regime (01).
EXEMPTION_REGIME = {"E1": "01", "E2": "02", "E3": "02", "E4": "01", "E5": "01", "E6": "01"}


def check_rate(rate_bp: int, sku: str = "") -> int:
    if rate_bp not in VAT_RATES_BP:
        where = f" on {sku}" if sku else ""
        raise ValidationError(
            f"VAT rate {Decimal(rate_bp) / 100} %{where} is not a Spanish VAT rate "
            f"(use one of {', '.join(str(r // 100) for r in VAT_RATES_BP)} %)"
        )
    return rate_bp


def check_exemption(code: str | None) -> str | None:
    if code is None or code == "":
        return None
    if code not in EXEMPTIONS:
        raise ValidationError(f"unknown exemption '{code}' (use {', '.join(EXEMPTIONS)})")
    return code


def recargo_rate(rate_bp: int) -> int:
    return RECARGO_BP[check_rate(rate_bp)]


def share(amount: int, done_before: int, part: int, whole: int) -> int:
    """The part of `amount` for units done_before+1 .. done_before+part of `whole` units.

    Cumulative half-up allocation: the shares of all the parts of a line add up to `amount`
    exactly, whatever the order and size of the parts.
    """
    if whole == 0:
        raise ValueError("cannot share an amount over zero units")

    def upto(units: int) -> int:
        return round_half_up(Decimal(amount) * units / whole)

    return upto(done_before + part) - upto(done_before)


@dataclass(frozen=True)
class LineAmounts:
    """What the breakdown needs from one invoice line."""

    tax_rate_bp: int
    net: int
    tax: int
    recargo_rate_bp: int = 0
    recargo: int = 0
    exemption: str | None = None

    @property
    def total(self) -> int:
        return self.net + self.tax + self.recargo


def line_amounts(net: int, rate_bp: int, *, recargo: bool = False,
                 exemption: str | None = None) -> LineAmounts:
    """Amounts of one line from its net amount, by the rounding rule."""
    if exemption is not None:
        return LineAmounts(0, net, 0, 0, 0, check_exemption(exemption))
    check_rate(rate_bp)
    rec_bp = RECARGO_BP[rate_bp] if recargo else 0
    return LineAmounts(rate_bp, net, tax_on_net(net, rate_bp), rec_bp, tax_on_net(net, rec_bp))


@dataclass(frozen=True)
class TaxBucket:
    """Base, VAT and recargo of one rate (or exemption) on one invoice."""

    rate_bp: int
    exemption: str | None
    recargo_rate_bp: int
    base: int
    tax: int
    recargo: int


@dataclass(frozen=True)
class Totals:
    net: int
    tax: int
    recargo: int
    total: int
    buckets: tuple[TaxBucket, ...]


def breakdown(lines: Iterable[LineAmounts]) -> Totals:
    """Group lines by (rate, exemption, recargo); totals are sums of the groups."""
    groups: dict[tuple[int, str, int], list[int]] = {}
    for ln in lines:
        key = (ln.tax_rate_bp, ln.exemption or "", ln.recargo_rate_bp)
        acc = groups.setdefault(key, [0, 0, 0])
        acc[0] += ln.net
        acc[1] += ln.tax
        acc[2] += ln.recargo
    # Highest rate first, exempt groups last: the order invoices usually print.
    buckets = tuple(
        TaxBucket(rate, exe or None, rec, base, tax, recargo)
        for (rate, exe, rec), (base, tax, recargo) in sorted(
            groups.items(), key=lambda kv: (kv[0][1] != "", -kv[0][0], kv[0][1], -kv[0][2]))
    )
    net = sum(b.base for b in buckets)
    tax = sum(b.tax for b in buckets)
    rec = sum(b.recargo for b in buckets)
    return Totals(net, tax, rec, net + tax + rec, buckets)


def parse_rate(text: str) -> Decimal:
    """An exchange rate (euros per one unit of the invoice currency) as a positive Decimal."""
    try:
        rate = Decimal(str(text).strip())
    except ArithmeticError as exc:
        raise ValidationError(f"'{text}' is not an exchange rate") from exc
    if not rate.is_finite() or rate <= 0:
        raise ValidationError(f"exchange rate must be positive, got '{text}'")
    return rate


def to_euro_cents(amount: int, currency_exp: int, rate: Decimal) -> int:
    """Convert minor units of another currency to euro cents, half-up."""
    value = Decimal(amount).scaleb(-currency_exp) * rate * 100
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
