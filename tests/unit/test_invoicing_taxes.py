"""The one rounding rule: per-line VAT half-up, breakdowns and totals that add up to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omsdesk.invoicing.taxes import (
    RECARGO_BP,
    VAT_RATES_BP,
    LineAmounts,
    breakdown,
    check_rate,
    line_amounts,
    share,
    to_euro_cents,
)
from omsdesk.models import ValidationError
from omsdesk.models.money import split_gross

RATES = st.sampled_from((2100, 1000, 400, 0))


@st.composite
def invoice_lines(draw: st.DrawFn) -> list[LineAmounts]:
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        qty = draw(st.integers(1, 50))
        unit = draw(st.integers(0, 200_000))
        discount = draw(st.integers(0, qty * unit))
        rate = draw(RATES)
        exempt = draw(st.sampled_from((None, None, None, "E1", "E5")))
        amount = qty * unit - discount
        if draw(st.booleans()):  # prices include VAT, as shops and the counter quote them
            net, _tax = split_gross(amount, rate)
        else:
            net = amount
        lines.append(line_amounts(net, rate, recargo=draw(st.booleans()) and not exempt,
                                  exemption=exempt))
    return lines


@given(invoice_lines())
def test_breakdown_and_totals_add_up_to_the_cent(lines: list[LineAmounts]) -> None:
    t = breakdown(lines)
    assert t.net == sum(ln.net for ln in lines)
    assert t.tax == sum(ln.tax for ln in lines)
    assert t.recargo == sum(ln.recargo for ln in lines)
    assert t.total == t.net + t.tax + t.recargo == sum(ln.total for ln in lines)
    assert sum(b.base + b.tax + b.recargo for b in t.buckets) == t.total
    # One bucket per (rate, exemption, recargo), no more.
    keys = [(b.rate_bp, b.exemption, b.recargo_rate_bp) for b in t.buckets]
    assert len(keys) == len(set(keys))
    for ln in lines:
        if ln.exemption is None:
            # Each line's VAT is its net times the rate, rounded half-up to the cent.
            exact = Decimal(ln.net) * ln.tax_rate_bp / 10000
            assert abs(ln.tax - exact) <= Decimal("0.5")


@given(amount=st.integers(-10**9, 10**9), whole=st.integers(1, 500), data=st.data())
def test_shares_of_all_parts_add_up_to_the_whole_amount(amount: int, whole: int,
                                                        data: st.DataObject) -> None:
    parts: list[int] = []
    left = whole
    while left:
        p = data.draw(st.integers(1, left))
        parts.append(p)
        left -= p
    done = 0
    total = 0
    for p in parts:
        total += share(amount, done, p, whole)
        done += p
    assert total == amount


def test_share_rounds_half_up_per_part() -> None:
    # 10.00 over 3 units: 3.33, 3.34 (6.67 - 3.33), 3.33 (10.00 - 6.67).
    assert [share(1000, i, 1, 3) for i in range(3)] == [333, 334, 333]


def test_line_amounts_apply_recargo_and_exemption() -> None:
    ln = line_amounts(10000, 2100, recargo=True)
    assert (ln.tax, ln.recargo_rate_bp, ln.recargo, ln.total) == (2100, 520, 520, 12620)
    assert line_amounts(10000, 1000, recargo=True).recargo == 140
    assert line_amounts(10000, 400, recargo=True).recargo == 50
    exempt = line_amounts(10000, 2100, exemption="E2")
    assert (exempt.tax_rate_bp, exempt.tax, exempt.total, exempt.exemption) == (0, 0, 10000, "E2")
    assert RECARGO_BP[2100] == 520 and RECARGO_BP[1000] == 140 and RECARGO_BP[400] == 50


def test_only_spanish_rates_and_known_exemptions_are_accepted() -> None:
    assert check_rate(2100) == 2100
    with pytest.raises(ValidationError, match="19 %"):
        check_rate(1900, "X-1")
    with pytest.raises(ValidationError, match="unknown exemption"):
        line_amounts(100, 0, exemption="E9")
    assert set(VAT_RATES_BP) >= {2100, 1000, 400, 0}


def test_foreign_amounts_convert_to_euro_cents_half_up() -> None:
    assert to_euro_cents(10000, 2, Decimal("0.92")) == 9200
    assert to_euro_cents(12345, 0, Decimal("0.0061")) == 7530  # 12,345 JPY
    assert to_euro_cents(1, 2, Decimal("0.5")) == 1  # 0.005 EUR rounds half up
