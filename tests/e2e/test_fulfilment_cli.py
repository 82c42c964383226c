"""CLI contracts of issue 11.7-11.8: `channels set`, late imported orders, `mail`, `purchasing send|show`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from omsdesk.services.goods_in.purchasing import add_supplier, create_purchase_order
from omsdesk.services.intake.batch import place_orders
from omsdesk.services.intake.order_entry import LineInput, OrderInput
from tests.e2e.test_cli import Cli, cli, services, shop_template  # noqa: F401 (fixtures)
from tests.fixtures.database import ACTOR
from tests.fixtures.smtp import SMTP_PASSWORD, SMTP_USER, SmtpServer

PO_KEYS = {"reference", "status", "supplier_code", "supplier_name", "supplier_email", "warehouse",
           "currency", "lines", "deliveries"}
DELIVERY_KEYS = {"channel", "to", "status", "error", "attempts", "delivered_at"}


def test_channels_set_changes_the_promise_and_shows_it_as_json(cli: Cli) -> None:  # noqa: F811
    with services(cli) as shop:
        shop.marketplace("tienda")
    shown = cli.json("channels", "set", "tienda", "--handling-days", "2", "--cutoff", "12:30")
    # docs/cli.md: the keys listed are stable, new keys may be added (the product push's).
    assert {k: shown[k] for k in ("code", "handling_days", "cutoff", "cancelled_on_arrival")} == {
        "code": "tienda", "handling_days": 2, "cutoff": "12:30", "cancelled_on_arrival": "import"}
    code, out, _err = cli.run_here("channels", "set", "tienda")
    assert code == 0 and "2 working day(s), cut-off 12:30" in out


def test_channels_set_cancelled_on_arrival_keeps_the_promise(cli: Cli) -> None:  # noqa: F811
    with services(cli) as shop:
        shop.marketplace("tienda")
    assert cli.json("channels", "set", "tienda", "--cancelled-on-arrival", "skip")[
        "cancelled_on_arrival"] == "skip"
    code, out, _err = cli.run_here("channels", "set", "tienda")
    assert code == 0 and "orders cancelled on arrival: skip" in out
    before = cli.dump()
    code, _out, err = cli.run_here("channels", "set", "tienda", "--cancelled-on-arrival", "drop")
    assert code == 2 and "invalid choice: 'drop'" in err
    assert cli.dump() == before


@pytest.mark.parametrize(("args", "problem"), [
    (("--handling-days", "two"), "--handling-days takes a whole number"),
    (("--handling-days", "31"), "0 to 30 working days"),
    (("--handling-days", "-1"), "0 to 30 working days"),
    (("--cutoff", "25:00"), "cut-off must be HH:MM"),
    (("--cutoff", "14h"), "cut-off must be HH:MM"),
])
def test_bad_channel_promise_exits_1_in_one_line_and_writes_nothing(
        cli: Cli, args: tuple[str, ...], problem: str) -> None:  # noqa: F811
    with services(cli) as shop:
        shop.marketplace("tienda")
    before = cli.dump()
    assert problem in cli.refused_here("channels", "set", "tienda", *args)
    assert "unknown channel 'nope'" in cli.refused_here("channels", "set", "nope", "--cutoff", "10:00")
    assert cli.dump() == before


def test_an_imported_order_without_a_date_is_listed_late_once_past_its_ship_by(cli: Cli) -> None:  # noqa: F811
    with services(cli) as shop:
        shop.marketplace("tienda")
        [old] = place_orders(shop.db, [OrderInput(
            lines=(LineInput("MUG-01", 1),), channel="tienda", external_id="gid://shop/Order/1",
            placed_at=datetime.now(UTC) - timedelta(days=8))], actor=ACTOR)
    rows = cli.json("orders", "list", "--late")
    [row] = [r for r in rows if r["reference"] == old.reference]
    assert row["late"] is True and row["ship_by"]


def test_mail_set_refuses_bad_input_in_one_line_and_writes_nothing(cli: Cli) -> None:  # noqa: F811
    before = cli.dump()
    assert "not an e-mail address" in cli.refused_here("mail", "set", "--host", "smtp.example.com",
                                                       "--from", "compras")
    assert "--port takes a number" in cli.refused_here("mail", "set", "--host", "smtp.example.com",
                                                       "--from", "a@b.example", "--port", "x")
    assert "security must be one of" in cli.refused_here(
        "mail", "set", "--host", "smtp.example.com", "--from", "a@b.example", "--security", "tls")
    assert cli.dump() == before


def test_purchasing_send_mails_the_supplier_and_reports_each_delivery(
        cli: Cli, smtp_server: SmtpServer) -> None:  # noqa: F811
    cli.ok("mail", "set", "--host", smtp_server.host, "--port", str(smtp_server.port),
           "--security", "none", "--from", "compras@tienda.example")
    with services(cli) as shop:
        add_supplier(shop.db, "ACME", "Acme Suministros S.L.", actor=ACTOR, email="pedidos@acme.example")
        ref = create_purchase_order(shop.db, "ACME", "MAD", [("MUG-01", 10, 800)], actor=ACTOR).reference
    sent = cli.json("purchasing", "send", ref)
    assert sent.keys() >= PO_KEYS
    [delivery] = sent["deliveries"]
    assert delivery.keys() >= DELIVERY_KEYS
    assert (delivery["channel"], delivery["status"], delivery["to"]) == ("email", "sent",
                                                                        "pedidos@acme.example")
    assert [r.recipients for r in smtp_server.inbox] == [["pedidos@acme.example"]]
    shown = cli.json("purchasing", "show", ref)
    assert shown["status"] == "sent" and shown["deliveries"][0]["status"] == "sent"
    code, out, _err = cli.run_here("purchasing", "show", ref)
    assert code == 0 and "total 80.00 EUR" in out and "email" in out and "sent" in out


def test_mail_set_keeps_the_password_in_the_keyring_and_mail_test_logs_in(
        cli: Cli, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    import io

    import keyring

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{SMTP_PASSWORD}\n"))
    code, out, err = cli.run_here("mail", "set", "--host", smtp_server.host, "--port", str(smtp_server.port),
                                  "--security", "none", "--user", SMTP_USER,
                                  "--from", "compras@tienda.example", "--password-stdin")
    assert code == 0, err
    assert keyring.get_password("omsdesk-channel", "mail-out") == SMTP_PASSWORD
    assert SMTP_PASSWORD not in repr(cli.dump())  # never in the database
    code, out, err = cli.run_here("mail", "test", "buzon@tienda.example")
    assert code == 0, err
    assert smtp_server.logins == [SMTP_USER]
    assert [r.recipients for r in smtp_server.inbox] == [["buzon@tienda.example"]]
