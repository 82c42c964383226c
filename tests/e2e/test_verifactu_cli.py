"""`omsdesk verifactu settings|send|status` against the local AEAT, as a user runs them."""

from __future__ import annotations

import io
import json

import keyring
import pytest

from omsdesk.db import Database
from omsdesk.services.invoicing.issue import issue_invoice
from tests.e2e.test_invoices_cli import run
from tests.fixtures.aeat_server import AeatServer
from tests.fixtures.database import ACTOR, Shop
from tests.integration.test_invoicing import setup_company


def test_settings_keep_the_password_in_the_keyring_and_send_reports_what_happened(
        capsys: pytest.CaptureFixture[str], sqlite_db: Database, aeat_server: AeatServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMSDESK_AEAT_ENDPOINT", aeat_server.url)
    monkeypatch.setenv("OMSDESK_AEAT_CA_BUNDLE", str(aeat_server.pki.ca_pem))
    setup_company(sqlite_db)
    shop = Shop(sqlite_db)
    # Issued now (real time): the fake AEAT's clock is set to it below.
    number = issue_invoice(shop.db, shop.order({shop.product(): 1}), actor=ACTOR,
                           simplified=True).number
    from omsdesk.models.base import utcnow
    aeat_server.state.clock = utcnow
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    code, _, err = run(capsys, sqlite_db, "verifactu", "settings", "--certificate",
                       str(aeat_server.pki.client_p12))
    assert code != 0 and "password is wrong" in err and "wrong" not in err.replace("is wrong", "")
    monkeypatch.setattr("sys.stdin", io.StringIO(aeat_server.pki.client_password + "\n"))
    code, out, _ = run(capsys, sqlite_db, "verifactu", "settings", "--certificate",
                       str(aeat_server.pki.client_p12), "--environment", "test")
    assert code == 0 and "OMSDESK_AEAT_ENDPOINT" in out and "TIENDA DEMO SL" in out
    assert keyring.get_password("omsdesk-channel", "aeat-certificate") == \
        aeat_server.pki.client_password
    code, out, _ = run(capsys, sqlite_db, "verifactu", "send", "--json")
    sent = json.loads(out)
    assert (code, sent["batches"], sent["accepted"], sent["waiting"]) == (0, 1, 1, 0)
    code, out, _ = run(capsys, sqlite_db, "verifactu", "status", "--json")
    (row,) = json.loads(out)["records"]
    assert (row["number"], row["state"]) == (number, "accepted") and row["csv"].startswith("A-CSV")
    assert aeat_server.pki.client_password not in out
