"""`omsdesk` entry point: the GUI by default, sub-commands for headless work."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from omsdesk import __version__

# Each module has register(subparsers); its parsers set func(ctx) -> int.
COMMAND_MODULES = [
    "omsdesk.commands.orders",
    "omsdesk.commands.stock",
    "omsdesk.commands.catalog",
    "omsdesk.commands.admin",
    "omsdesk.commands.planning",
    "omsdesk.commands.erp",
    "omsdesk.commands.invoices",
    "omsdesk.commands.payables",
    "omsdesk.commands.verifactu",
    "omsdesk.commands.customers",
    "omsdesk.commands.printing",
    "omsdesk.commands.mail",
    "omsdesk.commands.exceptions",
    "omsdesk.commands.counter",
    "omsdesk.commands.batches",
    "omsdesk.commands.carriers",
    "omsdesk.commands.users",
    "omsdesk.commands.waves",
    "omsdesk.commands.simulate",
    "omsdesk.commands.webhooks",
    "omsdesk.cli_sync",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="omsdesk", description="Desktop order management.")
    parser.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: OMSDESK_DATABASE_URL "
                        "or a SQLite file in the user data directory)")
    # Own dests: sub-commands have options of their own named --user (mail set's SMTP login).
    parser.add_argument("--user", dest="sign_in_user", metavar="LOGIN", help="sign in as this user (once users exist, changes need "
                        "it); the PIN is read from standard input or OMSDESK_PIN (docs/cli.md)")
    parser.add_argument("--approver", dest="sign_in_approver", metavar="LOGIN", help="a manager approving this one command with their "
                        "PIN (next line of standard input, or OMSDESK_APPROVER_PIN)")
    parser.add_argument("--version", action="version", version=f"omsdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _gui_only(argv: Sequence[str]) -> str | None:
    """The --db value when the command line asks for nothing but the GUI, else None.

    The GUI path skips building the parser: importing every command module costs more than
    showing the main window.
    """
    args = list(argv)
    url = ""
    while args:
        head = args.pop(0)
        if head == "--db" and args:
            url = args.pop(0)
        elif head.startswith("--db="):
            url = head[5:]
        else:
            return None
    return url


def main(argv: Sequence[str] | None = None) -> int:
    # The frozen app is its own Python: a child process it starts (sync/bulk_parse.py) runs
    # this executable, and must become that child here instead of a second omsdesk.
    import multiprocessing

    multiprocessing.freeze_support()
    args_in = list(sys.argv[1:] if argv is None else argv)
    gui_url = _gui_only(args_in)
    if gui_url is not None:
        # Nothing but the GUI: no parser and no SQLAlchemy before the window is on screen.
        from omsdesk.config import database_url
        from omsdesk.ui.app import run_gui

        return run_gui(database_url(gui_url or None))
    from sqlalchemy.exc import SQLAlchemyError

    from omsdesk.models.errors import OmsError

    parser = build_parser()
    args = parser.parse_args(args_in)
    from omsdesk.commands.common import CliContext

    ctx = CliContext(args)
    try:
        if args.command is None:
            from omsdesk.ui.app import run_gui

            return run_gui(ctx.url)
        func = getattr(args, "func", None)
        ctx.sign_in()
        if func is None:
            parser.parse_args([*(argv or sys.argv[1:]), "--help"])
            return 2
        return int(func(ctx))
    except OmsError as exc:
        print(f"omsdesk: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(f"omsdesk: database error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `omsdesk ... | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("omsdesk: interrupted", file=sys.stderr)
        return 130
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
