"""The XML of VERI*FACTU records (RegistroAlta, RegistroAnulacion) and of the AEAT submission.

Element names and their order follow SuministroInformacion.xsd (RegistroFacturacionAltaType,
RegistroFacturacionAnulacionType, DetalleType, SistemaInformaticoType, whose children are
all xsd:sequence) and SuministroLR.xsd (RegFactuSistemaFacturacion: Cabecera, then 1 to
1,000 RegistroFactura), with the namespaces those schemas declare. Serialisation is
deterministic, so verify-chain can rebuild a record's XML and compare it with the stored one.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from omsdesk.invoicing.verifactu import ALTA, RecordFields

NS_LR = ("https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones"
         "/es/aeat/tike/cont/ws/SuministroLR.xsd")
NS_SF = ("https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones"
         "/es/aeat/tike/cont/ws/SuministroInformacion.xsd")
NSMAP = {"sum": NS_LR, "sum1": NS_SF}
VERSION = "1.0"


@dataclass(frozen=True)
class InvoiceRef:
    """An invoice as the records identify it: issuer NIF, series-number, date (dd-mm-yyyy)."""

    issuer_tax_id: str
    num_serie: str
    issue_date: str


# IDType of IDOtro (SuministroInformacion.xsd PersonaFisicaJuridicaIDTypeType, list L7) that
# identify a recipient by a document rather than a VAT number. 02 (NIF-IVA) is written for EU
# VAT numbers; 07 (no censado) only for Spanish residents without NIF, which omsdesk does not use.
FOREIGN_ID_TYPES = {
    "03": "Pasaporte",
    "04": "Documento oficial de identificación expedido por el país de residencia",
    "05": "Certificado de residencia",
    "06": "Otro documento probatorio",
}


@dataclass(frozen=True)
class Recipient:
    name: str
    tax_id: str
    country: str = "ES"
    # '' for a Spanish NIF or an EU VAT number (prefix included), else a key of FOREIGN_ID_TYPES.
    id_type: str = ""


@dataclass(frozen=True)
class Detail:
    """One DetalleDesglose: a VAT rate (or exemption) with its base, VAT and recargo texts."""

    base: str
    rate: str = ""
    cuota: str = ""
    exemption: str | None = None
    recargo_rate: str = ""
    recargo: str = ""
    regime: str = "01"  # ClaveRegimen (list L8A): 01 general regime, 02 export


@dataclass(frozen=True)
class Software:
    """SistemaInformatico: who produced the invoicing system and which installation wrote it."""

    producer_name: str
    producer_tax_id: str
    version: str
    installation: str
    name: str = "omsdesk"
    system_id: str = "OM"
    # omsdesk is used only as a VERI*FACTU system (it sends every record to the AEAT and
    # keeps no signed event log for NO VERI*FACTU use): 'S'. Records written before it
    # declared so carry 'N' and are rebuilt with it.
    solo_verifactu: str = "S"


@dataclass(frozen=True)
class Correction:
    """Marks of a record that corrects an earlier one of the same invoice.

    Servicio web v1.0.0 §8.1.2 (alta de subsanación: Subsanacion=S), §8.1.3 (alta por rechazo:
    Subsanacion=S, RechazoPrevio=X), §8.2.2 (anulación por rechazo: RechazoPrevio=S).
    Empty strings leave the element out.
    """

    subsanacion: str = ""
    rechazo_previo: str = ""


NO_CORRECTION = Correction()


@dataclass(frozen=True)
class AltaContent:
    """What a registro de alta says beyond its hashed fields."""

    issuer_name: str
    description: str
    details: tuple[Detail, ...]
    recipient: Recipient | None = None
    rectified: tuple[InvoiceRef, ...] = ()
    substituted: tuple[InvoiceRef, ...] = ()
    # FechaOperacion (DD-MM-AAAA) when the goods left on another day than the invoice's (RD 1619/2012 art. 6.1.i).
    operation_date: str | None = None


def _sf(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, f"{{{NS_SF}}}{tag}")
    if text is not None:
        el.text = text
    return el


def _invoice_ref(parent: etree._Element, tag: str, ref: InvoiceRef) -> None:
    box = _sf(parent, tag)
    _sf(box, "IDEmisorFactura", ref.issuer_tax_id)
    _sf(box, "NumSerieFactura", ref.num_serie)
    _sf(box, "FechaExpedicionFactura", ref.issue_date)


def is_spanish_tax_id(tax_id: str) -> bool:
    """NIF, NIE or CIF as validation.valid_tax_id stores them: 9 characters, no country prefix."""
    return len(tax_id) == 9 and not tax_id[:2].isalpha()


def _recipient(parent: etree._Element, who: Recipient) -> None:
    box = _sf(_sf(parent, "Destinatarios"), "IDDestinatario")
    _sf(box, "NombreRazon", who.name[:120])
    if who.id_type:
        # A foreign document: the country that issued it, its type (list L7) and its number.
        other = _sf(box, "IDOtro")
        _sf(other, "CodigoPais", who.country)
        _sf(other, "IDType", who.id_type)
        _sf(other, "ID", who.tax_id[:20])
        return
    if is_spanish_tax_id(who.tax_id):
        _sf(box, "NIF", who.tax_id)
        return
    # Anything else that passed validation is an EU VAT number: NIF-IVA (list L7, key 02),
    # for which the country code is not required (its prefix says it).
    other = _sf(box, "IDOtro")
    _sf(other, "IDType", "02")
    _sf(other, "ID", who.tax_id[:20])


def _chain(parent: etree._Element, previous: InvoiceRef | None, previous_hash: str) -> None:
    box = _sf(parent, "Encadenamiento")
    if previous is None:
        _sf(box, "PrimerRegistro", "S")
        return
    prev = _sf(box, "RegistroAnterior")
    _sf(prev, "IDEmisorFactura", previous.issuer_tax_id)
    _sf(prev, "NumSerieFactura", previous.num_serie)
    _sf(prev, "FechaExpedicionFactura", previous.issue_date)
    _sf(prev, "Huella", previous_hash)


def _software(parent: etree._Element, sw: Software) -> None:
    box = _sf(parent, "SistemaInformatico")
    _sf(box, "NombreRazon", sw.producer_name[:120])
    _sf(box, "NIF", sw.producer_tax_id)
    _sf(box, "NombreSistemaInformatico", sw.name[:30])
    _sf(box, "IdSistemaInformatico", sw.system_id)
    _sf(box, "Version", sw.version[:50])
    _sf(box, "NumeroInstalacion", sw.installation[:100])
    # One issuer per installation (company_settings has a single row).
    _sf(box, "TipoUsoPosibleSoloVerifactu", sw.solo_verifactu)
    _sf(box, "TipoUsoPosibleMultiOT", "N")
    _sf(box, "IndicadorMultiplesOT", "N")


def _details(parent: etree._Element, details: tuple[Detail, ...]) -> None:
    box = _sf(parent, "Desglose")
    for d in details:
        row = _sf(box, "DetalleDesglose")
        _sf(row, "Impuesto", "01")  # IVA
        _sf(row, "ClaveRegimen", d.regime)
        if d.exemption:
            _sf(row, "OperacionExenta", d.exemption)
            _sf(row, "BaseImponibleOimporteNoSujeto", d.base)
            continue
        _sf(row, "CalificacionOperacion", "S1")  # subject, not exempt, no reverse charge
        _sf(row, "TipoImpositivo", d.rate)
        _sf(row, "BaseImponibleOimporteNoSujeto", d.base)
        _sf(row, "CuotaRepercutida", d.cuota)
        if d.recargo_rate:
            _sf(row, "TipoRecargoEquivalencia", d.recargo_rate)
            _sf(row, "CuotaRecargoEquivalencia", d.recargo)


def _tail(root: etree._Element, rec: RecordFields, hash_: str) -> None:
    _sf(root, "FechaHoraHusoGenRegistro", rec.generated_at)
    _sf(root, "TipoHuella", "01")  # SHA-256 (list L12)
    _sf(root, "Huella", hash_)


def alta_xml(rec: RecordFields, hash_: str, content: AltaContent, previous: InvoiceRef | None,
             software: Software, correction: Correction = NO_CORRECTION) -> str:
    """sum1:RegistroAlta for an issued invoice."""
    if rec.kind != ALTA:
        raise ValueError("alta_xml needs the fields of a registro de alta")
    root = etree.Element(f"{{{NS_SF}}}RegistroAlta", nsmap={"sum1": NS_SF})
    _sf(root, "IDVersion", VERSION)
    _invoice_ref(root, "IDFactura", InvoiceRef(rec.issuer_tax_id, rec.num_serie, rec.issue_date))
    _sf(root, "NombreRazonEmisor", content.issuer_name[:120])
    if correction.subsanacion:
        _sf(root, "Subsanacion", correction.subsanacion)
    if correction.rechazo_previo:
        _sf(root, "RechazoPrevio", correction.rechazo_previo)
    _sf(root, "TipoFactura", rec.invoice_type)
    if content.rectified:
        _sf(root, "TipoRectificativa", "I")  # by differences: the credit note carries the change
        box = _sf(root, "FacturasRectificadas")
        for ref in content.rectified:
            _invoice_ref(box, "IDFacturaRectificada", ref)
    if content.substituted:
        box = _sf(root, "FacturasSustituidas")
        for ref in content.substituted:
            _invoice_ref(box, "IDFacturaSustituida", ref)
    if content.operation_date:
        _sf(root, "FechaOperacion", content.operation_date)
    _sf(root, "DescripcionOperacion", content.description[:500])
    needs_recipient = rec.invoice_type in ("F1", "F3", "R1", "R2", "R3", "R4")
    if content.recipient is None and needs_recipient:
        # Only records written before issuing refused a full invoice without recipient
        # (invoicing/aeat_rules.py, Validaciones §3.1.3.9 and §3.1.3.13) carry this; it is
        # kept so that verify-chain rebuilds them exactly as they were written.
        _sf(root, "FacturaSinIdentifDestinatarioArt61d", "S")
    if content.recipient is not None:
        _recipient(root, content.recipient)
    _details(root, content.details)
    _sf(root, "CuotaTotal", rec.cuota_total)
    _sf(root, "ImporteTotal", rec.importe_total)
    _chain(root, previous, rec.previous_hash)
    _software(root, software)
    _tail(root, rec, hash_)
    return str(etree.tostring(root, encoding="unicode"))


def anulacion_xml(rec: RecordFields, hash_: str, previous: InvoiceRef | None,
                  software: Software, correction: Correction = NO_CORRECTION) -> str:
    """sum1:RegistroAnulacion for a cancelled invoice."""
    root = etree.Element(f"{{{NS_SF}}}RegistroAnulacion", nsmap={"sum1": NS_SF})
    _sf(root, "IDVersion", VERSION)
    box = _sf(root, "IDFactura")
    _sf(box, "IDEmisorFacturaAnulada", rec.issuer_tax_id)
    _sf(box, "NumSerieFacturaAnulada", rec.num_serie)
    _sf(box, "FechaExpedicionFacturaAnulada", rec.issue_date)
    if correction.rechazo_previo:
        _sf(root, "RechazoPrevio", correction.rechazo_previo)
    _chain(root, previous, rec.previous_hash)
    _software(root, software)
    _tail(root, rec, hash_)
    return str(etree.tostring(root, encoding="unicode"))


def submission(issuer_name: str, issuer_tax_id: str, records: list[str], *,
               incidencia: bool = False) -> str:
    """sum:RegFactuSistemaFacturacion with a Cabecera and one RegistroFactura per record.

    `incidencia` marks records sent late because of an outage (Cabecera
    RemisionVoluntaria/Incidencia=S, allowed only for VERI*FACTU systems, Validaciones §3.1.1.4).
    """
    if not 1 <= len(records) <= 1000:
        raise ValueError("a submission carries 1 to 1,000 records")
    root = etree.Element(f"{{{NS_LR}}}RegFactuSistemaFacturacion", nsmap=NSMAP)
    head = etree.SubElement(root, f"{{{NS_LR}}}Cabecera")
    who = _sf(head, "ObligadoEmision")
    _sf(who, "NombreRazon", issuer_name[:120])
    _sf(who, "NIF", issuer_tax_id)
    if incidencia:
        _sf(_sf(head, "RemisionVoluntaria"), "Incidencia", "S")
    for xml in records:
        box = etree.SubElement(root, f"{{{NS_LR}}}RegistroFactura")
        box.append(etree.fromstring(xml))
    return str(etree.tostring(root, encoding="unicode", xml_declaration=False))
