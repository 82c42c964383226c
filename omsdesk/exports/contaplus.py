"""Sage 50 / ContaPlus (Spain) journal import: the fixed-width XDiario record, one line per apunte.

Layout followed (field order, type, width, decimals), as published for the ContaPlus "Diario"
table whose ASCII (SDF) copy is the XDiario.TXT file ContaPlus imports:
- "Estructura del fichero de asientos diarios", Gestool `prg/Contaplu.prg`
  (github.com/manuelcalerosolis/Gestool), an invoicing program that writes ContaPlus's journal:
  Asien N6, Fecha D8, SubCta C12, Contra C12, PtaDebe N12, Concepto C25, PtaHaber N12, Factura N7,
  BaseImpo N11, IVA N5.2, RecEquiv N5.2, Documento C6, Departa C3, Clave C6, Estado C1, NCasado N6,
  TCasado N1, Trans N6, Cambio N16.6, DebeME N16.6, HaberME N16.6, Auxiliar C1, Serie C1,
  Sucursal C4, CodDivisa C1, ImpAuxME N16.6, MonedaUso C1, EuroDebe N16.2, EuroHaber N16.2,
  BaseEuro N16.2, NoConv L1, NumeroInv C10 (275 characters).
- SimplyGest, "Avisos de ContaPlus al importar asientos desde archivos XDiario.TXT y XSubCta.TXT"
  (simplygest.es/blogtecnico/contaplus-me-da-error-o-muestra-avisos-al-intentar-importar-desde-
  simplygest/): ContaPlus refuses an entry whose debe and haber differ ("Asiento descuadrado"), an IVA
  line (472/477) without contrapartida, a subaccount of another length than the company's, and shifts
  the IVA % when the base is not exactly its width.
Sage does not publish this layout itself (none found in its public knowledge base); the record is
the one these programs write, so check the first import with a copy of the company.

Conventions: SDF copy of a DBF, so character fields left-aligned and space-padded, numbers
right-aligned with a decimal point, dates YYYYMMDD, logicals T/F; Windows-1252, CRLF. Amounts in
euros go in EuroDebe/EuroHaber/BaseEuro with MonedaUso "2" (euro); the peseta fields stay 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from omsdesk.exports.ledger_docs import Purchase, Receipt
from omsdesk.models import ValidationError
from omsdesk.models.invoice import Invoice


@dataclass(frozen=True)
class Field:
    name: str
    kind: str   # C text, N number, D date, L logical
    width: int
    decimals: int = 0


XDIARIO_FIELDS = (
    Field("ASIEN", "N", 6), Field("FECHA", "D", 8), Field("SUBCTA", "C", 12),
    Field("CONTRA", "C", 12), Field("PTADEBE", "N", 12), Field("CONCEPTO", "C", 25),
    Field("PTAHABER", "N", 12), Field("FACTURA", "N", 7), Field("BASEIMPO", "N", 11),
    Field("IVA", "N", 5, 2), Field("RECEQUIV", "N", 5, 2), Field("DOCUMENTO", "C", 6),
    Field("DEPARTA", "C", 3), Field("CLAVE", "C", 6), Field("ESTADO", "C", 1),
    Field("NCASADO", "N", 6), Field("TCASADO", "N", 1), Field("TRANS", "N", 6),
    Field("CAMBIO", "N", 16, 6), Field("DEBEME", "N", 16, 6), Field("HABERME", "N", 16, 6),
    Field("AUXILIAR", "C", 1), Field("SERIE", "C", 1), Field("SUCURSAL", "C", 4),
    Field("CODDIVISA", "C", 1), Field("IMPAUXME", "N", 16, 6), Field("MONEDAUSO", "C", 1),
    Field("EURODEBE", "N", 16, 2), Field("EUROHABER", "N", 16, 2), Field("BASEEURO", "N", 16, 2),
    Field("NOCONV", "L", 1), Field("NUMEROINV", "C", 10),
)
RECORD_WIDTH = sum(f.width for f in XDIARIO_FIELDS)
EURO = "2"   # MonedaUso: 1 pesetas, 2 euros


def field_slices() -> dict[str, slice]:
    """Where each field sits in a record (0-based), for readers and tests."""
    out: dict[str, slice] = {}
    pos = 0
    for f in XDIARIO_FIELDS:
        out[f.name] = slice(pos, pos + f.width)
        pos += f.width
    return out


@dataclass(frozen=True)
class Apunte:
    """One journal line. Amounts in cents; debe or haber, never both."""

    asiento: int
    fecha: date
    subcuenta: str
    contrapartida: str
    concepto: str
    debe: int
    haber: int
    documento: str
    factura: int = 0
    base: int = 0
    iva_bp: int = 0
    recargo_bp: int = 0
    numero: str = ""


def _cp1252(text: str) -> str:
    # One character per byte, so a replaced character keeps the record's width.
    return text.encode("cp1252", "replace").decode("cp1252")


def _value(f: Field, v: object) -> str:
    if f.kind == "C":
        return _cp1252(str(v))[:f.width].ljust(f.width)
    if f.kind == "D":
        assert isinstance(v, date)
        return v.strftime("%Y%m%d")
    if f.kind == "L":
        return "T" if v else "F"
    number = Decimal(str(v))
    text = f"{number:.{f.decimals}f}"
    if len(text) > f.width:
        raise ValidationError(f"{f.name} {text} does not fit in {f.width} characters")
    return text.rjust(f.width)


def _cents(minor: int) -> Decimal:
    return Decimal(minor).scaleb(-2)


def short_number(number: str, width: int) -> str:
    """A document number cut to a field's width without losing its series.

    F2026-000001 and R2026-000001 both end in 026-000001; keeping the first character (the
    series) and the tail keeps them apart: F026000001 and R026000001.
    """
    if len(number) <= width:
        return number
    compact = re.sub(r"[^0-9A-Za-z]", "", number)
    if len(compact) <= width:
        return compact
    return compact[0] + compact[-(width - 1):]


def record(a: Apunte) -> str:
    """The 275-character XDiario line of one apunte."""
    values: dict[str, object] = {
        "ASIEN": a.asiento, "FECHA": a.fecha, "SUBCTA": a.subcuenta, "CONTRA": a.contrapartida,
        "CONCEPTO": a.concepto, "FACTURA": a.factura % 10_000_000,
        "IVA": Decimal(a.iva_bp).scaleb(-2), "RECEQUIV": Decimal(a.recargo_bp).scaleb(-2),
        "DOCUMENTO": short_number(a.documento, 6), "MONEDAUSO": EURO, "EURODEBE": _cents(a.debe),
        "EUROHABER": _cents(a.haber), "BASEEURO": _cents(a.base), "NUMEROINV": short_number(a.numero, 10),
    }
    line = "".join(_value(f, values.get(f.name, "" if f.kind == "C" else 0)) for f in XDIARIO_FIELDS)
    assert len(line) == RECORD_WIDTH
    return line


def subaccount(prefix: str, number: int, digits: int) -> str:
    """PGC account plus a number, zero-filled to the company's subaccount length: 430, 12 -> 43000012."""
    if not 4 <= digits <= 12:
        raise ValidationError(f"ContaPlus subaccounts have 4 to 12 digits, not {digits}")
    fill = digits - len(prefix) - len(str(number))
    if fill < 0:
        raise ValidationError(f"{prefix} + {number} does not fit in a {digits}-digit subaccount")
    return prefix + "0" * fill + str(number)


