"""The SOAP 1.1 messages of the AEAT's VERI*FACTU service, in and out (SistemaFacturacion.wsdl).

Binding sfVerifactu: document/literal, soapAction "", the body is sum:RegFactuSistemaFacturacion
(SuministroLR.xsd) and the answer sfR:RespuestaRegFactuSistemaFacturacion
(RespuestaSuministro.xsd). Servicio web v1.0.0 §5.1: a Fault with faultcode soapenv:Server or
an answer that is not the expected XML means "reenviar mensaje"; soapenv:Client means the
message is wrong and must be fixed before it is sent again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from omsdesk.invoicing.verifactu_xml import NS_LR, NS_SF
from omsdesk.sync.errors import SyncError

NS_SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
NS_R = ("https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones"
        "/es/aeat/tike/cont/ws/RespuestaSuministro.xsd")
SCHEMAS = Path(__file__).with_name("schemas")
_NS = {"env": NS_SOAP, "sfR": NS_R, "sf": NS_SF}


class AeatFault(SyncError):
    """The AEAT answered with a SOAP Fault; `client` when the message itself was refused."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(f"AEAT {code}: {text}")
        self.code = code
        self.text = text

    @property
    def client(self) -> bool:
        return self.code.rpartition(":")[2] == "Client"


class AeatBadAnswer(SyncError):
    """What came back is not the answer the WSDL describes: resend, as for a lost answer."""


@cache
def schema(name: str) -> etree.XMLSchema:
    """One of the AEAT's schemas shipped in schemas/ (SuministroLR.xsd, RespuestaSuministro.xsd)."""
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def envelope(body: str) -> bytes:
    """The SOAP envelope around a RegFactuSistemaFacturacion, refused if it breaks the schema."""
    message = etree.fromstring(body.encode("utf-8"))
    lr = schema("SuministroLR.xsd")
    if not lr.validate(message):
        raise ValueError(f"the message breaks SuministroLR.xsd: {lr.error_log.last_error}")
    root = etree.Element(f"{{{NS_SOAP}}}Envelope", nsmap={"soapenv": NS_SOAP})
    etree.SubElement(root, f"{{{NS_SOAP}}}Header")
    etree.SubElement(root, f"{{{NS_SOAP}}}Body").append(message)
    return bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=True))


@dataclass(frozen=True)
class LineAnswer:
    """One RespuestaLinea: which record (IDFactura + Operacion) and what became of it."""

    issuer_tax_id: str
    num_serie: str
    issue_date: str
    operation: str  # 'Alta' or 'Anulacion'
    state: str  # EstadoRegistro: Correcto, AceptadoConErrores, Incorrecto
    code: str = ""
    description: str = ""
    # EstadoRegistroDuplicado when the record was refused as already registered.
    duplicate_state: str = ""


@dataclass(frozen=True)
class Answer:
    status: str  # EstadoEnvio: Correcto, ParcialmenteCorrecto, Incorrecto
    wait_seconds: int  # TiempoEsperaEnvio
    csv: str
    lines: tuple[LineAnswer, ...]


def _line(el: etree._Element) -> LineAnswer:
    def text(path: str) -> str:
        return (el.findtext(path, "", _NS) or "").strip()

    issuer = text("sfR:IDFactura/sf:IDEmisorFactura")
    number = text("sfR:IDFactura/sf:NumSerieFactura")
    day = text("sfR:IDFactura/sf:FechaExpedicionFactura")
    return LineAnswer(issuer, number, day, text("sfR:Operacion/sf:TipoOperacion"),
                      text("sfR:EstadoRegistro"), text("sfR:CodigoErrorRegistro"),
                      text("sfR:DescripcionErrorRegistro"),
                      text("sfR:RegistroDuplicado/sf:EstadoRegistroDuplicado"))


def parse_answer(data: bytes) -> Answer:
    """The AEAT's answer; AeatFault for a SOAP Fault, AeatBadAnswer for anything unexpected."""
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        raise AeatBadAnswer(f"the AEAT's answer is not XML ({exc})") from None
    fault = root.find("env:Body/env:Fault", _NS)
    if fault is not None:
        raise AeatFault((fault.findtext("faultcode") or "").strip(),
                        " ".join((fault.findtext("faultstring") or "").split()))
    body = root.find("env:Body/sfR:RespuestaRegFactuSistemaFacturacion", _NS)
    if body is None:
        raise AeatBadAnswer("the AEAT's answer has no RespuestaRegFactuSistemaFacturacion")
    answer_schema = schema("RespuestaSuministro.xsd")
    if not answer_schema.validate(body):
        raise AeatBadAnswer(f"the AEAT's answer breaks RespuestaSuministro.xsd: "
                            f"{answer_schema.error_log.last_error}")
    return Answer(status=(body.findtext("sfR:EstadoEnvio", "", _NS) or "").strip(),
                  wait_seconds=int(body.findtext("sfR:TiempoEsperaEnvio", "60", _NS) or 60),
                  csv=(body.findtext("sfR:CSV", "", _NS) or "").strip(),
                  lines=tuple(_line(el) for el in body.findall("sfR:RespuestaLinea", _NS)))


__all__ = ["NS_LR", "AeatBadAnswer", "AeatFault", "Answer", "LineAnswer", "envelope",
           "parse_answer", "schema"]
