"""A PrestaShop combination's price impact: omsdesk's net price less its product's, in minor units."""

from __future__ import annotations

import pytest

from omsdesk.sync.prestashop import price_impact


@pytest.mark.parametrize(("price", "base", "impact"), [
    ("18.14", "16.487603", "1.65"),    # the product's six decimals round to 16.49
    ("14.88", "16.487603", "-1.61"),   # a cheaper size: a negative impact
    ("16.49", "16.487603", "0.00"),    # sells at its product's price
    ("10.00", "9.995000", "0.00"),     # half a cent rounds up, as the plan compares
    ("2195", "2000.4", "195"),         # a currency without decimals (JPY)
])
def test_the_impact_is_the_difference_in_whole_minor_units(price: str, base: str,
                                                          impact: str) -> None:
    assert price_impact(price, base) == impact
