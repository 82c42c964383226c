"""`omsdesk users add|list|disable|enable|reset-pin|set-roles|badge|policy` and `omsdesk roles`."""

from __future__ import annotations

import argparse
import sys

from omsdesk.commands.common import TOKEN_ENTRY, CliContext, add_json_flag, print_json, read_secret
from omsdesk.models import ValidationError
from omsdesk.models.roles import PERMISSION_TITLES, ROLE_PERMISSIONS, ROLE_TITLES, Permission
from omsdesk.services.users import accounts, policy
from omsdesk.services.users.accounts import UserInfo


def register(sub: argparse._SubParsersAction) -> None:
    up = sub.add_parser("users", help="users who sign in: add, list, disable, enable, reset a PIN")
    usub = up.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    add = usub.add_parser("add", help="add a user; the PIN is read from standard input (the first user: "
                                      "--role administrator)")
    add.add_argument("login")
    add.add_argument("--role", action="append", required=True, metavar="ROLE",
                     help="counter, warehouse, sales, manager, administrator (repeat for several)")
    add.add_argument("--name", default="", help="the name shown on screen (default: the login)")
    add.add_argument("--badge", action="store_true",
                     help="also read a badge barcode (the line after the PIN) to sign in with")
    add.add_argument("--service", action="store_true",
                     help="a service account for the sync daemon: a token goes to the keyring, no PIN")
    add_json_flag(add)
    add.set_defaults(func=_add)

    ls = usub.add_parser("list", help="every user with roles, state and last sign-in")
    add_json_flag(ls)
    ls.set_defaults(func=_list)

    for name, text in (("disable", "stop a user signing in"), ("enable", "let a disabled user sign in again"),
                       ("reset-pin", "give a user a new PIN (read from standard input) and lift a lock")):
        p = usub.add_parser(name, help=text)
        p.add_argument("login")
        add_json_flag(p)
        p.set_defaults(func=_change, action=name)

    sr = usub.add_parser("set-roles", help="replace a user's roles")
    sr.add_argument("login")
    sr.add_argument("--role", action="append", required=True, metavar="ROLE")
    add_json_flag(sr)
    sr.set_defaults(func=_change, action="set-roles")

    bd = usub.add_parser("badge", help="give a user a badge barcode (read from standard input) or --remove it")
    bd.add_argument("login")
    bd.add_argument("--remove", action="store_true")
    add_json_flag(bd)
    bd.set_defaults(func=_change, action="badge")

    po = usub.add_parser("policy", help="show or change the sign-in policy (lock after N failures, idle lock, "
                                        "price override limit)")
    po.add_argument("--max-attempts", type=int, metavar="N", help="wrong PINs in a row before a lock")
    po.add_argument("--lock-minutes", type=int, metavar="MIN", help="how long a locked account waits")
    po.add_argument("--idle-lock-minutes", type=int, metavar="MIN", help="the desktop locks after this idle "
                                                                         "time (0: never)")
    po.add_argument("--price-limit", type=_percent, metavar="PERCENT",
                    help="a keyed-in price this far below the catalogue needs the price override permission")
    add_json_flag(po)
    po.set_defaults(func=_policy)

    rp = sub.add_parser("roles", help="the roles and the permissions each grants")
    add_json_flag(rp)
    rp.set_defaults(func=_roles)


def _percent(text: str) -> int:
    try:
        value = round(float(text.strip().rstrip("%")) * 100)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a percentage") from None
    if not 0 <= value <= 10_000:
        raise argparse.ArgumentTypeError("the limit is a percentage from 0 to 100")
    return value


def _new_pin(login: str) -> str:
    pin = read_secret(f"new PIN for {login}: ")
    if sys.stdin.isatty() and read_secret("again: ") != pin:
        raise ValidationError("the two PINs differ")
    if not pin:
        raise ValidationError(f"no PIN on standard input for {login} (never put it on the command line)")
    return pin


def _show(ctx: CliContext, info: UserInfo, verb: str) -> int:
    if ctx.args.json:
        print_json(info)
    else:
        print(f"{verb} {info.login} ({', '.join(info.roles)})" + (" [disabled]" if info.disabled else ""))
    return 0


