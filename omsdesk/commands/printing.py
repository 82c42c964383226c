"""`omsdesk print ...`: packing slips, pick lists and shipping labels to a file or a CUPS queue."""

from __future__ import annotations

import argparse

from omsdesk.commands.common import CliContext, positive_int
from omsdesk.config import load_settings
from omsdesk.documents.batch import render_labels, render_packing_slips
from omsdesk.documents.data import LabelDoc
from omsdesk.documents.pick_list import render_pick_list
from omsdesk.documents.printing import LABEL_MEDIA, PrinterProfile, print_bytes
from omsdesk.documents.zpl import render_label_zpl
from omsdesk.files import write_atomic
from omsdesk.models import ValidationError
from omsdesk.queries.documents import label_docs, packing_slip_doc, pick_list_doc

_DOCUMENTS = {
    "packing-slip": "packing slips of the given orders, all in one job",
    "pick-list": "one pick list for the given orders, sorted by bin",
    "label": "4x6 in shipping labels of the orders' latest shipments (PDF or ZPL)",
    # Invoicing (issue 5): these take invoice numbers, e.g. F2026-000123.
    "invoice": "invoices (A4) by number, all in one job",
    "receipt": "simplified invoices on the 80 mm roll, by number",
    "credit-note": "credit notes (facturas rectificativas) by number",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("print", help="print or save packing slips, pick lists and shipping labels")
    psub = p.add_subparsers(dest="print_command", metavar="DOCUMENT", required=True)
    for name, help_text in _DOCUMENTS.items():
        dp = psub.add_parser(name, help=help_text)
        dp.add_argument("references", nargs="+", metavar="REF", help="order reference, e.g. SO-2026-000123")
        target = dp.add_mutually_exclusive_group()
        target.add_argument("--out", metavar="FILE", help="write the PDF or ZPL to FILE")
        target.add_argument("--printer", metavar="QUEUE", help="send straight to this CUPS queue, no dialog "
                                                               "(default: this workstation's printer for it)")
        dp.add_argument("--format", choices=["pdf", "zpl"],
                        help="zpl (labels only) for Zebra printers at 203 dpi, sent raw (default: pdf, or the "
                             "workstation profile's format)")
        dp.add_argument("--copies", type=positive_int)
        dp.add_argument("--language", choices=["es", "en"], help="default: the customer's language")
        dp.add_argument("--media", help="CUPS media name (default: A4/A5 for slips and lists, "
                                        f"{LABEL_MEDIA} for labels)")
        if name == "packing-slip":
            dp.add_argument("--page-size", choices=["A4", "A5"], default="A4")
            dp.add_argument("--prices", action="store_true", help="show prices and the order total")
            dp.add_argument("--duplex", action="store_true")
            parcel = dp.add_mutually_exclusive_group()
            parcel.add_argument("--warehouse", metavar="CODE", help="the parcel reserved in this warehouse")
            parcel.add_argument("--shipment", type=int, metavar="N", help="the parcel of shipment N (a reprint)")
        elif name == "pick-list":
            dp.add_argument("--wave", metavar="NAME", help="name printed on the list (default: W-date-time)")
            dp.add_argument("--warehouse", metavar="CODE",
                            help="the warehouse to pick in (needed when the orders are reserved in several)")
            dp.add_argument("--duplex", action="store_true")
        elif name == "label":
            dp.add_argument("--parcels", type=positive_int,
                            help="labels per order (1/N, 2/N ...; default: the packages recorded when shipped)")
            dp.add_argument("--dpi", type=int, choices=[203, 300],
                            help="ZPL label printer resolution (default: the workstation profile's, else 203)")
        dp.set_defaults(func=_print, document=name)


def _workstation_profile(document: str) -> PrinterProfile | None:
    """The printer Settings chose for this document type on this workstation, if any."""
    printers = load_settings().get("printers", {})
    values = printers.get(document.replace("-", "_")) if isinstance(printers, dict) else None
    if not values:
        return None
    try:
        return PrinterProfile.from_mapping(values)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"The {document} printer in this workstation's settings is not valid: {exc}") from None


def _render(ctx: CliContext, fmt: str, copies: int, dpi: int = 203) -> tuple[bytes, str, str]:
    """The document bytes, what they are (for the message) and the default media."""
    a = ctx.args
    if fmt == "zpl" and a.document != "label":
        raise ValidationError("Only shipping labels print as ZPL; use --format pdf for this document")
    if a.document in ("invoice", "receipt", "credit-note"):
        from omsdesk.services.invoicing.documents import render_invoice_documents

        with ctx.db.read() as s:
            data = render_invoice_documents(s, a.document, a.references)
        return data, f"{len(a.references)} {a.document}(s)", "" if a.document == "receipt" else "A4"
    with ctx.db.read() as s:
        if a.document == "packing-slip":
            slips = [packing_slip_doc(s, ref, page_size=a.page_size, show_prices=a.prices, language=a.language,
                                      warehouse=a.warehouse, shipment=a.shipment)
                     for ref in a.references]
        elif a.document == "pick-list":
            pick = pick_list_doc(s, a.references, wave=a.wave, warehouse=a.warehouse, language=a.language or "es")
        else:
            labels: list[LabelDoc] = [doc for ref in a.references
                                      for doc in label_docs(s, ref, parcels=a.parcels, language=a.language)]
    if a.document == "packing-slip":
        return render_packing_slips(slips), f"{len(slips)} packing slip(s)", a.page_size
    if a.document == "pick-list":
        return render_pick_list(pick), f"pick list {pick.wave} ({len(pick.rows)} lines)", "A4"
    if fmt == "zpl":
        # Copies of a ZPL label are printed by the printer itself (^PQ), not repeated by CUPS.
        data = b"\n".join(render_label_zpl(doc, copies=copies, dpi=dpi) for doc in labels)
        return data, f"{len(labels)} label(s) as ZPL at {dpi} dpi", LABEL_MEDIA
    return render_labels(labels), f"{len(labels)} label(s)", LABEL_MEDIA


def _print(ctx: CliContext) -> int:
    a = ctx.args
    saved = None if a.out or a.printer else _workstation_profile(a.document)
    if not a.out and not a.printer and saved is None:
        raise ValidationError(f"No printer is set for {a.document} on this workstation; "
                              "pass --printer QUEUE or --out FILE")
    fmt = a.format or (saved.format if saved else "pdf")
    copies = a.copies or (saved.copies if saved else 1)
    dpi = getattr(a, "dpi", None) or (saved.dpi if saved else 203)
    data, what, default_media = _render(ctx, fmt, copies, dpi)
    if a.out:
        write_atomic(a.out, data)
        print(f"wrote {a.out}: {what}")
        return 0
    zpl = fmt == "zpl"
    profile = PrinterProfile(
        queue=a.printer or (saved.queue if saved else ""),
        media=a.media or (saved.media if saved and saved.media else default_media),
        copies=1 if zpl else copies,
        duplex=bool(getattr(a, "duplex", False)) or bool(saved and saved.duplex),
        format="zpl" if zpl else "pdf",
        server=saved.server if saved else None,
        dpi=dpi,
    )
    job = print_bytes(data, profile, title=f"omsdesk {a.document} {' '.join(a.references)}"[:120])
    print(f"{job}: {what} sent to {profile.queue}")
    return 0
