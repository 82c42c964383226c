"""A channel secret is only called stored once the keyring gave it back; backends that keep
nothing (null, fail, an empty chain, one that forgets) are refused before anything is written."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.backend
import pytest
from keyring.backends import chainer, fail, null
from sqlalchemy import func, select

from omsdesk.cli import main
from omsdesk.db import Database
from omsdesk.models import AuditEntry, Channel
from omsdesk.sync.secrets import (
    PROBE_ENTRY,
    SERVICE,
    SecretUnavailable,
    check_keyring,
    prove_keyring,
    store_secret,
)
from tests.conftest import MemoryKeyring

TOKEN = "shpat_0123456789abcdef0123456789abcdef"


class ForgetfulKeyring(keyring.backend.KeyringBackend):
    """Accepts every secret and returns none: what a misconfigured backend looks like."""

    priority = -10

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        return None

    def delete_password(self, service: str, username: str) -> None:
        return None


def add_channel_cli(db: Database, capsys: pytest.CaptureFixture[str],
                    monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(TOKEN + "\n"))
    code = main(["--db", db.url, "channels", "add", "--type", "shopify", "--name", "Tienda",
                 "--url", "https://t.myshopify.com"])
    out = capsys.readouterr()
    return code, out.out, out.err


def rows_written(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (int(s.scalar(select(func.count()).select_from(Channel)) or 0),
                int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0))


@pytest.mark.parametrize("backend", [null.Keyring(), fail.Keyring(), ForgetfulKeyring()],
                         ids=["null", "fail", "forgetful"])
def test_channels_add_refuses_a_keyring_that_keeps_nothing(
        db: Database, backend: keyring.backend.KeyringBackend,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    before = rows_written(db)
    keyring.set_keyring(backend)  # the autouse memory_keyring fixture puts its own back
    code, out, err = add_channel_cli(db, capsys, monkeypatch)
    assert code == 1 and out == ""
    line = err.strip()
    assert "\n" not in line
    assert "Secret Service" in line and "gnome-keyring" in line
    assert "pip install keyrings.alt" in line and "PYTHON_KEYRING_BACKEND" in line
    assert type(backend).__qualname__ in line  # names what it found
    assert "its secret is in the system keyring" not in out
    assert rows_written(db) == before


def test_an_empty_keyring_chain_is_refused_like_null(monkeypatch: pytest.MonkeyPatch) -> None:
    # What keyring builds when no real backend is installed and the chainer was chosen.
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [null.Keyring()])
    keyring.set_keyring(chainer.ChainerBackend())
    with pytest.raises(SecretUnavailable, match="keyrings.alt"):
        check_keyring()
    with pytest.raises(SecretUnavailable, match="ChainerBackend"):
        store_secret("tienda", TOKEN)


def test_a_secret_the_keyring_did_not_keep_is_not_reported_stored() -> None:
    keyring.set_keyring(ForgetfulKeyring())
    with pytest.raises(SecretUnavailable, match="did not keep the secret"):
        store_secret("tienda", TOKEN)


def test_a_keyring_that_keeps_secrets_passes_and_the_probe_leaves_nothing(
        db: Database, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    prove_keyring()
    assert memory_keyring.passwords == {}
    code, out, err = add_channel_cli(db, capsys, monkeypatch)
    assert code == 0, err
    assert "its secret is in the system keyring" in out
    assert memory_keyring.passwords == {(SERVICE, "tienda"): TOKEN}
    assert (SERVICE, PROBE_ENTRY) not in memory_keyring.passwords
    assert rows_written(db)[0] == 1


def test_the_null_backend_chosen_by_environment_is_refused(sqlite_db: Database,
                                                            tmp_path: Path) -> None:
    """The reviewer's repro: PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring, a real process."""
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "OMSDESK_CONFIG_DIR": str(tmp_path), "OMSDESK_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "omsdesk.cli", "--db", sqlite_db.url, "channels", "add", "--type",
         "shopify", "--name", "Tienda", "--url", "https://t.myshopify.com"],
        input=TOKEN + "\n", capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout == ""
    [line] = done.stderr.strip().splitlines()
    assert "keyring.backends.null.Keyring" in line and "keyrings.alt" in line
    assert rows_written(sqlite_db)[0] == 0
