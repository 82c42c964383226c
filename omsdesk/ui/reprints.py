"""Printing an order's label and packing slip again, on this workstation's printers (worker thread).

The label is the one of the order's latest parcel with a tracking number: the carrier's
number as its barcode, the shipping warehouse as sender (queries.documents.label_docs).
A label printer set to ZPL gets ZPL, any other printer a PDF.
"""

from __future__ import annotations

from typing import Any

from omsdesk.db import Database
from omsdesk.documents.packing_slip import render_packing_slip
from omsdesk.queries.documents import label_docs, packing_slip_doc
from omsdesk.ui.i18n import doc_language
from omsdesk.ui.print_dialogs import Delivery, deliver_document, label_payload


def print_label(db: Database, settings: dict[str, Any], reference: str) -> Delivery:
    language = doc_language(settings)
    with db.read() as s:
        docs = label_docs(s, reference, language=language)
    data, extension = label_payload(settings, docs)
    return deliver_document(settings, "label", data, f"label-{reference}", extension)


def print_packing_slip(db: Database, settings: dict[str, Any], reference: str,
                       shipment: int | None = None) -> Delivery:
    """The slip of parcel `shipment` (shipped or still open), else of what the order still has open."""
    with db.read() as s:
        doc = packing_slip_doc(s, reference, shipment=shipment, language=doc_language(settings))
    return deliver_document(settings, "packing_slip", render_packing_slip(doc),
                            f"slip-{reference}" + (f"-{shipment}" if shipment else ""))
