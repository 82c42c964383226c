"""`omsdesk db connect|disconnect`: the shared PostgreSQL server this workstation uses by default.

The URL (with TLS options, without the password) goes to settings.json; the password only to
the keyring, under one entry per host, port, database and user (omsdesk/connection.py).
"""

from __future__ import annotations

import argparse
import sys

from omsdesk.commands.common import CliContext, add_json_flag, print_json, read_secret
from omsdesk.config import ENV_DB, default_database_url, load_settings
from omsdesk.connection import (
    SETTINGS_KEY,
    SSL_MODES,
    ConnectionProblem,
    ServerSettings,
    clear_connection,
    parse_server_url,
    save_connection,
    stored_password,
    without_password,
)
from omsdesk.db import try_connection


def register(dsub: argparse._SubParsersAction) -> None:
    c = dsub.add_parser("connect", help="use a shared PostgreSQL server by default (password to the keyring)")
    c.add_argument("url", nargs="?", metavar="URL", help="postgresql://USER@HOST[:PORT]/DB (a password in it is "
                   "moved to the keyring)")
    c.add_argument("--sslmode", choices=[m for m in SSL_MODES if m in ("disable", "require", "verify-full")],
                   help="TLS: disable, require (encrypted), verify-full (encrypted, certificate and host checked)")
    c.add_argument("--sslrootcert", metavar="FILE", help="CA certificate file that signed the server's certificate")
    c.add_argument("--test", action="store_true", help="only test the connection; save nothing")
    c.add_argument("--show", action="store_true", help="print the configured server (never the password)")
    add_json_flag(c)
    c.set_defaults(func=_connect)
    d = dsub.add_parser("disconnect", help="go back to the local SQLite file (forgets the stored password)")
    add_json_flag(d)
    d.set_defaults(func=_disconnect)


def _connect(ctx: CliContext) -> int:
    args = ctx.args
    if args.show:
        return _show(args.json)
    if not args.url:
        print("omsdesk: db connect needs a URL (or --show)", file=sys.stderr)
        return 2
    try:
        u = parse_server_url(args.url)
    except ConnectionProblem as exc:
        print(f"omsdesk: {exc}", file=sys.stderr)
        return 2
    if args.sslmode:
        u = u.update_query_dict({"sslmode": args.sslmode})
    if args.sslrootcert:
        u = u.update_query_dict({"sslrootcert": args.sslrootcert})
    password = u.password
    url = without_password(u).render_as_string()
    if password is None:
        password = read_secret(f"Password for {u.username}@{u.host}/{u.database}: ") or stored_password(url)
    try:
        info = try_connection(url, password or None)
    except ConnectionProblem as exc:
        print(f"omsdesk: cannot connect to {url}: {exc}", file=sys.stderr)
        return 1
    if not args.test:
        save_connection(url, password or None)
    result = {"url": url, "server_version": info.version, "schema": info.schema, "saved": not args.test}
    if args.json:
        print_json(result)
    else:
        schema = info.schema or "empty (the first start creates the tables)"
        verb = "connection works" if args.test else "connected"
        print(f"{verb}: {url} (PostgreSQL {info.version}, schema {schema})")
    return 0


def _show(as_json: bool) -> int:
    url = load_settings().get(SETTINGS_KEY)
    settings = ServerSettings.from_url(url) if isinstance(url, str) and url else None
    result = {
        "url": url or None,
        "host": settings.host if settings else None,
        "port": settings.port if settings else None,
        "database": settings.database if settings else None,
        "user": settings.user if settings else None,
        "sslmode": settings.sslmode if settings else None,
        "sslrootcert": (settings.sslrootcert or None) if settings else None,
        "password_stored": bool(settings and stored_password(settings.url())),
        "overridden_by_env": bool(_env_url()),
        "local_database": default_database_url(),
    }
    if as_json:
        print_json(result)
        return 0
    if not settings:
        print(f"no shared server: the local database {default_database_url()} is used")
    else:
        stored = "stored in the keyring" if result["password_stored"] else "not stored"
        print(f"server: {url}\npassword: {stored}")
    if result["overridden_by_env"]:
        print(f"note: {ENV_DB} is set and wins over this setting")
    return 0


def _env_url() -> str:
    import os

    return os.environ.get(ENV_DB, "")


def _disconnect(ctx: CliContext) -> int:
    url = clear_connection()
    result = {"disconnected": url or None, "local_database": default_database_url()}
    if ctx.args.json:
        print_json(result)
    elif url:
        print(f"disconnected from {url}; the local database {default_database_url()} is used")
    else:
        print(f"no shared server was configured; the local database {default_database_url()} is used")
    return 0
