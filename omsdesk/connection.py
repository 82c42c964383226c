"""The shared server connection: settings without the password, the password in the keyring,
a connection test, and one classifier that turns any connection failure into one clear line.

The CLI (`omsdesk db connect`), the GUI's connection dialog, the start-up path and the
"server unreachable" banner all use `classify`, so every surface says the same thing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from omsdesk.config import SETTINGS_DB_KEY as SETTINGS_KEY
from omsdesk.models.errors import OmsError

MIN_POSTGRES = 13
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
ENV_CONNECT_TIMEOUT = "OMSDESK_CONNECT_TIMEOUT"
DEFAULT_CONNECT_TIMEOUT_S = 5
PASSWORD_ENTRY = "db-password:{user}@{host}:{port}/{database}"


class ConnectionProblem(OmsError):
    """The server cannot be used; the message is already the one line to show."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class ServerSettings:
    host: str
    database: str
    user: str
    port: int = 5432
    sslmode: str = "prefer"
    sslrootcert: str = ""

    def url(self) -> str:
        """The SQLAlchemy URL without a password (what settings.json keeps)."""
        query: dict[str, str] = {}
        if self.sslmode and self.sslmode != "prefer":
            query["sslmode"] = self.sslmode
        if self.sslrootcert:
            query["sslrootcert"] = self.sslrootcert
        return URL.create("postgresql+psycopg", username=self.user or None, host=self.host,
                          port=self.port, database=self.database, query=query).render_as_string()

    @classmethod
    def from_url(cls, url: str) -> ServerSettings:
        u = parse_server_url(url)
        return cls(host=u.host or "", database=u.database or "", user=u.username or "",
                   port=u.port or 5432, sslmode=str(u.query.get("sslmode") or "prefer"),
                   sslrootcert=str(u.query.get("sslrootcert") or ""))


def parse_server_url(url: str) -> URL:
    """A PostgreSQL URL with host, database and user; ConnectionProblem ('usage') otherwise."""
    try:
        u = make_url(url)
    except ArgumentError:
        raise ConnectionProblem(f"invalid database URL '{url}'", "usage") from None
    if u.get_backend_name() != "postgresql":
        raise ConnectionProblem(f"not a PostgreSQL URL: '{u.render_as_string()}' (postgresql://USER@HOST/DB)",
                                "usage")
    if not (u.host and u.database and u.username):
        raise ConnectionProblem("the URL needs a user, a host and a database: postgresql://USER@HOST[:PORT]/DB",
                                "usage")
    mode = u.query.get("sslmode")
    if mode is not None and mode not in SSL_MODES:
        raise ConnectionProblem(f"unknown sslmode '{mode}' (one of {', '.join(SSL_MODES)})", "usage")
    if u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")
    return u


def without_password(u: URL) -> URL:
    # URL.set() ignores None, so a password can only be taken out this way.
    return u._replace(password=None)


def password_entry(url: str | URL) -> str:
    """The keyring entry of a server login: one per host, port, database and user."""
    u = make_url(url) if isinstance(url, str) else url
    return PASSWORD_ENTRY.format(user=u.username or "", host=u.host or "", port=u.port or 5432,
                                 database=u.database or "")


def store_password(url: str, password: str) -> None:
    from omsdesk.sync.secrets import store_secret

    store_secret(password_entry(url), password)


def stored_password(url: str | URL) -> str | None:
    """The keyring's password for this login, or None (no entry, no keyring: libpq may still
    find one in ~/.pgpass or PGPASSWORD)."""
    from omsdesk.sync.secrets import SecretUnavailable, load_secret

    try:
        return load_secret(password_entry(url), missing_hint="-")
    except SecretUnavailable:
        return None


def forget_password(url: str) -> None:
    from omsdesk.sync.secrets import SecretUnavailable, delete_secret

    try:
        delete_secret(password_entry(url))
    except SecretUnavailable:
        return


def with_keyring_password(u: URL) -> URL:
    """A PostgreSQL URL without a password gets the keyring's one (kept only in the engine)."""
    if u.get_backend_name() != "postgresql" or u.password is not None or not u.username:
        return u
    password = stored_password(u)
    return u.set(password=password) if password else u


def psycopg_kwargs(url: str | URL, *, timeout: int | None = None) -> dict[str, Any]:
    """psycopg.connect() arguments for a URL: its TLS options and the keyring's password, for the
    connections omsdesk opens outside SQLAlchemy (the LISTEN thread, the connection test)."""
    u = with_keyring_password(make_url(url) if isinstance(url, str) else url)
    params: dict[str, Any] = {"host": u.host, "port": u.port or 5432, "user": u.username,
                              "dbname": u.database, "connect_timeout": timeout or connect_timeout(),
                              "application_name": "omsdesk"}
    if u.password:
        params["password"] = u.password
    for key in ("sslmode", "sslrootcert"):
        if u.query.get(key):
            params[key] = str(u.query[key])
    return params


def connect_timeout() -> int:
    """Seconds to wait for a server: OMSDESK_CONNECT_TIMEOUT, else 5 (psycopg's minimum is 2)."""
    try:
        value = int(os.environ.get(ENV_CONNECT_TIMEOUT, "") or DEFAULT_CONNECT_TIMEOUT_S)
    except ValueError:
        value = DEFAULT_CONNECT_TIMEOUT_S
    return max(2, value)


