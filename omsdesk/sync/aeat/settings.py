"""Where records go (pre-production or production endpoint) and with which certificate.

The endpoints are the sfVerifactu ports of SistemaFacturacion.wsdl (with a personal or
company certificate, not the "sello" ones). The certificate's password is kept in the
keyring only; the database holds the file's path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.services.invoicing.aeat import AeatSettings, get_aeat_settings, set_aeat_settings
from omsdesk.sync.aeat.transport import (
    CertificateInfo,
    HttpsTransport,
    Transport,
    certificate_info,
    client_context,
)
from omsdesk.sync.secrets import load_secret, store_secret

ENDPOINTS = {
    # <wsdl:port name="SistemaVerifactuPruebas">: Entorno de PRUEBAS
    "test": "https://prewww1.aeat.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP",
    # <wsdl:port name="SistemaVerifactu">: Entorno de PRODUCCION
    "production": "https://www1.agenciatributaria.gob.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP",
}
# For a local test server only (tests, a developer's own AEAT simulator); shown wherever the
# endpoint is shown, so nobody believes they are talking to the AEAT when they are not.
ENDPOINT_OVERRIDE = "OMSDESK_AEAT_ENDPOINT"
CA_OVERRIDE = "OMSDESK_AEAT_CA_BUNDLE"
KEYRING_ENTRY = "aeat-certificate"
MISSING_PASSWORD = ("no password stored for the AEAT certificate: run 'omsdesk verifactu settings "
                    "--certificate FILE.p12' and type the password on standard input")


@dataclass(frozen=True)
class Endpoint:
    url: str
    environment: str
    overridden: bool

    def describe(self) -> str:
        where = "pre-production (pruebas)" if self.environment == "test" else "PRODUCTION"
        if self.overridden:
            return f"{self.url} (set by {ENDPOINT_OVERRIDE}, instead of the AEAT {where})"
        return f"{self.url} (AEAT {where})"


def endpoint_for(environment: str) -> Endpoint:
    """The service address for the chosen environment (or the override for a test server)."""
    override = os.environ.get(ENDPOINT_OVERRIDE, "").strip()
    if override:
        return Endpoint(override, environment, True)
    return Endpoint(ENDPOINTS[environment], environment, False)


def configure(db: Database, *, actor: Actor, environment: str | None = None,
              certificate: str | None = None, password: str | None = None,
              presenter_nif: str | None = None) -> tuple[AeatSettings, CertificateInfo | None]:
    """Check a new certificate opens with its password, keep the password in the keyring, and
    store the settings. The password is checked before anything is stored."""
    info = None
    path = None
    if certificate is not None:
        path = os.path.abspath(certificate)
        info = certificate_info(path, password or "")
        store_secret(KEYRING_ENTRY, password or "")
    settings = set_aeat_settings(db, actor=actor, environment=environment, certificate_path=path,
                                 presenter_nif=presenter_nif)
    return settings, info


def stored_certificate(settings: AeatSettings) -> CertificateInfo:
    """The configured certificate's holder and expiry (opening it with the keyring's password)."""
    return certificate_info(settings.certificate_path,
                            load_secret(KEYRING_ENTRY, missing_hint=MISSING_PASSWORD))


def https_transport(settings: AeatSettings) -> Transport:
    """The TLS client for the configured environment with the configured certificate."""
    password = load_secret(KEYRING_ENTRY, missing_hint=MISSING_PASSWORD)
    ca = os.environ.get(CA_OVERRIDE) or None
    context = client_context(settings.certificate_path, password, ca)
    return HttpsTransport(endpoint_for(settings.environment).url, context, ca_bundle=ca)


def current_settings(db: Database) -> AeatSettings:
    return get_aeat_settings(db)
