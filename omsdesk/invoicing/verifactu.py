"""VERI*FACTU fingerprints (huella) and the verification QR URL, as the AEAT specifies them.

Sources (AEAT, sede electrónica, documentation for developers):
- "Detalle de las especificaciones técnicas para generación de la huella o hash de los
  registros de facturación", v0.1.2 (27/08/2024), sections 3 to 6: which fields, in which
  order, `name=value` joined by `&`, values trimmed, empty values as `name=`, UTF-8,
  SHA-256, 64 upper-case hexadecimal characters.
- Orden HAC/1177/2024, art. 13.1 (the same field lists) and art. 21 (the QR).
- "Detalle de las especificaciones técnicas del código QR de la factura y de la URL del
  servicio de cotejo", sections 2 to 6: hosts, the four parameters nif, numserie, fecha
  (DD-MM-AAAA) and importe (point as decimal separator), URL-encoded UTF-8 values, size
  30x30 to 40x40 mm, error correction level M, "QR tributario:" above the code and
  "VERI*FACTU" or "Factura verificable en la sede electrónica de la AEAT" below it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote_plus

QR_HOSTS = {
    "test": "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR",
    "production": "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR",
}
QR_HEADING = "QR tributario:"
QR_LEGEND = "VERI*FACTU"
QR_LEGEND_LONG = "Factura verificable en la sede electrónica de la AEAT"

ALTA = "alta"
ANULACION = "anulacion"

_ALTA_FIELDS = ("IDEmisorFactura", "NumSerieFactura", "FechaExpedicionFactura", "TipoFactura",
                "CuotaTotal", "ImporteTotal", "Huella", "FechaHoraHusoGenRegistro")
_ANULACION_FIELDS = ("IDEmisorFacturaAnulada", "NumSerieFacturaAnulada",
                     "FechaExpedicionFacturaAnulada", "Huella", "FechaHoraHusoGenRegistro")


@dataclass(frozen=True)
class RecordFields:
    """The hashed fields of one record, as the exact text that goes in the XML."""

    kind: str  # ALTA or ANULACION
    issuer_tax_id: str
    num_serie: str
    issue_date: str  # dd-mm-yyyy
    invoice_type: str  # empty for an anulación
    cuota_total: str  # empty for an anulación
    importe_total: str  # empty for an anulación
    previous_hash: str  # empty for the first record of a chain
    generated_at: str  # yyyy-mm-ddThh:mm:ss+hh:mm


def fingerprint_input(rec: RecordFields) -> str:
    """The text that is hashed: `name=value` pairs joined by `&`, no trailing separator."""
    values: tuple[str, ...]
    names: tuple[str, ...]
    if rec.kind == ALTA:
        values = (rec.issuer_tax_id, rec.num_serie, rec.issue_date, rec.invoice_type,
                  rec.cuota_total, rec.importe_total, rec.previous_hash, rec.generated_at)
        names = _ALTA_FIELDS
    elif rec.kind == ANULACION:
        values = (rec.issuer_tax_id, rec.num_serie, rec.issue_date, rec.previous_hash,
                  rec.generated_at)
        names = _ANULACION_FIELDS
    else:
        raise ValueError(f"unknown record kind {rec.kind!r}")
    # The specification trims each value as Java's String.trim() does: characters <= U+0020.
    return "&".join(f"{n}={v.strip(_JAVA_TRIM)}" for n, v in zip(names, values, strict=True))


_JAVA_TRIM = "".join(chr(c) for c in range(0x21))


def fingerprint(rec: RecordFields) -> str:
    """SHA-256 of the UTF-8 input text, as 64 upper-case hexadecimal characters."""
    return hashlib.sha256(fingerprint_input(rec).encode("utf-8")).hexdigest().upper()


def record_date(day: date) -> str:
    """FechaExpedicionFactura and the QR `fecha`: DD-MM-AAAA."""
    return day.strftime("%d-%m-%Y")


def record_timestamp(moment: datetime) -> str:
    """FechaHoraHusoGenRegistro: ISO 8601 with the local offset, whole seconds, never 'Z'."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the record timestamp needs a time zone offset")
    # isoformat() writes the offset as +hh:mm (also +00:00), as the record design asks.
    return moment.replace(microsecond=0).isoformat()


def amount_text(cents: int) -> str:
    """Euro cents as the record and the QR write them: point, two decimals, minus if negative."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d}"


def _encode(value: str) -> str:
    # The AEAT reference code uses java.net.URLEncoder (form encoding, UTF-8): it leaves
    # "*" alone and escapes "~", where Python's quote_plus does the opposite.
    return quote_plus(value, safe="*").replace("~", "%7E")


def qr_url(nif: str, num_serie: str, issue_date: str, importe: str,
           environment: str = "test") -> str:
    """The verification URL the invoice's QR code carries (nif, numserie, fecha, importe)."""
    try:
        host = QR_HOSTS[environment]
    except KeyError:
        raise ValueError(f"unknown VERI*FACTU environment {environment!r}") from None
    return (f"{host}?nif={_encode(nif)}&numserie={_encode(num_serie)}"
            f"&fecha={_encode(issue_date)}&importe={_encode(importe)}")
