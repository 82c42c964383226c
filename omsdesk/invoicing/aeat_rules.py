"""The AEAT's business validations of a registro de alta that can be checked before issuing.

Source: AEAT, *Validaciones y errores – SIF y Sistemas VERI*FACTU* v1.2.0 (14/01/2026),
§3.1.3 (RegistroAlta) and §3.1.5 (SistemaInformatico); the section of each rule is in its
message. What needs the AEAT's census (a NIF "identificado en la AEAT", a VAT number
registered in VIES, an agreement number) or its clock is left to the AEAT's answer.

The rules read the record XML exactly as it would be sent, so the same check serves the
issuing service (which refuses before storing anything) and the tests of any record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree
from stdnum.es import cif as _cif
from stdnum.es import nie as _nie
from stdnum.es import nif as _nif
from stdnum.eu import vat as _vat
from stdnum.exceptions import ValidationError as StdnumError

from omsdesk.invoicing.verifactu_xml import NS_SF

_NS = {"sf": NS_SF}
WITH_RECIPIENT = ("F1", "F3", "R1", "R2", "R3", "R4")
WITHOUT_RECIPIENT = ("F2", "R5")
RECTIFYING = ("R1", "R2", "R3", "R4", "R5")
# List L10 (IVA) and L8A.
EXEMPTIONS = ("E1", "E2", "E3", "E4", "E5", "E6")
REGIMES_L8A = tuple(f"{n:02d}" for n in range(1, 13)) + ("14", "15", "17", "18", "19", "20")
# §15.1, §15.3: VAT rates and the recargo each admits (percent), outside the transitional windows.
VAT_RATES = {Decimal(r) for r in ("0", "2", "4", "5", "7.5", "10", "21")}
RECARGO_FOR_RATE = {Decimal("21"): {Decimal("5.2"), Decimal("1.75")}, Decimal("10"): {Decimal("1.4")},
                    Decimal("7.5"): {Decimal("1")}, Decimal("4"): {Decimal("0.5")},
                    Decimal("2"): {Decimal("0.26")}}
RECARGO_RATES = {Decimal(r) for r in ("0", "0.26", "0.5", "0.62", "1", "1.4", "1.75", "5.2")}
TOLERANCE = Decimal("10.00")  # euros, §15.7, §15.8, §16, §17
ORDER_IN_FORCE = date(2024, 10, 28)  # §3.1.3.1: Orden HAC/1177/2024 in force
SERIES_FORBIDDEN = set("\"'<>=")
SERIES_CODE = re.compile(r"[A-Z0-9]{1,8}")
_HASH = re.compile(r"[0-9A-F]{64}")
_SYSTEM_ID = re.compile(r"[A-Z0-9]{2}")


@dataclass(frozen=True)
class Problem:
    section: str  # of Validaciones v1.2.0
    message: str

    def __str__(self) -> str:
        return f"{self.message} (AEAT validation {self.section})"


def series_problem(code: str) -> str:
    """Why `code` cannot be an invoice series, or ''.

    The AEAT accepts printable ASCII 32-126 except " ' < > = in NumSerieFactura (§3.1.3.1) and
    the QR carries it (QR doc §4); omsdesk keeps series to 1-8 capital letters A-Z or digits,
    which also keeps the number readable on every document and in every file name.
    """
    if SERIES_CODE.fullmatch(code):
        return ""
    return (f"series '{code}' is not allowed: use 1 to 8 capital letters A-Z or digits "
            "(no Ñ, accents, spaces or symbols; AEAT validation 3.1.3.1)")


def num_serie_problem(num_serie: str) -> str:
    bad = sorted({c for c in num_serie if not 32 <= ord(c) <= 126 or c in SERIES_FORBIDDEN})
    if not bad:
        return ""
    return (f"the number '{num_serie}' has characters the AEAT refuses ({' '.join(bad)}): only "
            "printable ASCII without \" ' < > =")


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        d, m, y = (int(p) for p in text.split("-"))
        return date(y, m, d)
    except ValueError:
        return None


def _dec(text: str | None) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _spanish_nif(value: str) -> bool:
    for module in (_nif, _nie, _cif):
        try:
            module.validate(value)
            return True
        except StdnumError:
            continue
    return False


def _eu_vat(value: str) -> bool:
    try:
        _vat.validate(value)
        return True
    except StdnumError:
        return False


def _t(el: etree._Element, path: str) -> str | None:
    found = el.find(path, _NS)
    return found.text if found is not None else None


def _recipients(root: etree._Element, kind: str, exemptions: set[str]) -> Iterable[Problem]:
    people = root.findall("sf:Destinatarios/sf:IDDestinatario", _NS)
    if kind in WITH_RECIPIENT and not people:
        yield Problem("3.1.3.13", f"a {kind} invoice must identify its recipient: give the customer a "
                                  "Spanish NIF, an EU VAT number, or a foreign id with its type and "
                                  "country (or issue a simplified invoice to a consumer)")
    if kind in WITHOUT_RECIPIENT and people:
        yield Problem("3.1.3.13", f"a {kind} invoice cannot name a recipient")
    for who in people:
        nif, other = _t(who, "sf:NIF"), who.find("sf:IDOtro", _NS)
        if (nif is None) == (other is None):
            yield Problem("3.1.3.13", "the recipient needs exactly one of NIF or IDOtro")
            continue
        if nif is not None:
            if not _spanish_nif(nif):
                yield Problem("3.1.3.13", f"the recipient's NIF '{nif}' is not a valid NIF")
            if "E5" in exemptions:
                yield Problem("15.5.1", "an intra-community delivery (E5) must go to a buyer identified "
                                        "for VAT in another Member State (EU VAT number), not a Spanish NIF")
            continue
        assert other is not None
        id_type, country, ident = _t(other, "sf:IDType"), _t(other, "sf:CodigoPais"), _t(other, "sf:ID") or ""
        if id_type == "02":
            if not _eu_vat(ident) or ident.startswith("ES"):
                yield Problem("3.1.3.13", f"'{ident}' is not the VAT number of another EU Member State")
            if kind not in WITH_RECIPIENT:
                yield Problem("3.1.3.13", "a recipient identified by EU VAT number needs an F1, F3 or R1-R4")
            continue
        if not country:
            yield Problem("3.1.3.13", f"the recipient's foreign id '{ident}' needs the country that issued it")
        if country == "ES" and id_type not in ("03", "07"):
            yield Problem("3.1.3.13", "a Spanish id other than a NIF can only be a passport (id type 03)")
        if id_type == "07" and country != "ES":
            yield Problem("3.1.3.13", "id type 07 (no censado) is only for Spain")
        if "E5" in exemptions:
            yield Problem("15.5.1", "an intra-community delivery (E5) must go to a buyer identified by "
                                    "the VAT number of another Member State, not by a passport or other id")


def _detail(row: etree._Element, kind: str, by_differences: bool, on: date) -> Iterable[Problem]:
    regime = _t(row, "sf:ClaveRegimen")
    exempt = _t(row, "sf:OperacionExenta")
    qualif = _t(row, "sf:CalificacionOperacion")
    rate, cuota = _dec(_t(row, "sf:TipoImpositivo")), _dec(_t(row, "sf:CuotaRepercutida"))
    base = _dec(_t(row, "sf:BaseImponibleOimporteNoSujeto"))
    rec_rate = _dec(_t(row, "sf:TipoRecargoEquivalencia"))
    if regime not in REGIMES_L8A:
        yield Problem("15.6", f"ClaveRegimen '{regime}' is not in list L8A")
    if exempt is not None:
        if exempt not in EXEMPTIONS:
            yield Problem("15.5", f"exemption cause '{exempt}' is not in list L10")
        if regime == "01" and exempt in ("E2", "E3"):
            yield Problem("15.5", f"exemption {exempt} (export) needs regime 02, not the general regime 01")
        if any(_t(row, f"sf:{tag}") is not None for tag in
               ("TipoImpositivo", "CuotaRepercutida", "TipoRecargoEquivalencia", "CuotaRecargoEquivalencia")):
            yield Problem("15.5", "an exempt line carries no VAT or recargo rate or amount")
        return
    if regime == "02":
        yield Problem("15.6.1", "regime 02 (export) only admits exempt operations")
    if qualif == "S1":
        if rate is None or cuota is None:
            yield Problem("15.7", "a taxed line needs its VAT rate and amount")
            return
        allowed = set(VAT_RATES)
        if date(2022, 7, 1) <= on <= date(2024, 9, 30):
            allowed.add(Decimal(5))
        if rate not in allowed:
            yield Problem("15.1", f"{rate} % is not a Spanish VAT rate on {on:%d-%m-%Y}")
        if rec_rate is not None:
            pair = RECARGO_FOR_RATE.get(rate, set())
            if rec_rate not in RECARGO_RATES or rec_rate not in pair:
                yield Problem("15.3", f"recargo {rec_rate} % does not go with VAT {rate} %")
        if base is not None and not by_differences and kind not in ("R2", "R3"):
            if cuota and base and (cuota > 0) != (base > 0):
                yield Problem("15.7", "VAT amount and base must have the same sign")
            if abs(cuota - base * rate / 100) > TOLERANCE:
                yield Problem("15.7", f"VAT amount {cuota} is not {rate} % of {base}")


def alta_problems(xml: str, *, today: date) -> list[Problem]:
    """Every locally checkable AEAT validation the registro de alta `xml` fails."""
    root = etree.fromstring(xml.encode())
    out: list[Problem] = []
    kind = _t(root, "sf:TipoFactura") or ""
    num_serie = _t(root, "sf:IDFactura/sf:NumSerieFactura") or ""
    issued = _day(_t(root, "sf:IDFactura/sf:FechaExpedicionFactura"))
    operation = _day(_t(root, "sf:FechaOperacion"))
    rows = root.findall("sf:Desglose/sf:DetalleDesglose", _NS)
    regimes = {_t(r, "sf:ClaveRegimen") for r in rows}
    exemptions = {e for e in (_t(r, "sf:OperacionExenta") for r in rows) if e}
    special = bool(regimes & {"14", "15"})
    problem = num_serie_problem(num_serie)
    if problem:
        out.append(Problem("3.1.3.1", problem))
    if issued is None:
        out.append(Problem("3.1.3.1", "the issue date is missing or not DD-MM-YYYY"))
        return out
    if issued > today:
        out.append(Problem("3.1.3.1", f"the issue date {issued:%d-%m-%Y} is in the future"))
    if issued < ORDER_IN_FORCE:
        out.append(Problem("3.1.3.1", "the issue date is before 28-10-2024"))
    if operation is not None:
        if operation > issued and not special:
            out.append(Problem("3.1.3.1", f"the operation date {operation:%d-%m-%Y} is after the issue "
                                          "date; invoice the goods once they have shipped"))
        if operation < date(today.year - 20, today.month, min(today.day, 28)) or operation.year > today.year + 1:
            out.append(Problem("3.1.3.7", f"the operation date {operation:%d-%m-%Y} is out of range"))
    subsanacion, rechazo = _t(root, "sf:Subsanacion"), _t(root, "sf:RechazoPrevio")
    if rechazo == "X" and subsanacion != "S":
        out.append(Problem("3.1.3.2", "RechazoPrevio=X needs Subsanacion=S"))
    if rechazo == "S" and subsanacion != "S":
        out.append(Problem("3.1.3.2", "RechazoPrevio=S needs Subsanacion=S"))
    by_differences = _t(root, "sf:TipoRectificativa")
    if (by_differences is not None) != (kind in RECTIFYING):
        out.append(Problem("3.1.3.3", "TipoRectificativa goes on, and only on, a rectifying invoice"))
    if root.find("sf:FacturasRectificadas", _NS) is not None and kind not in RECTIFYING:
        out.append(Problem("3.1.3.4", "only a rectifying invoice cites rectified invoices"))
    if root.find("sf:FacturasSustituidas", _NS) is not None and kind != "F3":
        out.append(Problem("3.1.3.5", "only an F3 cites the simplified invoices it replaces"))
    if _t(root, "sf:FacturaSinIdentifDestinatarioArt61d") == "S" and kind not in WITHOUT_RECIPIENT:
        out.append(Problem("3.1.3.9", f"a {kind} invoice cannot be marked as issued without recipient"))
    total = _dec(_t(root, "sf:ImporteTotal")) or Decimal(0)
    if abs(total) >= Decimal("100000000") and _t(root, "sf:Macrodato") is None:
        out.append(Problem("3.1.3.10", "an invoice of 100,000,000.00 EUR or more needs Macrodato"))
    out.extend(_recipients(root, kind, exemptions))
    if not rows:
        out.append(Problem("3.1.3.15", "the record has no tax breakdown"))
    for row in rows:
        out.extend(_detail(row, kind, by_differences == "I", operation or issued))
    bases = sum((_dec(_t(r, "sf:BaseImponibleOimporteNoSujeto")) or Decimal(0) for r in rows), Decimal(0))
    taxes = sum((_dec(_t(r, f"sf:{tag}")) or Decimal(0) for r in rows
                 for tag in ("CuotaRepercutida", "CuotaRecargoEquivalencia")), Decimal(0))
    if kind == "F2" and bases + taxes > Decimal("3000.00") + TOLERANCE:
        out.append(Problem("3.1.3.15.8", "a simplified invoice cannot exceed 3,000.00 EUR"))
    if not regimes & {"03", "05", "06", "08", "09"}:
        cuota_total = _dec(_t(root, "sf:CuotaTotal")) or Decimal(0)
        if abs(cuota_total - taxes) > TOLERANCE:
            out.append(Problem("3.1.3.16", f"CuotaTotal {cuota_total} is not the sum of the breakdown"))
        if abs(total - bases - taxes) > TOLERANCE:
            out.append(Problem("3.1.3.17", f"ImporteTotal {total} is not the sum of the breakdown"))
    previous = _t(root, "sf:Encadenamiento/sf:RegistroAnterior/sf:Huella")
    if previous is not None and not _HASH.fullmatch(previous):
        out.append(Problem("3.1.3.18", "the previous record's fingerprint is not 64 upper-case hex digits"))
    out.extend(software_problems(root))
    return out


def software_problems(root: etree._Element) -> list[Problem]:
    """§3.1.5: the SistemaInformatico block of an alta or anulación."""
    box = root.find("sf:SistemaInformatico", _NS)
    if box is None:
        return [Problem("3.1.5", "the record does not name its invoicing system")]
    out = []
    nif = _t(box, "sf:NIF")
    if nif is None or not _spanish_nif(nif):
        out.append(Problem("3.1.5", f"the software producer's NIF '{nif}' is not a valid NIF"))
    if not _SYSTEM_ID.fullmatch(_t(box, "sf:IdSistemaInformatico") or ""):
        out.append(Problem("3.1.5", "IdSistemaInformatico must be two capital letters (not Ñ) or digits"))
    for tag in ("NombreSistemaInformatico", "TipoUsoPosibleSoloVerifactu", "TipoUsoPosibleMultiOT"):
        if not (_t(box, f"sf:{tag}") or "").strip():
            out.append(Problem("3.1.5", f"{tag} is empty"))
    return out


def alta_refusal(xml: str, *, today: date) -> str:
    """One line saying why the AEAT would reject this record, or '' when nothing local does."""
    return "; ".join(str(p) for p in alta_problems(xml, today=today))
