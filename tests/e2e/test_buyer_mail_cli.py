"""CLI of issue 16 points 4-7: `mail test --to`, clear SMTP faults, `mail buyers`, `exceptions dismiss`."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from sqlalchemy import update

from omsdesk.models import OutboxMessage
from tests.e2e.test_cli import Cli, cli, services, shop_template  # noqa: F401 (fixtures)
from tests.fixtures.smtp import SMTP_PASSWORD, SMTP_USER, SmtpServer


def _json(cli: Cli, *args: str) -> Any:  # noqa: F811
    code, out, err = cli.run_here(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def _set(cli: Cli, server: SmtpServer, *extra: str) -> None:  # noqa: F811
    code, _out, err = cli.run_here("mail", "set", "--host", server.host, "--port", str(server.port),
                                   "--from", "hola@tiendasol.example", "--sender-name", "Tienda Sol", *extra)
    assert code == 0, err


def test_mail_test_to_sends_through_the_server_and_names_the_sender(
        cli: Cli, smtp_server: SmtpServer) -> None:  # noqa: F811
    _set(cli, smtp_server, "--security", "none")
    assert _json(cli, "mail", "show")["sender_name"] == "Tienda Sol"
    code, out, err = cli.run_here("mail", "test", "--to", "yo@tiendasol.example")
    assert code == 0, err
    assert f"test message sent to yo@tiendasol.example through 127.0.0.1:{smtp_server.port}" in out
    [got] = smtp_server.inbox
    assert got.recipients == ["yo@tiendasol.example"]
    assert str(got.message["From"]) == "Tienda Sol <hola@tiendasol.example>"
    code, _out, err = cli.run_here("mail", "test")
    assert code == 2 and "mail test needs --to ADDRESS" in err


def test_mail_test_reports_the_servers_refusal(cli: Cli, smtp_server: SmtpServer) -> None:  # noqa: F811
    _set(cli, smtp_server, "--security", "none")
    smtp_server.refuse["nadie@tiendasol.example"] = "550 5.1.1 no such mailbox"
    code, _out, err = cli.run_here("mail", "test", "--to", "nadie@tiendasol.example")
    assert code == 1
    assert err.strip() == ("omsdesk: the mail server refused the recipient nadie@tiendasol.example: "
                           "550 5.1.1 no such mailbox")


def test_a_wrong_password_is_said_as_such_and_never_shown(
        cli: Cli, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr("sys.stdin", io.StringIO("not-the-password\n"))
    _set(cli, smtp_server, "--security", "none", "--user", SMTP_USER, "--password-stdin")
    code, _out, err = cli.run_here("mail", "test", "--to", "yo@tiendasol.example")
    assert code == 1 and "refused the login" in err and "check the user and the password" in err
    assert "not-the-password" not in err and SMTP_PASSWORD not in err
    assert smtp_server.inbox == []


def test_a_refused_connection_and_a_tls_failure_are_told_apart(
        cli: Cli, smtp_server: SmtpServer) -> None:  # noqa: F811
    code, _out, _err = cli.run_here("mail", "set", "--host", "127.0.0.1", "--port", "9", "--security", "none",
                                    "--from", "hola@tiendasol.example")
    assert code == 0
    code, _out, err = cli.run_here("mail", "test", "--to", "yo@tiendasol.example")
    assert code == 1 and "the mail server 127.0.0.1:9 refused the connection" in err
    # TLS spoken to a server that speaks plain SMTP: the handshake fails.
    _set(cli, smtp_server, "--security", "ssl")
    code, _out, err = cli.run_here("mail", "test", "--to", "yo@tiendasol.example")
    assert code == 1 and f"TLS with the mail server 127.0.0.1:{smtp_server.port} failed" in err
    assert "check the security setting and the port" in err


def test_mail_buyers_lists_and_switches_channels(cli: Cli) -> None:  # noqa: F811
    with services(cli) as shop:
        shop.marketplace("tienda")
    switches = {s["code"]: s for s in _json(cli, "mail", "buyers")}
    assert switches["tienda"]["on"] is False and switches["tienda"]["default"] is True
    assert _json(cli, "mail", "buyers", "tienda", "--on")["on"] is True
    code, out, _err = cli.run_here("mail", "buyers")
    assert code == 0 and any(line.split()[:3] == ["tienda", "shopify", "on"] for line in out.splitlines())
    code, _out, err = cli.run_here("mail", "buyers", "tienda")
    assert code == 2 and "say --on, --off or --language" in err
    done = _json(cli, "mail", "buyers", "tienda", "--language", "en")
    assert (done["on"], done["language"]) == (True, "en")
    assert "unknown channel 'nada'" in cli.refused_here("mail", "buyers", "nada", "--off")


def test_exceptions_dismiss_hides_the_item_until_its_cause_changes(cli: Cli) -> None:  # noqa: F811
    with services(cli) as shop, shop.db.write() as s:
        msg = OutboxMessage(topic="stock.push", key="stock:ZZZ", idempotency_key="x-1", payload={},
                            status="failed", last_error="HTTP 422 no such product")
        s.add(msg)
        s.flush()
        mid = str(msg.id)
    assert [i["key"] for i in _json(cli, "exceptions", "list", "--kind", "parked")] == [mid]
    assert "dismissing needs a note" in cli.refused_here("exceptions", "dismiss", mid, "--note", "  ")
    done = _json(cli, "exceptions", "dismiss", mid, "--note", "producto retirado de la tienda")
    assert (done["kind"], done["key"], done["note"]) == ("parked", mid, "producto retirado de la tienda")
    assert _json(cli, "exceptions", "list", "--kind", "parked") == []
    assert _json(cli, "exceptions", "counts")["parked"] == 0
    assert "already dismissed" in cli.refused_here("exceptions", "dismiss", mid, "--note", "otra vez")
    assert "no open exception 'nada'" in cli.refused_here("exceptions", "dismiss", "nada", "--note", "x")
    with services(cli) as shop, shop.db.write() as s:
        s.execute(update(OutboxMessage).values(last_error="HTTP 500 server error"))
    # Another cause: back in the inbox.
    assert [i["key"] for i in _json(cli, "exceptions", "list", "--kind", "parked")] == [mid]
