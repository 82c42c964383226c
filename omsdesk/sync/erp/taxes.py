"""Which ERP tax record stands for a line's VAT rate, recargo or exemption (the tax keys)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from omsdesk.invoicing.taxes import EXEMPTIONS, RECARGO_BP, VAT_RATES_BP
from omsdesk.sync.erp.base import ErpLine, ErpTaxMissing, TaxChoice

# Every key a shop may need: each VAT rate, each recargo rate, each exemption.
ALL_KEYS = (tuple(f"vat:{r}" for r in VAT_RATES_BP)
            + tuple(f"re:{r}" for r in sorted(set(RECARGO_BP.values()) - {0}, reverse=True))
            + tuple(f"exempt:{code}" for code in EXEMPTIONS))


# The same VAT as a tax included in the price (Odoo's "Included in Price"), for lines whose
# VAT omsdesk split off a tax-included amount.
INCLUDED_KEYS = tuple(f"vat:{r}:incl" for r in VAT_RATES_BP if r)


def tax_key(rate_bp: int, *, recargo: bool = False, exemption: str | None = None,
            included: bool = False) -> str:
    """The key of a VAT rate ('vat:1000'), a recargo rate ('re:140') or an exemption."""
    if exemption:
        return f"exempt:{exemption}"
    return f"{'re' if recargo else 'vat'}:{rate_bp}{':incl' if included else ''}"


def describe(key: str) -> str:
    """A key as a clerk reads it: 'VAT 10 %', 'recargo 1.4 %', 'exemption E2'."""
    kind, _, value = key.partition(":")
    if kind == "exempt":
        return f"exemption {value}"
    value, _, included = value.partition(":")
    pct = (Decimal(value) / 100).normalize()
    return f"{'recargo' if kind == 're' else 'VAT'} {pct:f} %" + (
        " included in price" if included else "")


def line_keys(line: ErpLine, included: bool = False) -> list[str]:
    """The tax keys one line needs: its VAT (or exemption), then its recargo if any."""
    if line.tax_rate_bp is None:
        return []
    keys = [tax_key(line.tax_rate_bp, exemption=line.exemption,
                    included=included and bool(line.tax_rate_bp) and not line.exemption)]
    if line.recargo_rate_bp:
        keys.append(tax_key(line.recargo_rate_bp, recargo=True))
    return keys


def line_rates(line: ErpLine) -> list[tuple[Decimal, int]]:
    """(rate as a fraction, omsdesk's amount) of each tax of the line, in line_keys order."""
    if line.tax_rate_bp is None:
        return []
    rates = [(Decimal(0 if line.exemption else line.tax_rate_bp) / 10000, line.tax)]
    if line.recargo_rate_bp:
        rates.append((Decimal(line.recargo_rate_bp) / 10000, line.recargo))
    return rates


def key_of_rate(rate: Decimal) -> str | None:
    """The key an ERP tax of this rate (a fraction, 0.21) stands for, or None.

    VAT and recargo rates never coincide (21/10/5/4/2/0 against 5.2/1.4/0.62/0.5/0.26 %),
    so the rate alone tells them apart; an exemption is only ever configured by hand.
    """
    bp = rate * 10000
    if bp != bp.to_integral_value():
        return None
    value = int(bp)
    if value in VAT_RATES_BP:
        return f"vat:{value}"
    if value in RECARGO_BP.values():
        return f"re:{value}"
    return None


@dataclass(frozen=True)
class ErpTax:
    """One sale tax of the ERP as its connector lists it."""

    erp_id: int
    name: str
    rate: Decimal  # a fraction: 0.21
    included: bool = False  # the price includes it (Odoo's price_include)


def resolve(taxes: Iterable[ErpTax], overrides: Mapping[str, int],
            included: bool = False) -> dict[str, TaxChoice]:
    """The choice for every key: configured first, else the one ERP tax of that rate.

    Two ERP taxes of the same rate are ambiguous: none is taken and the note names them, so
    the user picks one with `omsdesk erp set-tax`. An exemption not configured falls back to
    the 0 % VAT tax.
    """
    listed = list(taxes)
    names = {t.erp_id: t.name for t in listed}
    by_key: dict[str, list[ErpTax]] = {}
    for t in listed:
        key = key_of_rate(t.rate)
        if key and t.included:
            key = f"{key}:incl" if key.startswith("vat:") and key != "vat:0" else None
        if key:
            by_key.setdefault(key, []).append(t)
    choices: dict[str, TaxChoice] = {}
    keys = (*ALL_KEYS, *(INCLUDED_KEYS if included else ()))
    for key in (*keys, *(k for k in overrides if k not in keys)):
        if key in overrides:
            tax_id = overrides[key]
            choices[key] = TaxChoice(key, tax_id, names.get(tax_id, f"#{tax_id}"), "configured")
            continue
        found = by_key.get(key, [])
        if len(found) == 1:
            choices[key] = TaxChoice(key, found[0].erp_id, found[0].name, "found")
        elif found:
            choices[key] = TaxChoice(key, None, note="several taxes of this rate: " + ", ".join(
                f"{t.erp_id} {t.name}" for t in found))
        else:
            choices[key] = TaxChoice(key, None)
    for key in ALL_KEYS:
        if key.startswith("exempt:") and choices[key].erp_id is None:
            zero = choices["vat:0"]
            if zero.erp_id is not None:
                choices[key] = TaxChoice(key, zero.erp_id, zero.name, zero.source,
                                         note="the 0 % VAT tax")
    return choices


def tax_ids(line: ErpLine, choices: Mapping[str, TaxChoice], erp: str, reference: str,
            included: bool = False) -> list[int]:
    """The ERP tax ids of one line; a key with no tax is refused, never sent untaxed."""
    ids = []
    for key in line_keys(line, included):
        choice = choices.get(key)
        if choice is None or choice.erp_id is None:
            hint = f" ({choice.note})" if choice is not None and choice.note else ""
            flag = key.split(":", 1)
            rate, _, incl = flag[1].partition(":")
            option = {"vat": f"--rate {rate}", "re": f"--recargo {rate}",
                      "exempt": f"--exemption {rate}"}[flag[0]] + (" --included" if incl else "")
            raise ErpTaxMissing(
                f"{erp} has no tax for {describe(key)}{hint} on {line.code} ({reference}); "
                f"create it in {erp} or map one with `omsdesk erp set-tax --erp "
                f"{erp.lower()} {option} --tax ID`", channel=erp.lower())
        ids.append(choice.erp_id)
    return ids
