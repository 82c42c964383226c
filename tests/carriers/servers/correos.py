"""A local Correos (Spain) preregister and tracking API, from Correos' public API pages, not from our connector.

What it follows (Correos API portal, anypoint.mulesoft.com/exchange/portals/sociedad-estatal-correos):

- Security: "Client ID Enforcement. El API espera unas cabeceras con pareja clave/valor en sus
  peticiones. Todas las llamadas al API deberán incluir estos datos: client_id, client_secret"
  (boxentry), and "Rate limiting SLA based" (client API): 401 without them, 429 over the limit.
- Preregister 1.3: "Shipments preregister. As input, it has general information about the
  shipments, sender, recipient, packages, added values and customs information. If the input
  data is correct, it returns the codes of the preregistered shipments." "Shipments validation
  ... returns the errors of each of the shipments." "Cancel shipment. Receives as input a
  preregistered code." "Get shipments data. Receives as input the preregistered codes."
- The tracking search (localizador) takes up to several codes in `text`, with `language` and
  `searchType=1`, and answers `{"shipment": [{"shipmentCode", "events": [{"eventDate":
  "dd/mm/yyyy", "eventTime": "hh:mm:ss", "phase", "summaryText", "extendedText"}],
  "error": {"errorCode", "errorDesc"}}]}`; an unknown code has a non-zero errorCode.

Where the public pages do not show it, this server makes a choice the connector must then meet,
and which should be checked against Correos' sandbox before production:
- the paths (`/logistics/preregister/api/v1/shipments`, `/digital-services/searchengines/api/v1/`);
- field errors as 400 `{"errores": [{"codigo", "campo", "descripcion"}]}`;
- the label in the answer, base64 in `Etiqueta.Fichero`, PDF or ZPL as `FormatoEtiqueta` asks;
- a `ReferenciaCliente` preregistered already answers 409 with the `CodEnvio` it was given;
- "Cancel shipment" as `DELETE .../shipments/{CodEnvio}`, answering `{"Resultado": "0",
  "Anulado": true}`, and refused with 409 and an `errores` entry once Correos has scanned the
  shipment beyond "Prerregistrado" (a guess: the public pages name the operation only).
"""

from __future__ import annotations

import base64
import re
import threading
import time
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from omsdesk.sync.simulator import LocalShopServer, RecordedRequest, Reply, json_reply
from tests.carriers.servers import label_pdf, label_zpl, next_serial

CLIENT_ID = "correos-client-0000000000"
CLIENT_SECRET = "correos-secret-0000000000"
PREREGISTER = "/logistics/preregister/api/v1/shipments"
TRACKING = "/digital-services/searchengines/api/v1/"
MADRID = ZoneInfo("Europe/Madrid")


def _errors(status: int, field: str, text: str, code: str = "E001") -> Reply:
    return json_reply({"errores": [{"codigo": code, "campo": field, "descripcion": text}]}, status)


