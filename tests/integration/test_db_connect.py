"""`omsdesk db connect|disconnect` and the connection classifier against the real test PostgreSQL.

Each failure is produced for real where the local server allows it (wrong password, unknown
database, a closed port, an unresolvable name, TLS required of a server without TLS, a
listener that never answers); the messages are the classifier's (omsdesk/connection.py).
"""

from __future__ import annotations

import contextlib
import io
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from omsdesk import config
from omsdesk.cli import main
from omsdesk.connection import ConnectionProblem, password_entry, without_password
from omsdesk.db import DatabaseError, open_database, try_connection
from omsdesk.sync.secrets import SERVICE
from tests.conftest import MemoryKeyring


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in ("OMSDESK_DATABASE_URL", "OMSDESK_USER"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("OMSDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OMSDESK_CONNECT_TIMEOUT", "2")
    return tmp_path


def run(monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def bare(url: str) -> tuple[str, str]:
    """(URL without the password, the password)."""
    u = make_url(url)
    return without_password(u).render_as_string(), u.password or ""


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word (a hung server or a black-holing
    firewall): libpq waits for the server's reply until connect_timeout."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock.getsockname()[1]
    sock.close()


def test_connect_saves_the_url_without_password_and_becomes_the_default(
        home: Path, pg_url: str, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    url, password = bare(pg_url)
    code, out, err = run(monkeypatch, "db", "connect", url, "--json", stdin=password + "\n")
    assert code == 0, err
    result = json.loads(out)
    assert result["saved"] is True and result["server_version"].startswith(("13", "14", "15", "16", "17", "18"))
    saved = (home / "config" / "settings.json").read_text(encoding="utf-8")
    assert f":{password}@" not in saved  # the test server's password equals its user name
    assert json.loads(saved)["database_url"] == url
    assert memory_keyring.passwords[(SERVICE, password_entry(url))] == password
    # The GUI and the CLI now open the server: the password comes from the keyring.
    assert config.database_url() == url
    db = open_database(config.database_url(), migrate=False)
    try:
        assert db.dialect == "postgresql"
    finally:
        db.dispose()
    # So does the LISTEN thread's own connection (omsdesk/live.py), outside SQLAlchemy.
    from omsdesk.live import ChangeListener

    listen = ChangeListener(config.database_url())._open()
    listen.close()
    assert config.database_url("sqlite:///x.sqlite3") == "sqlite:///x.sqlite3"  # --db still wins
    monkeypatch.setenv("OMSDESK_DATABASE_URL", "sqlite:///env.sqlite3")
    assert config.database_url() == "sqlite:///env.sqlite3"
    monkeypatch.delenv("OMSDESK_DATABASE_URL")

    code, out, _ = run(monkeypatch, "db", "connect", "--show", "--json")
    shown = json.loads(out)
    assert (code, shown["url"], shown["password_stored"]) == (0, url, True)
    assert f":{password}@" not in out

    code, out, _ = run(monkeypatch, "db", "disconnect")
    assert code == 0 and "disconnected" in out
    assert config.database_url().startswith("sqlite:///")
    assert (SERVICE, password_entry(url)) not in memory_keyring.passwords


def test_test_only_saves_nothing_and_tls_options_go_in_the_url(
        home: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    url, password = bare(pg_url)
    code, out, err = run(monkeypatch, "db", "connect", url, "--test", stdin=password + "\n")
    assert code == 0 and out.startswith("connection works: "), err
    assert not (home / "config" / "settings.json").exists()
    # The local server has no TLS: requiring it is refused before anything is saved.
    code, out, err = run(monkeypatch, "db", "connect", url, "--sslmode", "require", "--sslrootcert", "/ca.pem",
                         stdin=password + "\n")
    assert code == 1 and out == ""
    assert err.strip().endswith("the server does not offer TLS, but TLS is required (sslmode): ask for TLS "
                                "or change the mode")
    assert "sslmode=require" in err and "sslrootcert=" in err
    assert not (home / "config" / "settings.json").exists()


def test_usage_errors_exit_2(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(monkeypatch, "db", "connect")[0] == 2
    code, _, err = run(monkeypatch, "db", "connect", "sqlite:///x.sqlite3")
    assert code == 2 and "not a PostgreSQL URL" in err
    code, _, err = run(monkeypatch, "db", "connect", "postgresql://127.0.0.1/db")
    assert code == 2 and "needs a user, a host and a database" in err
    assert run(monkeypatch, "db", "connect", "postgresql://u@h/d", "--sslmode", "maybe")[0] == 2


@pytest.mark.parametrize(("change", "kind", "message"), [
    ({"password": "wrong"}, "password", "wrong password (or unknown user) for user 'omsdesk'"),
    ({"database": "omsdesk_no_such_db"}, "database", "the server has no database 'omsdesk_no_such_db'"),
    ({"port": 1}, "refused", "server 127.0.0.1:1 refused the connection: is PostgreSQL running there and reachable?"),
    ({"host": "nohost.invalid"}, "host", "unknown host 'nohost.invalid': check the name (DNS)"),
])
def test_each_failure_gets_its_one_line(home: Path, pg_url: str, change: dict[str, object], kind: str,
                                        message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    u = make_url(pg_url)
    url = u.set(**change).render_as_string(hide_password=False)  # type: ignore[arg-type]
    with pytest.raises(ConnectionProblem) as err:
        try_connection(url)
    assert (err.value.kind, str(err.value)) == (kind, message)
    # The same line through the engine (what the GUI and every CLI command open).
    with pytest.raises(DatabaseError) as opened:
        open_database(url, migrate=False)
    assert str(opened.value).endswith(": " + message) and opened.value.kind == kind
    assert "omsdesk@" not in str(opened.value) or ":***@" in str(opened.value)
    # And through `omsdesk db connect`: exit 1, one line, the password never shown.
    bare_url, password = bare(url)
    code, out, err_text = run(monkeypatch, "db", "connect", bare_url, stdin=password + "\n")
    assert (code, out) == (1, "")
    assert err_text.strip().splitlines() == [f"omsdesk: cannot connect to {bare_url}: {message}"]


def test_a_server_that_never_answers_times_out(home: Path, pg_url: str, silent_port: int) -> None:
    url = make_url(pg_url).set(port=silent_port).render_as_string(hide_password=False)
    with pytest.raises(ConnectionProblem) as err:
        try_connection(url, timeout=2)
    assert err.value.kind == "timeout"
    assert str(err.value) == "the server did not answer in time: check the network (LAN) and the host name"


def test_schema_newer_than_the_client_is_refused_by_the_test(home: Path, pg_url: str, pg_database: str) -> None:
    import psycopg

    url = pg_database
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database,
                         autocommit=True) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    with pytest.raises(ConnectionProblem) as err:
        try_connection(url)
    assert err.value.kind == "schema"
    assert str(err.value) == "database schema 9999_future is newer than this omsdesk knows; upgrade omsdesk first"