def _add(ctx: CliContext) -> int:
    a = ctx.args
    if a.service:
        from omsdesk.sync.secrets import prove_keyring, store_secret

        prove_keyring()  # before the account exists: its token must have a place to live
        made = accounts.add_user(ctx.db, actor=ctx.actor, login=a.login, roles=a.role, display_name=a.name,
                                 service=True)
        assert made.token is not None
        store_secret(TOKEN_ENTRY.format(login=made.info.login), made.token)
        if not a.json:
            print(f"service account {made.info.login}: token stored in the keyring "
                  f"(run the daemon as `omsdesk --user {made.info.login} sync`)")
            return 0
        return _show(ctx, made.info, "added")
    pin = _new_pin(a.login)
    badge = read_secret("badge: ") if a.badge else None
    if a.badge and not badge:
        raise ValidationError("--badge: no badge code on the line after the PIN")
    made = accounts.add_user(ctx.db, actor=ctx.actor, login=a.login, roles=a.role, pin=pin,
                             display_name=a.name, badge=badge)
    return _show(ctx, made.info, "added")


def _list(ctx: CliContext) -> int:
    users = accounts.list_users(ctx.db)
    if ctx.args.json:
        print_json(users)
        return 0
    if not users:
        print("no users yet (setup mode: anyone at this computer acts as administrator)")
    for u in users:
        state = "disabled" if u.disabled else "service" if u.service else "active"
        last = u.last_sign_in_at.strftime("%Y-%m-%d %H:%M") if u.last_sign_in_at else "never"
        print(f"{u.login:16} {u.display_name:24} {','.join(u.roles):28} {state:9} last sign-in {last}")
    return 0


def _change(ctx: CliContext) -> int:
    a = ctx.args
    if a.action == "disable":
        return _show(ctx, accounts.disable_user(ctx.db, a.login, actor=ctx.actor), "disabled")
    if a.action == "enable":
        return _show(ctx, accounts.enable_user(ctx.db, a.login, actor=ctx.actor), "enabled")
    if a.action == "reset-pin":
        return _show(ctx, accounts.reset_pin(ctx.db, a.login, _new_pin(a.login), actor=ctx.actor), "new PIN for")
    if a.action == "set-roles":
        return _show(ctx, accounts.set_roles(ctx.db, a.login, a.role, actor=ctx.actor), "roles of")
    badge = None if a.remove else read_secret("badge: ")
    if not a.remove and not badge:
        raise ValidationError("no badge code on standard input")
    return _show(ctx, accounts.set_badge(ctx.db, a.login, badge, actor=ctx.actor), "badge of")


def _policy(ctx: CliContext) -> int:
    a = ctx.args
    given = (a.max_attempts, a.lock_minutes, a.idle_lock_minutes, a.price_limit)
    if all(v is None for v in given):
        current = policy.get_policy(ctx.db)
    else:
        current = policy.set_policy(ctx.db, actor=ctx.actor, max_failed_attempts=a.max_attempts,
                                    lock_minutes=a.lock_minutes, idle_lock_minutes=a.idle_lock_minutes,
                                    price_override_limit_bp=a.price_limit)
    if a.json:
        print_json(current)
    else:
        print(f"lock after {current.max_failed_attempts} wrong PINs for {current.lock_minutes} min; "
              f"idle lock {current.idle_lock_minutes or 'off'} min; price override limit "
              f"{current.price_override_limit_bp / 100:g}%")
    return 0


def _roles(ctx: CliContext) -> int:
    rows = [{"role": role.value, "title": ROLE_TITLES[role],
             "permissions": sorted(p.value for p in perms)} for role, perms in ROLE_PERMISSIONS.items()]
    if ctx.args.json:
        print_json({"roles": rows, "permissions": {p.value: PERMISSION_TITLES[p] for p in Permission}})
        return 0
    for row in rows:
        perms = row["permissions"]
        print(f"{row['role']:14} {row['title']:22} {', '.join(perms) if perms else '(everyday work only)'}")
    return 0
