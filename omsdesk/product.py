"""omsdesk's own identity as an invoicing system (SistemaInformatico of every VERI*FACTU record).

The Diseño de registro (DsRegistroVeriFactu.xlsx, block SistemaInformatico) asks for the name and
NIF "de la persona o entidad productora" of the system, not of the company using it; the same
values go in the producer's declaración responsable (RD 1007/2023 art. 13). They are the
project's settings, set here by whoever distributes omsdesk, and never taken from the invoicing
company.
"""

from __future__ import annotations

from dataclasses import dataclass

from omsdesk import __version__


@dataclass(frozen=True)
class ProductIdentity:
    name: str            # NombreSistemaInformatico (max 30)
    system_id: str       # IdSistemaInformatico: two upper-case letters (not Ñ) or digits
    version: str         # Version (max 50)
    producer_name: str   # NombreRazon of the producer (max 120)
    producer_tax_id: str  # NIF of the producer (9 characters)


PRODUCT = ProductIdentity(
    name="omsdesk",
    system_id="OM",
    version=__version__,
    # The distributor that signs the declaración responsable replaces these two values in its
    # build; 00000000T is a well-formed placeholder NIF that belongs to nobody.
    producer_name="Proyecto omsdesk",
    producer_tax_id="00000000T",
)
