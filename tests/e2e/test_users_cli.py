"""`omsdesk users`, `roles` and `--user` as scripts use them: setup mode, then sign-in required for changes."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

from omsdesk.cli import main
from omsdesk.services.users import secrets as user_secrets
from tests.e2e.test_cli import OMSDESK, Cli
from tests.fixtures.database import Shop, fresh_sqlite


@pytest.fixture(autouse=True)
def quick_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(user_secrets, "N", 2**10)  # in-process runs only; a hash carries its cost


@pytest.fixture
def cli(sqlite_template: Path, tmp_path: Path) -> Cli:
    db = fresh_sqlite(sqlite_template, tmp_path / "shop.sqlite3")
    shop = Shop(db)
    shop.warehouses(("MAD",))
    shop.stock(shop.product("TAZA-1"), 5)
    db.dispose()
    return Cli(tmp_path / "shop.sqlite3", tmp_path / "home")


def run(cli: Cli, *args: str, stdin: str = "", env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The entry point in this process with `stdin` as standard input: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            mock.patch.object(sys, "stdin", io.StringIO(stdin)), mock.patch.dict("os.environ", env or {}):
        try:
            code = main(["--db", cli.url, *args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def _adjust(cli: Cli, *before: str, stdin: str = "") -> tuple[int, str, str]:
    return run(cli, *before, "stock", "adjust", "TAZA-1", "-1", "--warehouse", "MAD", "--reason", "count",
               stdin=stdin)


def _with_users(cli: Cli) -> None:
    assert run(cli, "users", "add", "ana", "--role", "administrator", stdin="1111\n")[0] == 0
    assert run(cli, "--user", "ana", "users", "add", "carlos", "--role", "counter", stdin="1111\n3333\n")[0] == 0
    assert run(cli, "--user", "ana", "users", "add", "marta", "--role", "manager", stdin="1111\n2222\n")[0] == 0


def test_setup_mode_works_as_before_without_any_user(cli: Cli) -> None:
    code, out, err = _adjust(cli)
    assert code == 0, err
    code, out, _ = run(cli, "users", "list")
    assert "no users yet" in out


def test_a_change_without_user_is_refused_once_users_exist(cli: Cli) -> None:
    _with_users(cli)
    code, out, err = _adjust(cli)
    assert code == 1 and out == ""
    assert "cannot change data" in err and "--user" in err and len(err.strip().splitlines()) == 1
    assert run(cli, "stock", "show", "TAZA-1")[0] == 0  # reading stays open


def test_the_right_pin_on_stdin_signs_in_and_a_wrong_one_is_refused(cli: Cli) -> None:
    _with_users(cli)
    code, _out, err = _adjust(cli, "--user", "marta", stdin="0000\n")
    assert code == 1 and "wrong login or PIN" in err
    code, _out, err = _adjust(cli, "--user", "marta", stdin="2222\n")
    assert code == 0, err
    code, out, _ = run(cli, "orders", "list")  # nothing to show; just readable
    assert code == 0


def test_a_clerk_needs_a_managers_approval_and_the_audit_names_both(cli: Cli) -> None:
    _with_users(cli)
    code, _out, err = _adjust(cli, "--user", "carlos", stdin="3333\n")
    assert code == 1 and "stock.adjust" in err
    code, _out, err = _adjust(cli, "--user", "carlos", "--approver", "marta", stdin="3333\n2222\n")
    assert code == 0, err
    import sqlite3

    with sqlite3.connect(cli.path) as conn:
        row = conn.execute("SELECT user, approved_by FROM audit_log WHERE action = 'adjust' "
                           "ORDER BY id DESC LIMIT 1").fetchone()
    assert row == ("carlos", "marta")


def test_omsdesk_user_grants_nothing_once_users_exist(cli: Cli) -> None:
    _with_users(cli)
    code, _out, err = run(cli, "stock", "adjust", "TAZA-1", "1", "--warehouse", "MAD", "--reason", "x",
                          env={"OMSDESK_USER": "ana"})
    assert code == 1 and "cannot change data" in err


def test_users_list_and_roles_as_json(cli: Cli) -> None:
    _with_users(cli)
    code, out, _ = run(cli, "users", "list", "--json")
    users = {u["login"]: u for u in json.loads(out)}
    assert users["carlos"]["roles"] == ["counter"] and not users["carlos"]["disabled"]
    assert "pin_hash" not in users["carlos"]
    code, out, _ = run(cli, "roles", "--json")
    roles = {r["role"]: r["permissions"] for r in json.loads(out)["roles"]}
    assert roles["counter"] == [] and "users.manage" in roles["administrator"]


def test_disable_enable_and_reset_pin(cli: Cli) -> None:
    _with_users(cli)
    assert run(cli, "--user", "ana", "users", "disable", "carlos", stdin="1111\n")[0] == 0
    assert "disabled" in _adjust(cli, "--user", "carlos", stdin="3333\n")[2]
    assert run(cli, "--user", "ana", "users", "enable", "carlos", stdin="1111\n")[0] == 0
    assert run(cli, "--user", "ana", "users", "reset-pin", "carlos", stdin="1111\n9876\n")[0] == 0
    assert run(cli, "--user", "carlos", "--approver", "marta", "stock", "adjust", "TAZA-1", "1",
               "--warehouse", "MAD", "--reason", "x", stdin="9876\n2222\n")[0] == 0


def test_user_without_users_yet_is_refused_with_advice(cli: Cli) -> None:
    code, _out, err = _adjust(cli, "--user", "ana", stdin="1111\n")
    assert code == 1 and "setup mode" in err


def test_a_pin_is_never_taken_from_the_command_line(cli: Cli) -> None:
    code, _out, err = run(cli, "users", "add", "ana", "--role", "administrator", "--pin", "1111")
    assert code == 2 and "unrecognized arguments" in err


def test_the_process_reads_the_pin_from_stdin(cli: Cli) -> None:
    # One real process: the console script, its stdin and exit code, at the shipped scrypt cost.
    done = subprocess.run([str(OMSDESK), "--db", cli.url, "users", "add", "ana", "--role", "administrator"],
                          input="1111\n", capture_output=True, text=True, env=cli.env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([str(OMSDESK), "--db", cli.url, "--user", "ana", "stock", "adjust", "TAZA-1", "2",
                           "--warehouse", "MAD", "--reason", "found"], input="1111\n", capture_output=True,
                          text=True, env=cli.env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr


def test_the_global_user_is_not_the_mail_servers_login() -> None:
    from omsdesk.cli import build_parser

    args = build_parser().parse_args(["--user", "ana", "mail", "set", "--host", "smtp.example.es",
                                      "--from", "a@example.es", "--user", "smtp-login"])
    assert (args.sign_in_user, args.user) == ("ana", "smtp-login")
