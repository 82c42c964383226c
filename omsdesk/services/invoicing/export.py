"""E-invoice export: Factur-X (EN 16931 CII XML embedded in a PDF/A-3 of the invoice)."""

from __future__ import annotations

import io
import logging
from datetime import datetime

from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.invoicing.cii import ShipTo, cii_xml
from omsdesk.models import Order, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.invoice import Invoice
from omsdesk.product import PRODUCT
from omsdesk.services.invoicing.company import load_company
from omsdesk.services.invoicing.documents import doc_for
from omsdesk.services.invoicing.issue import load_invoice

log = logging.getLogger(__name__)

FORMATS = ("facturx",)


XMP_NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "pdf": "http://ns.adobe.com/pdf/1.3/", "xmp": "http://ns.adobe.com/xap/1.0/",
          "dc": "http://purl.org/dc/elements/1.1/"}
KEYWORDS = "Factur-X, Factura"


def _ship_to(session: Session, invoice: Invoice) -> ShipTo | None:
    order = session.get(Order, invoice.order_id) if invoice.order_id else None
    if order is None or not order.ship_country:
        return None
    return ShipTo(order.ship_name or "", order.ship_line1 or "", order.ship_line2 or "",
                  order.ship_postcode or "", order.ship_city or "", order.ship_province or "",
                  order.ship_country)


def _xml_of(session: Session, invoice: Invoice) -> bytes:
    corrected = session.get(Invoice, invoice.corrects_id) if invoice.corrects_id else None
    return cii_xml(invoice, corrected, _ship_to(session, invoice))


def facturx_xml(db: Database, number: str) -> bytes:
    """The CII XML alone (what a B2B customer's software reads)."""
    with db.read() as s:
        return _xml_of(s, load_invoice(s, number))


def export_invoice(db: Database, number: str, fmt: str = "facturx") -> bytes:
    """The invoice as a Factur-X PDF: the A4 PDF with its EN 16931 XML attached (XSD-checked)."""
    if fmt not in FORMATS:
        raise ValidationError(f"unknown export format '{fmt}' (use {', '.join(FORMATS)})")
    import facturx

    from omsdesk.documents.invoice import render_invoice

    with db.read() as s:
        invoice = load_invoice(s, number)
        xml = _xml_of(s, invoice)
        doc = doc_for(s, invoice, load_company(s))
    pdf = _with_output_intent(render_invoice(doc))
    try:
        out = bytes(facturx.generate_from_binary(
            pdf, xml, flavor="factur-x", level="en16931", check_xsd=True,
            lang="en-GB" if doc.language == "en" else "es-ES",
            pdf_metadata={"author": doc.issuer.name, "keywords": KEYWORDS,
                          "title": f"{doc.issuer.name}: {doc.number}",
                          "subject": f"Factur-X {doc.number} {doc.issue_date.isoformat()}"}))
    except Exception as exc:  # factur-x raises bare Exception when the XML fails its XSD
        log.exception("Factur-X export of %s failed", number)
        raise ValidationError(f"cannot export {number} as Factur-X: {exc}") from exc
    return align_metadata(out, producer=f"{PRODUCT.name} {PRODUCT.version}", keywords=KEYWORDS)


def _pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def align_metadata(pdf: bytes, *, producer: str, keywords: str) -> bytes:
    """Make the Info dictionary and the XMP packet say the same (ISO 19005-3 §6.6.2.3.1).

    factur-x writes Info from its arguments and XMP with pdf:Producer 'pypdf' and no
    pdf:Keywords, while the Info /Producer stays ReportLab's; here one producer, the keywords,
    and one timestamp go to both, with Title/Author/Subject/Creator taken from the XMP.
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    stream = writer._root_object["/Metadata"].get_object()
    if not isinstance(stream, StreamObject):
        raise ValidationError("the Factur-X PDF has no XMP metadata stream")
    packet = stream.get_data().decode("utf-8")
    start, end = packet.index("<x:xmpmeta"), packet.index("</x:xmpmeta>") + len("</x:xmpmeta>")
    meta = etree.fromstring(packet[start:end].encode())
    moment = utcnow().replace(microsecond=0)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")

    def one(path: str) -> etree._Element:
        found = meta.find(path, XMP_NS)
        if found is None:
            raise ValidationError(f"the Factur-X XMP has no {path}")
        return found

    produced = one(".//pdf:Producer")
    produced.text = producer
    words = etree.SubElement(produced.getparent(), f"{{{XMP_NS['pdf']}}}Keywords")
    words.text = keywords
    one(".//xmp:CreateDate").text = stamp
    one(".//xmp:ModifyDate").text = stamp
    info = {
        "/Title": one(".//dc:title/rdf:Alt/rdf:li").text or "",
        "/Author": one(".//dc:creator/rdf:Seq/rdf:li").text or "",
        "/Subject": one(".//dc:description/rdf:Alt/rdf:li").text or "",
        "/Creator": one(".//xmp:CreatorTool").text or "",
        "/Producer": producer, "/Keywords": keywords,
        "/CreationDate": _pdf_date(moment), "/ModDate": _pdf_date(moment),
    }
    body = etree.tostring(meta, encoding="unicode")
    stream.set_data((packet[:start] + body + packet[end:]).encode("utf-8"))
    writer.add_metadata(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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