def _invoice_number(number: str) -> int:
    digits = re.findall(r"\d+", number)
    return int(digits[-1]) if digits else 0


def _side(value: int) -> tuple[int, int]:
    # A positive value is a debit; negative (a credit note, a refund) goes to the other side.
    return (value, 0) if value >= 0 else (0, -value)


def _euros_only(currency: str, doc: str) -> None:
    if currency != "EUR":
        raise ValidationError(f"{doc} is in {currency}: ContaPlus books in euros; convert it first")


def _post(head: Apunte, sub: str, contra: str, value: int, *, base: int = 0, iva_bp: int = 0,
          recargo_bp: int = 0) -> Apunte:
    debe, haber = _side(value)
    return replace(head, subcuenta=sub, contrapartida=contra, debe=debe, haber=haber, base=base,
                   iva_bp=iva_bp, recargo_bp=recargo_bp)


def sales_entry(asiento: int, inv: Invoice, digits: int, receivable: str, sales: str,
                vat_output: str) -> list[Apunte]:
    """430 customer against 700 sales and one 477 line per VAT rate carrying base, rate and recargo.

    Credit notes are stored with negative amounts, so their lines land on the opposite side
    (430 in haber, 700 and 477 in debe) and the IVA register gets a negative base.
    """
    _euros_only(inv.currency, inv.number)
    customer = subaccount(receivable, inv.customer_id or 0, digits)
    income = subaccount(sales, 0, digits)
    vat = subaccount(vat_output, 0, digits)
    text = f"{'Abono' if inv.total < 0 else 'Fra.'} {inv.number} {inv.customer_name or ''}"
    head = Apunte(asiento, inv.issue_date, "", "", text.strip(), 0, 0, inv.number,
                  factura=_invoice_number(inv.number), numero=inv.number)
    out = [_post(head, customer, income, inv.total), _post(head, income, customer, -inv.total_net)]
    # IVA lines name the customer as contrapartida: ContaPlus refuses them without one.
    out += [_post(head, vat, customer, -(t.tax + t.recargo), base=t.base, iva_bp=t.rate_bp,
                  recargo_bp=t.recargo_rate_bp) for t in inv.taxes]
    return out


def purchase_entry(asiento: int, p: Purchase, digits: int, purchases: str, vat_input: str,
                   payable: str) -> list[Apunte]:
    """600 purchases and one 472 line per VAT rate against 400 supplier."""
    _euros_only(p.currency, p.document)
    supplier = subaccount(payable, p.supplier_id, digits)
    expense = subaccount(purchases, 0, digits)
    vat = subaccount(vat_input, 0, digits)
    head = Apunte(asiento, p.when, "", "", f"Fra. prov. {p.number} {p.supplier}", 0, 0, p.number,
                  factura=_invoice_number(p.number), numero=p.number)
    out = [_post(head, expense, supplier, p.net)]
    out += [_post(head, vat, supplier, tax, base=base, iva_bp=rate_bp)
            for rate_bp, base, tax in p.taxes if tax]
    out.append(_post(head, supplier, expense, -p.total))
    return out


def receipt_entry(asiento: int, r: Receipt, digits: int, bank: str, party: str,
                  paid_to_supplier: bool) -> list[Apunte]:
    """572 bank against the customer's 430 (money in) or the supplier's 400 (money out)."""
    _euros_only(r.currency, r.document)
    cash = subaccount(bank, 0, digits)
    other = subaccount(party, r.party_id or 0, digits)
    value = -r.amount if paid_to_supplier else r.amount
    word = "Pago" if paid_to_supplier else ("Cobro" if r.amount > 0 else "Devol.")
    head = Apunte(asiento, r.when, "", "", f"{word} {r.document}", 0, 0, r.document)
    return [_post(head, cash, other, value), _post(head, other, cash, -value)]
