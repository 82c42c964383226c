"""The printed labels of every document in Spanish and English, in one table."""

from __future__ import annotations

from typing import Any

_TEXTS: dict[str, tuple[str, str]] = {
    # key: (es, en)
    "invoice": ("Factura", "Invoice"),
    "simplified": ("Factura simplificada", "Simplified invoice"),
    "credit_note": ("Factura rectificativa", "Credit note"),
    "number": ("Número", "Number"),
    "issue_date": ("Fecha de expedición", "Issue date"),
    "operation_date": ("Fecha de operación", "Operation date"),
    "cancelled": ("ANULADA", "CANCELLED"),
    "cancelled_on": ("Factura anulada el {date}: sin validez", "Invoice cancelled on {date}: not valid"),
    "customer": ("Cliente", "Customer"),
    "tax_id": ("NIF", "Tax ID"),
    "vat_id": ("NIF-IVA", "VAT number"),
    "id_03": ("Pasaporte", "Passport"),
    "id_04": ("Doc. identidad", "ID document"),
    "id_05": ("Cert. residencia", "Residence certificate"),
    "id_06": ("Doc. identificativo", "Identity document"),
    "phone": ("Tel.", "Phone"),
    "sku": ("Ref.", "SKU"),
    "description": ("Descripción", "Description"),
    "qty": ("Cant.", "Qty"),
    "unit_price": ("Precio", "Unit price"),
    "discount": ("Dto.", "Disc."),
    "vat": ("IVA", "VAT"),
    "amount": ("Importe", "Amount"),
    "base": ("Base imponible", "Taxable base"),
    "vat_rate": ("Tipo IVA", "VAT rate"),
    "vat_amount": ("Cuota IVA", "VAT amount"),
    "recargo_rate": ("Tipo R.E.", "Surcharge rate"),
    "recargo_amount": ("Recargo eq.", "Equalisation surcharge"),
    "total_net": ("Base imponible", "Net total"),
    "total_tax": ("Total IVA", "Total VAT"),
    "total_recargo": ("Total recargo eq.", "Total surcharge"),
    "total": ("Total", "Total"),
    "vat_included": ("IVA incluido", "VAT included"),
    "payment_terms": ("Forma de pago", "Payment terms"),
    "page_of": ("Página {page} de {pages}", "Page {page} of {pages}"),
    "corrects": ("Rectifica la factura {number}", "Corrects invoice {number}"),
    "corrects_dated": (
        "Rectifica la factura {number} del {date}",
        "Corrects invoice {number} of {date}",
    ),
    "reason": ("Motivo", "Reason"),
    "packing_slip": ("Albarán", "Packing slip"),
    "order": ("Pedido", "Order"),
    "order_date": ("Fecha del pedido", "Order date"),
    "ship_date": ("Fecha de envío", "Ship date"),
    "channel_ref": ("Ref. canal", "Channel ref."),
    "ship_to": ("Enviar a", "Ship to"),
    "ean": ("EAN", "EAN"),
    "bin": ("Ubicación", "Bin"),
    "items": ("Unidades", "Items"),
    "gift_note": ("Mensaje de regalo", "Gift message"),
    "pick_list": ("Lista de picking", "Pick list"),
    "wave": ("Oleada", "Wave"),
    "warehouse": ("Almacén", "Warehouse"),
    "created": ("Creada", "Created"),
    "orders": ("Pedidos", "Orders"),
    "lines": ("Líneas", "Lines"),
    "picked": ("Hecho", "Done"),
    "from": ("Remitente", "From"),
    "to": ("Destinatario", "To"),
    "tracking": ("Nº de seguimiento", "Tracking no."),
    "weight": ("Peso", "Weight"),
    "parcel": ("Bulto", "Parcel"),
    "thanks": ("Gracias por su compra", "Thank you for your purchase"),
}


def text(key: str, language: str, **values: Any) -> str:
    """The label `key` in `language`, with `{placeholders}` filled from `values`."""
    es, en = _TEXTS[key]
    chosen = es if language == "es" else en
    return chosen.format(**values) if values else chosen


def all_keys() -> tuple[str, ...]:
    return tuple(_TEXTS)
