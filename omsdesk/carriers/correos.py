"""Correos (Spain): preregister a parcel (Paq) with its label, cancel it, and follow it in the tracking API.

Correos' APIs take the headers `client_id` and `client_secret` (Client ID Enforcement) and are
rate limited per contract (429). The preregister answers the shipment code (CodEnvio), which is
the tracking number, with the label in PDF or ZPL, base64 in the JSON. Our booking key goes as
`ReferenciaCliente`; a repeated reference is answered 409 with the code already given, so a
retry after a timeout never books twice.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from omsdesk.carriers.base import (
    Booking,
    BookingRejected,
    CancelRefused,
    CarrierConfig,
    CarrierUnavailable,
    LabelFormat,
    LabelFormatError,
    ParcelRequest,
    TrackingAnswer,
    TrackingUpdate,
)
from omsdesk.carriers.http import (
    body_of,
    carrier_errors,
    make_client,
    plain_rejection,
    split_secret,
)
from omsdesk.carriers.labels import check_label
from omsdesk.models.carrier import TrackingStatus as T
from omsdesk.sync.errors import RequestRejected
from omsdesk.sync.ratelimit import RateLimit

DEFAULT_URL = "https://api1.correos.es"
PREREGISTER = "/logistics/preregister/api/v1/shipments"
TRACKING = "/digital-services/searchengines/api/v1/"
DEFAULT_PRODUCT = "S0132"  # Paq Premium (home delivery)
MADRID = ZoneInfo("Europe/Madrid")  # Correos gives local dates and times without a zone
# Words of Correos' event summary -> ours (checked in this order; the rest is on its way).
SUMMARY = (
    ("entregado", T.DELIVERED), ("devuelto", T.RETURNED_TO_SENDER), ("devolución", T.RETURNED_TO_SENDER),
    ("en reparto", T.OUT_FOR_DELIVERY), ("ausente", T.DELIVERY_FAILED), ("no entregado", T.DELIVERY_FAILED),
    ("dirección incorrecta", T.DELIVERY_FAILED), ("prerregistrado", T.BOOKED), ("pre-registrado", T.BOOKED),
)


class CorreosCarrier:
    """One Correos contract (client id and secret from Correos ID)."""

    formats: tuple[str, ...] = ("pdf", "zpl")

    def __init__(self, config: CarrierConfig, **http_options: Any) -> None:
        self.name = config.name
        self.base = (config.url or DEFAULT_URL).rstrip("/")
        client_id, client_secret = split_secret(config.secret, "Correos")
        self.contract = dict(config.settings)
        per_second = float(config.settings.get("requests_per_second", 5))
        self.http = make_client(config.name, limit=RateLimit(per_second * 2, per_second),
                                secrets=(client_secret,),
                                headers={"client_id": client_id, "client_secret": client_secret}, **http_options)

    @classmethod
    def from_config(cls, config: CarrierConfig, **http_options: Any) -> CorreosCarrier:
        return cls(config, **http_options)

    def close(self) -> None:
        self.http.close()

    def book(self, request: ParcelRequest) -> Booking:
        """Preregister the parcel; a reference already preregistered answers its existing code."""
        body = self._body(request)
        try:
            with carrier_errors(self.name, f"booking {request.reference}", self._rejected):
                answer = self.http.send_json("POST", self.base + PREREGISTER, body, idempotent=False)
        except _AlreadyBooked as done:
            # Booked by an earlier try whose answer was lost: the same shipment, its label fetched.
            code = str(done.answer["CodEnvio"])
            data, kind = self.label(code, request.label_format)
        else:
            code = str((answer or {}).get("CodEnvio") or "")
            if not code:
                raise CarrierUnavailable(f"{self.name}: Correos answered the preregister without a shipment code")
            data, kind = _label_of(answer, request.label_format, self.name)
        return Booking(tracking=code, carrier_ref=code, label=data, label_format=kind, carrier_name="correos",
                       tracking_url=f"https://www.correos.es/es/es/herramientas/localizador/envios/detalle?tracking-number={code}")

    def _body(self, request: ParcelRequest) -> dict[str, Any]:
        def party(a: Any) -> dict[str, Any]:
            return {"Identificacion": {"Nombre": a.name},
                    "DatosDireccion": {"Direccion": " ".join(v for v in (a.line1, a.line2) if v),
                                       "Localidad": a.city, "Provincia": a.province},
                    "CP": a.postcode, "Pais": a.country, "Telefonocontacto": a.phone, "Email": a.email}

        envio: dict[str, Any] = {
            "CodProducto": request.service or str(self.contract.get("product") or DEFAULT_PRODUCT),
            "ReferenciaCliente": request.key, "ReferenciaCliente2": request.reference,
            "NumBultos": request.packages, "Pesos": [{"TipoPeso": "R", "Valor": request.weight_g}],
        }
        if request.length_mm and request.width_mm and request.height_mm:
            envio.update(Largo=request.length_mm // 10, Ancho=request.width_mm // 10, Alto=request.height_mm // 10)
        if request.cod_amount:
            envio["ValoresAnadidos"] = {"Reembolso": {"Importe": request.cod_amount,
                                                      "TipoReembolso": "RC"}}
        return {"CodEtiquetador": str(self.contract.get("labeller") or ""),
                "FormatoEtiqueta": request.label_format.upper(),
                "Remitente": party(request.sender), "Destinatario": party(request.recipient), "Envio": envio}

    def _rejected(self, exc: RequestRejected) -> Exception:
        body = body_of(exc.body_excerpt) or {}
        if exc.status == 409 and body.get("CodEnvio"):
            return _AlreadyBooked(body)
        errors = body.get("errores") or []
        first = errors[0] if errors and isinstance(errors[0], dict) else {}
        field = str(first.get("campo") or "")
        text = str(first.get("descripcion") or exc.body_excerpt[:200])
        where = f" ({field})" if field else ""
        return BookingRejected(f"{self.name}: Correos refused the parcel (HTTP {exc.status}){where}: {text}",
                               field_name=field)

    def label(self, carrier_ref: str, label_format: LabelFormat = "pdf") -> tuple[bytes, str]:
        with carrier_errors(self.name, f"fetching the label of {carrier_ref}", plain_rejection(self.name, "the label")):
            answer = self.http.get_json(f"{self.base}{PREREGISTER}/{carrier_ref}/label",
                                        params={"formato": label_format.upper()})[0]
        return _label_of(answer, label_format, self.name)

    def cancel(self, carrier_ref: str) -> str:
        """DELETE the preregistered shipment ("Cancel shipment. Receives as input a preregistered code")."""
        with carrier_errors(self.name, f"cancelling {carrier_ref}", lambda exc: self._cancel_refused(carrier_ref, exc)):
            self.http.request("DELETE", f"{self.base}{PREREGISTER}/{carrier_ref}")
        return "cancelled"

    def _cancel_refused(self, carrier_ref: str, exc: RequestRejected) -> CancelRefused:
        errors = (body_of(exc.body_excerpt) or {}).get("errores") or []
        first = errors[0] if errors and isinstance(errors[0], dict) else {}
        text = str(first.get("descripcion") or exc.body_excerpt[:200])
        return CancelRefused(f"{self.name}: Correos will not cancel {carrier_ref} (HTTP {exc.status}): {text}")

    def track(self, tracking_numbers: Sequence[str]) -> TrackingAnswer:
        """Up to 10 codes per call, comma separated, as the tracking search takes them."""
        events: dict[str, list[TrackingUpdate]] = {}
        unknown: list[str] = []
        numbers = list(tracking_numbers)
        for start in range(0, len(numbers), 10):
            chunk = numbers[start:start + 10]
            with carrier_errors(self.name, "reading tracking", plain_rejection(self.name, "the tracking search")):
                data, _ = self.http.get_json(self.base + TRACKING, params={
                    "text": ",".join(chunk), "language": "ES", "searchType": "1"})
            for shipment in (data or {}).get("shipment") or []:
                code = str(shipment.get("shipmentCode") or "")
                error = shipment.get("error") or {}
                if str(error.get("errorCode") or "0") != "0":
                    unknown.append(code)
                    continue
                events[code] = [_update(code, e) for e in shipment.get("events") or []]
        return TrackingAnswer(events, tuple(unknown))


class _AlreadyBooked(Exception):
    def __init__(self, answer: dict[str, Any]) -> None:
        super().__init__("already preregistered")
        self.answer = answer


def _label_of(answer: Any, wanted: str, carrier: str) -> tuple[bytes, str]:
    label = (answer or {}).get("Etiqueta") or {}
    try:
        data = base64.b64decode(str(label.get("Fichero") or ""), validate=True)
    except (binascii.Error, ValueError):
        raise LabelFormatError(f"{carrier}: the label Correos sent is not valid base64; book again to fetch it") from None
    return data, check_label(data, wanted, carrier)


def _update(code: str, event: dict[str, Any]) -> TrackingUpdate:
    summary = str(event.get("summaryText") or "")
    when = datetime.strptime(f"{event.get('eventDate')} {event.get('eventTime') or '00:00:00'}", "%d/%m/%Y %H:%M:%S")
    low = summary.lower()
    status = next((s for word, s in SUMMARY if word in low), T.IN_TRANSIT)
    return TrackingUpdate(tracking=code, code=summary[:40] or str(event.get("phase") or ""), status=status.value,
                          at=when.replace(tzinfo=MADRID), message=str(event.get("extendedText") or summary))
