"""`omsdesk mail set|show|test`: the outgoing mail server that sends purchase orders to suppliers."""

from __future__ import annotations

import argparse
import sys

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models import ValidationError
from omsdesk.services.channels.mail import (
    MAIL_CODE,
    SECURITY,
    mail_settings,
    set_mail_settings,
    valid_address,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    m = sub.add_parser("mail", help="outgoing mail (SMTP) for purchase orders to suppliers")
    ms = m.add_subparsers(dest="mail_command", metavar="ACTION", required=True)
    st = ms.add_parser("set", help="the SMTP server, its security and the sender address")
    st.add_argument("--host", required=True)
    st.add_argument("--port", help="default: 587 starttls, 465 ssl, 25 none")
    st.add_argument("--security", default="starttls", help=f"one of {', '.join(SECURITY)} (default starttls)")
    st.add_argument("--user", default="", help="login user (none: the server takes mail without login)")
    st.add_argument("--from", dest="from_address", required=True, metavar="ADDRESS",
                    help="the sender address suppliers see and answer to")
    st.add_argument("--password-stdin", action="store_true",
                    help="read the login password from standard input into the system keyring")
    add_json_flag(st)
    st.set_defaults(func=_set)
    sh = ms.add_parser("show", help="the outgoing mail settings (never the password)")
    add_json_flag(sh)
    sh.set_defaults(func=_show)
    ts = ms.add_parser("test", help="send a test message now")
    ts.add_argument("to", help="recipient address")
    ts.set_defaults(func=_test)


def _set(ctx: CliContext) -> int:
    from omsdesk.sync.secrets import prove_keyring, store_secret

    a = ctx.args
    if a.port is not None and not a.port.isdigit():
        raise ValidationError(f"--port takes a number, got '{a.port}'")
    if a.password_stdin and not a.user:
        raise ValidationError("--password-stdin needs --user")
    password = ""
    if a.password_stdin:
        # Keyring proven and password read before anything is written.
        prove_keyring()
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise ValidationError("no password on standard input")
    settings = set_mail_settings(ctx.db, host=a.host, from_address=a.from_address, actor=ctx.actor,
                                 security=a.security, port=int(a.port) if a.port else None,
                                 user=a.user)
    if password:
        store_secret(MAIL_CODE, password)
    if a.json:
        print_json(settings)
    else:
        print(f"outgoing mail: {settings.security} {settings.host}:{settings.port} from "
              f"{settings.from_address}" + (f", login {settings.user}" if settings.user else ""))
    return 0


def _show(ctx: CliContext) -> int:
    settings = mail_settings(ctx.db)
    if ctx.args.json:
        print_json(settings)
    elif settings is None:
        print("outgoing mail is not set up (omsdesk mail set --host HOST --from ADDRESS)")
    else:
        print(f"{settings.security} {settings.host}:{settings.port} from {settings.from_address}"
              + (f", login {settings.user}" if settings.user else ""))
    return 0


def _test(ctx: CliContext) -> int:
    from omsdesk.sync.errors import SyncError
    from omsdesk.sync.mail import mail_password, send_test_mail

    to = valid_address(ctx.args.to, "recipient")
    settings = mail_settings(ctx.db)
    if settings is None:
        raise ValidationError("outgoing mail is not set up (omsdesk mail set --host HOST --from ADDRESS)")
    try:
        send_test_mail(settings, mail_password(settings), to)
    except SyncError as exc:
        print(f"omsdesk: {exc}", file=sys.stderr)
        return 1
    print(f"test message sent to {to} through {settings.host}:{settings.port}")
    return 0
