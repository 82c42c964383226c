"""`omsdesk mail set|show|test|buyers`: the outgoing mail server (purchase orders, buyer mails) and who is mailed."""

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
    m = sub.add_parser("mail", help="outgoing mail (SMTP): purchase orders to suppliers, order news to buyers")
    ms = m.add_subparsers(dest="mail_command", metavar="ACTION", required=True)
    st = ms.add_parser("set", help="the SMTP server, its security and the sender address")
    st.add_argument("--host", required=True)
    st.add_argument("--port", help="default: 587 starttls, 465 ssl, 25 none")
    st.add_argument("--security", default="starttls", help=f"one of {', '.join(SECURITY)} (default starttls)")
    st.add_argument("--user", default="", help="login user (none: the server takes mail without login)")
    st.add_argument("--from", dest="from_address", required=True, metavar="ADDRESS",
                    help="the sender address suppliers and buyers see and answer to")
    st.add_argument("--sender-name", default="", metavar="NAME",
                    help="the name shown beside the sender address (e.g. the shop's name)")
    st.add_argument("--tracking-url", default="", metavar="TEMPLATE",
                    help="tracking page for parcels of the manual carrier, with {tracking} for the number")
    st.add_argument("--password-stdin", action="store_true",
                    help="read the login password from standard input into the system keyring")
    add_json_flag(st)
    st.set_defaults(func=_set)
    sh = ms.add_parser("show", help="the outgoing mail settings (never the password)")
    add_json_flag(sh)
    sh.set_defaults(func=_show)
    ts = ms.add_parser("test", help="send a test message now through the configured server")
    ts.add_argument("--to", dest="to_option", metavar="ADDRESS", help="recipient address")
    ts.add_argument("to", nargs="?", help=argparse.SUPPRESS)  # the older spelling, `mail test ADDRESS`
    ts.set_defaults(func=_test)
    bp = ms.add_parser("buyers", help="which channels mail their buyers (order confirmed, shipped, delivered)")
    bp.add_argument("channel", nargs="?", help="the channel to switch (all are listed without one)")
    onoff = bp.add_mutually_exclusive_group()
    onoff.add_argument("--on", dest="switch", action="store_const", const=True, help="mail this channel's buyers")
    onoff.add_argument("--off", dest="switch", action="store_const", const=False, help="do not mail them")
    bp.add_argument("--language", choices=("es", "en"),
                    help="the mails' language for this channel's buyers who have none set")
    add_json_flag(bp)
    bp.set_defaults(func=_buyers)


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
                                 user=a.user, sender_name=a.sender_name, tracking_url=a.tracking_url)
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
              + (f" ({settings.sender_name})" if settings.sender_name else "")
              + (f", login {settings.user}" if settings.user else "")
              + (f", manual tracking {settings.tracking_url}" if settings.tracking_url else ""))
    return 0


def _test(ctx: CliContext) -> int:
    from omsdesk.sync.errors import SyncError
    from omsdesk.sync.mail import mail_password, send_test_mail

    if ctx.args.to_option and ctx.args.to:
        return _usage("give the recipient once: omsdesk mail test --to ADDRESS")
    given = ctx.args.to_option or ctx.args.to
    if not given:
        return _usage("mail test needs --to ADDRESS")
    to = valid_address(given, "recipient")
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


def _buyers(ctx: CliContext) -> int:
    from omsdesk.services.buyer_mail import channel_switches, set_buyer_mail

    a = ctx.args
    if (a.switch is not None or a.language) and not a.channel:
        return _usage("--on/--off/--language need a channel: omsdesk mail buyers CHANNEL --on")
    if a.channel and a.switch is None and not a.language:
        return _usage("say --on, --off or --language (omsdesk mail buyers alone lists every channel)")
    if a.channel:
        switch = set_buyer_mail(ctx.db, a.channel, a.switch, actor=ctx.actor, language=a.language)
        if a.json:
            print_json(switch)
        else:
            print(f"{switch.code}: buyer e-mails {'on' if switch.on else 'off'}"
                  + (f", in {switch.language} for buyers without a language" if switch.language else ""))
        return 0
    switches = channel_switches(ctx.db)
    if a.json:
        print_json(switches)
        return 0
    for sw in switches:
        print(f"{sw.code:<16} {sw.kind:<12} {'on' if sw.on else 'off'}{' (default)' if sw.default else ''}"
              + (f"  language {sw.language}" if sw.language else ""))
    return 0


def _usage(message: str) -> int:
    print(f"omsdesk: {message}", file=sys.stderr)
    return 2
