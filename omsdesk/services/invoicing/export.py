"""E-invoice export: Factur-X (EN 16931 CII XML embedded in a PDF/A-3 of the invoice)."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from omsdesk.db import Database
from omsdesk.invoicing.cii import cii_xml
from omsdesk.models import ValidationError
from omsdesk.models.invoice import Invoice
from omsdesk.services.invoicing.company import load_company
from omsdesk.services.invoicing.documents import doc_for
from omsdesk.services.invoicing.issue import load_invoice

log = logging.getLogger(__name__)

FORMATS = ("facturx",)


def facturx_xml(db: Database, number: str) -> bytes:
    """The CII XML alone (what a B2B customer's software reads)."""
    with db.read() as s:
        invoice = load_invoice(s, number)
        corrected = s.get(Invoice, invoice.corrects_id) if invoice.corrects_id else None
        return cii_xml(invoice, corrected)


def export_invoice(db: Database, number: str, fmt: str = "facturx") -> bytes:
    """The invoice as a Factur-X PDF: the A4 PDF with its EN 16931 XML attached (XSD-checked)."""
    if fmt not in FORMATS:
        raise ValidationError(f"unknown export format '{fmt}' (use {', '.join(FORMATS)})")
    import facturx

    from omsdesk.documents.invoice import render_invoice

    with db.read() as s:
        invoice = load_invoice(s, number)
        corrected = s.get(Invoice, invoice.corrects_id) if invoice.corrects_id else None
        xml = cii_xml(invoice, corrected)
        doc = doc_for(s, invoice, load_company(s))
    pdf = _with_output_intent(render_invoice(doc))
    try:
        return bytes(facturx.generate_from_binary(
            pdf, xml, flavor="factur-x", level="en16931", check_xsd=True,
            lang="en-GB" if doc.language == "en" else "es-ES",
            pdf_metadata={"author": doc.issuer.name, "keywords": "Factur-X, Factura",
                          "title": f"{doc.issuer.name}: {doc.number}",
                          "subject": f"Factur-X {doc.number} {doc.issue_date.isoformat()}"}))
    except Exception as exc:  # factur-x raises bare Exception when the XML fails its XSD
        log.exception("Factur-X export of %s failed", number)
        raise ValidationError(f"cannot export {number} as Factur-X: {exc}") from exc


def _srgb_profile() -> bytes | None:
    try:
        from PIL import ImageCms
    except ImportError:
        return None
    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def _with_output_intent(pdf: bytes) -> bytes:
    """Add the sRGB output intent PDF/A requires (ReportLab does not write one)."""
    icc = _srgb_profile()
    if icc is None:
        log.warning("no sRGB profile available: the Factur-X PDF has no PDF/A output intent")
        return pdf
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    stream = StreamObject()
    stream.set_data(icc)
    stream[NameObject("/N")] = NumberObject(3)  # three colour components (RGB)
    intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFA1"),
        NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB"),
        NameObject("/Info"): TextStringObject("sRGB IEC61966-2.1"),
        NameObject("/DestOutputProfile"): writer._add_object(stream),
    })
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

