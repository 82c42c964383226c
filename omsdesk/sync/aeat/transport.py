"""HTTPS to the AEAT with the taxpayer's client certificate (a PKCS#12 file; password from the keyring).

Servicio web v1.0.0 §4: "las aplicaciones que envían información a los servicios web deberán
autenticarse con certificado electrónico cualificado reconocido". requests takes a client
certificate only as PEM files, so the PKCS#12 is opened in memory and handed to an
ssl.SSLContext through a PEM file that exists for one call, readable by this user only, with
the private key encrypted under the same password: the key never reaches disk in clear.
"""

from __future__ import annotations

import os
import ssl
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import requests
from cryptography import x509
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    PrivateFormat,
    pkcs12,
)
from requests.adapters import HTTPAdapter

from omsdesk.sync.errors import ChannelUnavailable, SyncError

TIMEOUT = (10.0, 120.0)  # connect, read: a batch of 1,000 records takes the AEAT a while


class CertificateError(SyncError):
    """The client certificate cannot be used: missing file, wrong password, expired."""


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    serial_number: str
    not_after: datetime


class Transport(Protocol):
    """Posts one SOAP message and returns the answer's bytes (a Fault included)."""

    def post(self, message: bytes) -> bytes: ...

    def close(self) -> None: ...


def _open(path: str, password: str) -> pkcs12.PKCS12KeyAndCertificates:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CertificateError(f"cannot read the certificate {path}: {exc.strerror or exc}") from None
    try:
        bundle = pkcs12.load_pkcs12(data, password.encode("utf-8"))
    except ValueError:
        # Never the password itself in the message: it is a secret.
        raise CertificateError(f"{path} is not a PKCS#12 certificate or the password is wrong") \
            from None
    if bundle.key is None or bundle.cert is None:
        raise CertificateError(f"{path} holds no private key with its certificate")
    return bundle


def certificate_info(path: str, password: str, *, now: datetime | None = None) -> CertificateInfo:
    """Who the certificate names and until when; CertificateError when unusable or expired."""
    cert: x509.Certificate = _open(path, password).cert.certificate  # type: ignore[union-attr]
    not_after = cert.not_valid_after_utc
    if not_after <= (now or datetime.now(UTC)):
        raise CertificateError(f"the certificate {path} expired on {not_after:%Y-%m-%d}")
    return CertificateInfo(cert.subject.rfc4514_string(), format(cert.serial_number, "X"),
                           not_after)


def client_context(path: str, password: str, ca_bundle: str | None = None) -> ssl.SSLContext:
    """A TLS context that presents the certificate and checks the server (system CAs, or `ca_bundle`)."""
    if not password:
        # The key is handed over encrypted with this password; a bare key never touches disk.
        raise CertificateError("the certificate's password is empty; export it with a password")
    bundle = _open(path, password)
    assert bundle.key is not None and bundle.cert is not None
    pem = bundle.key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                                   BestAvailableEncryption(password.encode("utf-8")))
    pem += bundle.cert.certificate.public_bytes(Encoding.PEM)
    for extra in bundle.additional_certs:
        pem += extra.certificate.public_bytes(Encoding.PEM)
    context = ssl.create_default_context(cafile=ca_bundle)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    fd, name = tempfile.mkstemp(prefix="omsdesk-aeat-", suffix=".pem")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        context.load_cert_chain(name, password=password)
    finally:
        os.unlink(name)
    return context


class _ContextAdapter(HTTPAdapter):
    def __init__(self, context: ssl.SSLContext) -> None:
        self._context = context
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._context
        super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["ssl_context"] = self._context
        return super().proxy_manager_for(*args, **kwargs)


class HttpsTransport:
    """POSTs SOAP messages to one endpoint over TLS with the client certificate."""

    def __init__(self, endpoint: str, context: ssl.SSLContext, *,
                 timeout: tuple[float, float] = TIMEOUT, ca_bundle: str | None = None) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.session = requests.Session()
        self.session.verify = ca_bundle or True
        self.session.mount("https://", _ContextAdapter(context))

    def post(self, message: bytes) -> bytes:
        """The answer's body: 200 with the answer, or 500 with a SOAP Fault (SOAP 1.1 §6.2)."""
        try:
            response = self.session.post(
                self.endpoint, data=message, timeout=self.timeout,
                headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'})
        except requests.RequestException as exc:
            # Servicio web §5.1: no answer, or the transmission does not progress: resend.
            raise ChannelUnavailable(f"the AEAT did not answer: {type(exc).__name__}") from None
        if response.status_code in (200, 500):
            return response.content
        raise ChannelUnavailable(f"the AEAT answered HTTP {response.status_code}")

    def close(self) -> None:
        self.session.close()
