"""Line prices that make an ERP's own line and tax rounding land on omsdesk's amounts.

omsdesk keeps each line's exact net and its VAT (and recargo) rounded half-up per line. An
ERP only takes a unit price (and, in Odoo, a discount) of limited precision and computes
the rest itself, so the price sent is chosen so that the ERP's computation gives back
omsdesk's net and taxes to the cent; when no price of that precision can, the line is
refused rather than sent off by a cent.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from itertools import cycle

from omsdesk.sync.erp.base import ErpRejected

CENT = Decimal("0.01")


def _round(value: Decimal, exp: Decimal, mode: str) -> Decimal:
    return value.quantize(exp, rounding=mode)


def tryton_line(unit_price: Decimal, quantity: int, rates: Sequence[Decimal],
                exp: Decimal = CENT) -> tuple[Decimal, list[Decimal]]:
    """A Tryton sale or invoice line's amount and taxes with 'Per Line' tax rounding.

    As trytond 8 computes them: the amount is currency.round(quantity * unit_price) (half
    even); each percentage tax is unit_price * rate * quantity (account.tax.compute), rounded
    half even, and the line's rounding remainder, when a cent or more, is given back to its
    taxes (TaxableMixin._round_taxes).
    """
    q = Decimal(quantity)
    amount = _round(q * unit_price, exp, ROUND_HALF_EVEN)
    raw = [unit_price * rate * q for rate in rates]
    taxes = [_round(r, exp, ROUND_HALF_EVEN) for r in raw]
    # Tryton rounds the remainder with the opposite of half even, which is half down.
    remainder = _round(sum((t - r for t, r in zip(taxes, raw, strict=True)), Decimal(0)),
                       exp, "ROUND_HALF_DOWN")
    if abs(remainder) >= exp and any(taxes):
        offset = exp.copy_sign(remainder)
        for i in cycle(range(len(taxes))):
            if taxes[i]:
                taxes[i] -= offset
                remainder -= offset
                if abs(remainder) < exp:
                    break
    return amount, taxes


def tryton_unit_price(net: int, quantity: int, rates: Sequence[tuple[Decimal, int]],
                      digits: int = 4, reference: str = "") -> Decimal:
    """A unit price of `digits` decimals for which Tryton gives omsdesk's net and taxes.

    `rates` pairs each tax rate (a fraction) with omsdesk's amount in cents. Prices next to
    net / quantity are tried, nearest first: a tenth of a thousandth moves the taxes of a
    line sitting on a half cent to omsdesk's half-up side.
    """
    exp = Decimal(1).scaleb(-digits)
    if quantity == 0:
        return Decimal(net).scaleb(-2).quantize(exp)
    target = Decimal(net).scaleb(-2)
    want_taxes = [Decimal(amount).scaleb(-2) for _, amount in rates]
    centre = _round(target / quantity, exp, ROUND_HALF_EVEN)
    candidates = [centre + exp * step * sign for step in range(400) for sign in (1, -1)]
    # (Tryton rounds a line's taxes together and gives the remainder back to one of them:
    # with VAT and recargo on one line each may miss omsdesk's amount, so the connector sends
    # the recargo as a manual invoice tax and a line here has one tax.)
    for candidate in candidates:
        amount, taxes = tryton_line(candidate, quantity, [r for r, _ in rates])
        if amount == target and taxes == want_taxes:
            return candidate
    raise ErpRejected(f"{reference}: no unit price of {digits} decimals gives Tryton the line "
                      f"amount {target} for {quantity} units with omsdesk's taxes",
                      channel="tryton")


def odoo_line(price_unit: Decimal, discount: Decimal, quantity: int,
              rates: Sequence[Decimal], exp: Decimal = CENT) -> tuple[Decimal, list[Decimal]]:
    """An Odoo line's subtotal and taxes with the company's 'Round per Line' rounding.

    As Odoo computes them (account.tax.compute_all): the base is price_unit * (1 - discount
    / 100) * quantity rounded to the currency, and each percentage tax (price not included)
    is that base * amount / 100 rounded to the currency, half up (float_round).
    """
    base = _round(price_unit * (1 - discount / 100) * quantity, exp, ROUND_HALF_UP)
    return base, [_round(base * rate, exp, ROUND_HALF_UP) for rate in rates]


def odoo_included_tax(gross: Decimal, rate: Decimal, exp: Decimal = CENT) -> Decimal:
    """The VAT Odoo takes out of a price-included line total: gross - gross / (1 + rate),
    rounded half up per line (account.tax compute_all for a price_include percent tax)."""
    return _round(gross - gross / (1 + rate), exp, ROUND_HALF_UP)


def odoo_price(net: int, quantity: int, price_digits: int = 2, discount_digits: int = 2,
               reference: str = "") -> tuple[Decimal, Decimal]:
    """(price_unit, discount %) within Odoo's decimal precisions whose subtotal is `net`.

    Odoo rounds price_unit to its 'Product Price' precision (2 decimals unless changed) and
    the discount to 'Discount'; a net that no unit price of that precision gives is reached
    by a price just above it and a small discount. The taxes then follow from the base.
    """
    target = Decimal(net).scaleb(-2)
    p_exp = Decimal(1).scaleb(-price_digits)
    d_exp = Decimal(1).scaleb(-discount_digits)
    if quantity == 0:
        return target.quantize(p_exp), Decimal(0)
    q = Decimal(quantity)
    plain = _round(target / q, p_exp, ROUND_HALF_EVEN)
    if odoo_line(plain, Decimal(0), quantity, [])[0] == target:
        return plain, Decimal(0)
    start = _round(abs(target / q), p_exp, ROUND_CEILING).copy_sign(target / q)
    for k in range(0, 200):
        price = start + p_exp.copy_sign(start) * k
        ideal = (1 - target / (price * q)) * 100
        centre = _round(ideal, d_exp, ROUND_HALF_EVEN)
        for j in range(-3, 4):
            discount = centre + d_exp * j
            if 0 <= discount < 100 and odoo_line(price, discount, quantity, [])[0] == target:
                return price, discount
    raise ErpRejected(f"{reference}: no unit price and discount within Odoo's precision give "
                      f"the line amount {target} for {quantity} units", channel="odoo")