def configured_url(settings: dict[str, Any]) -> str | None:
    value = settings.get(SETTINGS_KEY)
    return value if isinstance(value, str) and value else None


# ---- the classifier ---------------------------------------------------------------------------

# (kind, pattern on the driver's text, message). libpq/psycopg texts as they come from psycopg 3.3
# with libpq 18 (quoted in tests/unit/test_connection_classify.py).
_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("password", re.compile(r'password authentication failed for user "(?P<user>[^"]*)"'),
     "wrong password (or unknown user) for user '{user}'"),
    ("password", re.compile(r"no password supplied|fe_sendauth"),
     "the server wants a password and none is stored: connect again with the password"),
    ("database", re.compile(r'database "(?P<database>[^"]*)" does not exist'),
     "the server has no database '{database}'"),
    ("host", re.compile(r"failed to resolve host '(?P<host>[^']*)'"),
     "unknown host '{host}': check the name (DNS)"),
    ("host", re.compile(r'could not translate host name "(?P<host>[^"]*)"'),
     "unknown host '{host}': check the name (DNS)"),
    ("refused", re.compile(r'connection to server at "(?P<host>[^"]*)", port (?P<port>\d+) failed: Connection refused'),
     "server {host}:{port} refused the connection: is PostgreSQL running there and reachable?"),
    ("unreachable", re.compile(r"No route to host|Network is unreachable"),
     "the server cannot be reached: check the network (LAN) connection"),
    ("timeout", re.compile(r"timeout expired|timed out", re.IGNORECASE),
     "the server did not answer in time: check the network (LAN) and the host name"),
    ("tls", re.compile(r"server does not support SSL, but SSL was required"),
     "the server does not offer TLS, but TLS is required (sslmode): ask for TLS or change the mode"),
    ("tls", re.compile(r"no pg_hba.conf entry .*no encryption"),
     "the server requires TLS: connect with TLS mode require (or verify-full)"),
    ("tls", re.compile(r'root certificate file "(?P<file>[^"]*)" does not exist'),
     "the CA file '{file}' does not exist"),
    ("tls", re.compile(r'server certificate for "(?P<name>[^"]*)" does not match host name "(?P<host>[^"]*)"'),
     "the server's certificate is for '{name}', not '{host}': connect by that name"),
    ("tls", re.compile(r"certificate verify failed|certificate|SSL error", re.IGNORECASE),
     "the server's TLS certificate could not be verified: check the CA file (sslrootcert)"),
    ("role", re.compile(r'role "(?P<user>[^"]*)" does not exist'),
     "the server has no user '{user}'"),
)
MESSAGES: tuple[str, ...] = tuple(dict.fromkeys(message for _kind, _pattern, message in _RULES))


def classify(exc: BaseException) -> ConnectionProblem:
    """One clear line (and a kind, for tests and the GUI) for a failure to reach or use the server."""
    if isinstance(exc, ConnectionProblem):
        return exc
    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("psycopg"):
        return ConnectionProblem("PostgreSQL support is not installed: pip install 'psycopg[binary]'",
                                 "driver")
    text = _driver_text(exc)
    if "newer than this omsdesk knows" in text:
        return ConnectionProblem(text, "schema")
    for kind, pattern, message in _RULES:
        found = pattern.search(text)
        if found:
            return ConnectionProblem(message.format(**found.groupdict()), kind)
    first = next((line.strip() for line in text.splitlines() if line.strip()), type(exc).__name__)
    return ConnectionProblem(first.removeprefix("connection failed: "), "other")


def _driver_text(exc: BaseException) -> str:
    """The driver's own words: SQLAlchemy wraps them (`.orig`), DatabaseError chains them."""
    seen: BaseException | None = exc
    for _ in range(5):
        orig = getattr(seen, "orig", None)
        if orig is not None:
            return str(orig)
        if seen is None or seen.__cause__ is None:
            break
        seen = seen.__cause__
    return str(exc)


def too_old(version_num: int) -> ConnectionProblem | None:
    """PostgreSQL older than 13 is refused, naming the version found (server_version_num)."""
    if version_num and version_num < MIN_POSTGRES * 10000:
        major, rest = divmod(version_num, 10000)
        # From 10 on the number is major*10000+minor; before, major*10000+minor*100+patch.
        found = f"{major}.{rest}" if major >= 10 else f"{major}.{rest // 100}"
        return ConnectionProblem(f"the server runs PostgreSQL {found}; omsdesk needs {MIN_POSTGRES} or newer",
                                 "version")
    return None


def save_connection(url: str, password: str | None) -> None:
    """Make `url` (no password in it) this workstation's database; the password to the keyring.

    The keyring is written first: a settings file naming a server whose password was not kept
    would fail on the next start with a less helpful message.
    """
    from omsdesk.config import load_settings, save_settings

    u = without_password(parse_server_url(url)).render_as_string()
    if password:
        store_password(u, password)
    settings = load_settings()
    settings[SETTINGS_KEY] = u
    save_settings(settings)


def clear_connection() -> str | None:
    """Back to the local SQLite file; forgets the stored password. Returns the URL forgotten."""
    from omsdesk.config import load_settings, save_settings

    settings = load_settings()
    url = settings.pop(SETTINGS_KEY, None)
    if isinstance(url, str) and url:
        forget_password(url)
        save_settings(settings)
        return url
    return None
