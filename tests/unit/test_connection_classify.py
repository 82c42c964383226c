"""The classifier on the exact texts psycopg 3.3 / libpq give for failures the local test server
cannot produce (it has no TLS and runs PostgreSQL 15), and on a missing driver.

The TLS texts are libpq's, from src/interfaces/libpq/fe-secure-openssl.c and fe-connect.c,
as psycopg passes them in OperationalError (prefixed "connection failed: connection to server
at ..., port ... failed: "); "server does not support SSL, but SSL was required" was also seen
for real against the local server (tests/integration/test_db_connect.py).
"""

from __future__ import annotations

import pytest

from omsdesk.connection import classify, too_old

PREFIX = 'connection failed: connection to server at "10.0.0.5", port 5432 failed: '


@pytest.mark.parametrize(("text", "kind", "message"), [
    (PREFIX + 'root certificate file "/etc/omsdesk/ca.pem" does not exist\nEither provide the file, use the '
     "system's trusted roots with sslrootcert=system, or change sslmode to disable server certificate "
     "verification.", "tls", "the CA file '/etc/omsdesk/ca.pem' does not exist"),
    (PREFIX + "SSL error: certificate verify failed", "tls",
     "the server's TLS certificate could not be verified: check the CA file (sslrootcert)"),
    (PREFIX + 'server certificate for "db.shop.lan" does not match host name "10.0.0.5"', "tls",
     "the server's certificate is for 'db.shop.lan', not '10.0.0.5': connect by that name"),
    (PREFIX + 'FATAL:  no pg_hba.conf entry for host "10.0.0.9", user "omsdesk", database "omsdesk", no encryption',
     "tls", "the server requires TLS: connect with TLS mode require (or verify-full)"),
    (PREFIX + "server does not support SSL, but SSL was required", "tls",
     "the server does not offer TLS, but TLS is required (sslmode): ask for TLS or change the mode"),
    ("connection timeout expired", "timeout",
     "the server did not answer in time: check the network (LAN) and the host name"),
    (PREFIX + "No route to host\n\tIs the server running on that host and accepting TCP/IP connections?",
     "unreachable", "the server cannot be reached: check the network (LAN) connection"),
    (PREFIX + "fe_sendauth: no password supplied", "password",
     "the server wants a password and none is stored: connect again with the password"),
])
def test_driver_texts(text: str, kind: str, message: str) -> None:
    problem = classify(OSError(text))
    assert (problem.kind, str(problem)) == (kind, message)


def test_missing_psycopg() -> None:
    problem = classify(ModuleNotFoundError("No module named 'psycopg'", name="psycopg"))
    assert (problem.kind, str(problem)) == ("driver", "PostgreSQL support is not installed: pip install "
                                                      "'psycopg[binary]'")


def test_server_too_old_names_the_version() -> None:
    assert str(too_old(120017)) == "the server runs PostgreSQL 12.17; omsdesk needs 13 or newer"
    assert str(too_old(90624)) == "the server runs PostgreSQL 9.6; omsdesk needs 13 or newer"
    assert too_old(130000) is None and too_old(150004) is None


def test_unknown_text_keeps_its_first_line() -> None:
    assert str(classify(OSError(PREFIX + "something new\nsecond line"))) == (
        'connection to server at "10.0.0.5", port 5432 failed: something new')