class CorreosServer(LocalShopServer):
    """Preregistered shipments and their events in memory; tests add events with `scan()`."""

    def __init__(self) -> None:
        super().__init__()
        self.shipments: dict[str, dict[str, Any]] = {}
        self.events: dict[str, list[dict[str, Any]]] = {}
        self.bad_label: bytes | None = None
        self._mutex = threading.Lock()
        self.stall_booking = 0  # bookings whose answer is held back `stall_seconds`
        self.stall_seconds = 1.0
        self._stalled = threading.Event()  # clear while a held-back answer is still to go out
        self._stalled.set()

    def authorized(self, request: RecordedRequest) -> bool:
        return request.header("client_id") == CLIENT_ID and request.header("client_secret") == CLIENT_SECRET

    def unauthorized(self, request: RecordedRequest) -> Reply:
        return json_reply({"error": "Authentication denied."}, 401)

    def reset(self) -> None:
        """Forget injected faults and stalls (the server lives for a whole test module)."""
        # A held-back answer of the last test must not take this test's injected label.
        self._stalled.wait(timeout=10)
        with self._lock:
            self._state.faults.clear()
        self.stall_booking, self.bad_label = 0, None

    @property
    def booked(self) -> int:
        return len(self.shipments)

    def scan(self, code: str, summary: str, at: datetime, phase: int = 2) -> None:
        local = at.astimezone(MADRID)
        with self._mutex:
            self.events.setdefault(code, []).append({
                "eventDate": local.strftime("%d/%m/%Y"), "eventTime": local.strftime("%H:%M:%S"),
                "phase": str(phase), "summaryText": summary, "extendedText": summary})

    def handle(self, request: RecordedRequest) -> Reply:
        if request.path == PREREGISTER and request.method == "POST":
            return self._preregister(request.json() or {})
        match = re.fullmatch(re.escape(PREREGISTER) + r"/([A-Z0-9]+)/label", request.path)
        if match and request.method == "GET":
            shipment = self.shipments.get(match.group(1))
            if shipment is None:
                return _errors(404, "CodEnvio", "Envío no encontrado", "E404")
            return json_reply(self._answer(shipment, request.param("formato") or "PDF"))
        match = re.fullmatch(re.escape(PREREGISTER) + r"/([A-Z0-9]+)", request.path)
        if match and request.method == "DELETE":
            code = match.group(1)
            if code not in self.shipments:
                return _errors(404, "CodEnvio", "Envío no encontrado", "E404")
            if any(e["phase"] != "1" for e in self.events.get(code, [])):
                return _errors(409, "CodEnvio", "El envío ya ha sido admitido y no puede anularse", "E140")
            del self.shipments[code]
            return json_reply({"Resultado": "0", "Anulado": True})
        if request.path == TRACKING and request.method == "GET":
            codes = [c for c in request.param("text").split(",") if c]
            out = []
            for code in codes:
                if code in self.shipments:
                    out.append({"shipmentCode": code, "events": list(self.events.get(code, [])),
                                "error": {"errorCode": "0", "errorDesc": ""}})
                else:
                    out.append({"shipmentCode": code, "events": [],
                                "error": {"errorCode": "1", "errorDesc": "No se ha encontrado el envío"}})
            return json_reply({"type": "envio", "shipment": out})
        return json_reply({"error": "Resource not found"}, 404)

    def _preregister(self, body: dict[str, Any]) -> Reply:
        to = body.get("Destinatario") or {}
        envio = body.get("Envio") or {}
        if not re.fullmatch(r"\d{5}", str(to.get("CP") or "")):
            return _errors(400, "Destinatario.CP", "El código postal del destinatario no es válido", "E102")
        if not str((to.get("DatosDireccion") or {}).get("Direccion") or "").strip():
            return _errors(400, "Destinatario.DatosDireccion.Direccion", "La dirección es obligatoria", "E103")
        pesos = envio.get("Pesos") or []
        if not pesos or int(pesos[0].get("Valor") or 0) <= 0:
            return _errors(400, "Envio.Pesos.Valor", "El peso es obligatorio", "E120")
        fmt = str(body.get("FormatoEtiqueta") or "PDF")
        if fmt not in ("PDF", "ZPL"):
            return _errors(400, "FormatoEtiqueta", "Formato de etiqueta no admitido", "E130")
        ref = str(envio.get("ReferenciaCliente") or "")
        with self._mutex:
            existing = next((s for s in self.shipments.values() if ref and s["ref"] == ref), None)
            if existing is not None:
                return json_reply({"CodEnvio": existing["code"], "Resultado": "1",
                                   "Mensaje": "Referencia de cliente ya prerregistrada"}, 409)
            code = f"PQ{next_serial():011d}ES"[:23]
            shipment = {"code": code, "ref": ref, "body": body}
            self.shipments[code] = shipment
        self.scan(code, "Prerregistrado", datetime.now(MADRID), phase=1)
        if self.stall_booking:
            # The booking is made, then the answer comes too late: the client's read times out.
            self.stall_booking -= 1
            self._stalled.clear()
            time.sleep(self.stall_seconds)
            self._stalled.set()
        return json_reply(self._answer(shipment, fmt))

    def _answer(self, shipment: dict[str, Any], fmt: str) -> dict[str, Any]:
        code = shipment["code"]
        with self._mutex:
            bad, self.bad_label = self.bad_label, None
        data = bad if bad is not None else (label_zpl(code) if fmt == "ZPL" else label_pdf(code))
        return {"Resultado": "0", "CodEnvio": code,
                "Etiqueta": {"Formato": fmt, "Fichero": base64.b64encode(data).decode()}}
