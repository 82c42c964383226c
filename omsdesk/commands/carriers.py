"""`omsdesk carriers add|list|remove` and `omsdesk shipments book|track|cancel|label`: carrier labels and tracking."""

from __future__ import annotations

import argparse
import sys

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = sub.add_parser("carriers", help="carrier accounts (Sendcloud, Correos...) that book parcels and track them")
    cs = c.add_subparsers(dest="carriers_command", metavar="ACTION", required=True)
    add = cs.add_parser("add", help="add an account; its KEY:SECRET is read from standard input into the keyring")
    add.add_argument("--type", required=True, dest="kind", metavar="T", help="sendcloud, correos, or a plug-in's type")
    add.add_argument("--name", required=True, metavar="N", help="short name, e.g. sendcloud-es")
    add.add_argument("--url", default="", metavar="U", help="API address (default: the carrier's production API)")
    add.add_argument("--service", default="", metavar="S",
                     help="default service: Sendcloud shipping method id, Correos product code (S0132)")
    add.add_argument("--default", action="store_true", dest="make_default",
                     help="book every packed parcel with this account (the first account is the default)")
    add.set_defaults(func=_add)
    ls = cs.add_parser("list", help="the accounts")
    add_json_flag(ls)
    ls.set_defaults(func=_list)
    rm = cs.add_parser("remove", help="stop using an account and forget its secret; its parcels keep their labels")
    rm.add_argument("name", metavar="NAME")
    rm.set_defaults(func=_remove)

    s = sub.add_parser("shipments", help="book parcels with a carrier, follow their tracking, get their labels")
    ss = s.add_subparsers(dest="shipments_command", metavar="ACTION", required=True)
    book = ss.add_parser("book", help="book the order's packed parcels with the carrier and print their labels")
    book.add_argument("reference", metavar="REF")
    book.add_argument("--service", default="", metavar="S", help="carrier service (default: the account's)")
    book.add_argument("--weight", type=_grams, metavar="G", help="parcel weight in grams (default: the products')")
    book.add_argument("--carrier", metavar="NAME", help="account to book with (default: the default account)")
    add_json_flag(book)
    book.set_defaults(func=_book)
    track = ss.add_parser("track", help="ask the carriers about every parcel on its way now, then list them")
    add_json_flag(track)
    track.set_defaults(func=_track)
    cancel = ss.add_parser("cancel", help="cancel the carrier label of a packed parcel not handed over yet; "
                                          "the parcel stays packed, ready to book again")
    cancel.add_argument("reference", metavar="REF")
    cancel.add_argument("--parcel", type=int, metavar="N", help="the parcel (default: the order's only booked one)")
    add_json_flag(cancel)
    cancel.set_defaults(func=_cancel)
    label = ss.add_parser("label", help="the carrier's label of the order's parcel, to a file or a printer")
    label.add_argument("reference", metavar="REF")
    target = label.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="FILE", help="write the label (PDF or ZPL, as the carrier gave it)")
    target.add_argument("--printer", metavar="Q", help="send it to this CUPS queue, raw for ZPL")
    label.set_defaults(func=_label)


def _grams(text: str) -> int:
    try:
        grams = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of grams") from None
    if not 1 <= grams <= 1_000_000:
        raise argparse.ArgumentTypeError("the weight is 1 to 1,000,000 grams")
    return grams


def _add(ctx: CliContext) -> int:
    from omsdesk.carriers.accounts import add_carrier

    a = ctx.args
    secret = sys.stdin.readline().strip() if not sys.stdin.isatty() else ""
    if not secret:
        raise ValidationError("pipe the carrier's KEY:SECRET on standard input (never on the command line)")
    settings = {"service": a.service} if a.service else {}
    view = add_carrier(ctx.db, kind=a.kind, name=a.name, url=a.url, secret=secret, actor=ctx.actor,
                       is_default=True if a.make_default else None, settings=settings)
    print(f"carrier {view.name} ({view.kind}) added" + (", the default" if view.is_default else "")
          + "; its secret is in the keyring")
    return 0


def _list(ctx: CliContext) -> int:
    from omsdesk.services.fulfilment.carriers import list_accounts

    with ctx.db.read() as s:
        accounts = list_accounts(s)
    if ctx.args.json:
        print_json(accounts)
        return 0
    for acc in accounts:
        print(f"{acc.name:<20} {acc.kind:<12} {'default' if acc.is_default else '':<8} {acc.url or '-'}")
    print(f"{len(accounts)} carrier(s)")
    return 0


def _remove(ctx: CliContext) -> int:
    from omsdesk.carriers.accounts import remove_carrier

    remove_carrier(ctx.db, ctx.args.name, actor=ctx.actor)
    print(f"carrier {ctx.args.name} removed")
    return 0


def book_after_pack(ctx: CliContext, reference: str, *, quiet: bool = False) -> None:
    """`orders pack`: with a default carrier, the packed parcels are booked and their labels printed.

    The order is packed whatever the carrier says: a refusal is one line on stderr (and on the
    parcel, for the inbox), never a failed pack.
    """
    from omsdesk.services.fulfilment.carriers import account_for, bookable_parcels

    with ctx.db.read() as s:
        if account_for(s) is None:
            return
        try:
            ids = bookable_parcels(s, reference)
        except ValidationError:
            return  # nothing packed yet (a split order's other parcel)
    for row in _book_parcels(ctx, ids):
        if row["error"]:
            print(f"omsdesk: packed, not booked: {row['error']}", file=sys.stderr)
        elif not quiet:
            print(_booked_line(row))


def _booked_line(row: dict[str, object]) -> str:
    return (f"parcel {row['parcel']}: {row['tracking']} ({str(row['label_format']).upper()} label"
            + (f", {row['printed']}" if row["printed"] else "") + ")")


def _book_parcels(ctx: CliContext, ids: list[int], *, account: str | None = None, service: str = "",
                  weight: int | None = None) -> list[dict[str, object]]:
    from omsdesk.carriers.booking import Bookings, print_label
    from omsdesk.commands.printing import _workstation_profile
    from omsdesk.documents.errors import PrintError

    printer = _workstation_profile("label")
    rows: list[dict[str, object]] = []
    with Bookings(ctx.db, actor=ctx.actor) as bookings:
        for sid in ids:
            outcome = bookings.book(sid, account=account, service=service, weight_g=weight,
                                    label_format=printer.format if printer else "pdf")
            printed = ""
            if not outcome.error and printer is not None:
                try:
                    printed = print_label(outcome, printer)
                except PrintError as exc:
                    printed = f"not printed: {exc}"
            rows.append({"parcel": sid, "tracking": outcome.tracking, "label_format": outcome.label_format,
                         "printed": printed, "error": outcome.error})
    return rows


def _book(ctx: CliContext) -> int:
    from omsdesk.services.fulfilment.carriers import bookable_parcels

    a = ctx.args
    with ctx.db.read() as s:
        ids = bookable_parcels(s, a.reference)
    rows = _book_parcels(ctx, ids, account=a.carrier, service=a.service, weight=a.weight)
    failed = [r for r in rows if r["error"]]
    if a.json:
        print_json(rows)
    else:
        for r in rows:
            if not r["error"]:
                print(_booked_line(r))
    if failed:
        print(f"omsdesk: {failed[0]['error']}", file=sys.stderr)
        return 1
    return 0


def _track(ctx: CliContext) -> int:
    from omsdesk.carriers.tracking import poll_tracking
    from omsdesk.services.fulfilment.carriers import tracked_parcels

    report = poll_tracking(ctx.db, actor=ctx.actor, every=True)
    with ctx.db.read() as s:
        parcels = tracked_parcels(s)
    if ctx.args.json:
        print_json({"polled": report.polled, "updated": report.updated, "delivered": report.delivered,
                    "unknown": report.unknown, "errors": report.errors, "parcels": parcels})
    else:
        for p in parcels:
            print(f"{p.reference:<18} {p.account:<16} {p.tracking:<26} {p.status or '-'}")
        print(f"{report.polled} asked, {report.updated} updated, {len(report.delivered)} delivered"
              + (f", {len(report.unknown)} unknown to the carrier" if report.unknown else ""))
        for error in report.errors:
            print(f"omsdesk: {error}", file=sys.stderr)
    return 1 if report.errors and not report.updated else 0


def _label(ctx: CliContext) -> int:
    from omsdesk.documents.printing import PrinterProfile, print_bytes
    from omsdesk.files import write_atomic
    from omsdesk.services.fulfilment.carriers import label_of

    a = ctx.args
    with ctx.db.read() as s:
        data, fmt, sid = label_of(s, a.reference)
    if a.out:
        write_atomic(a.out, data)
        print(f"wrote {a.out}: {fmt.upper()} label of parcel {sid}")
        return 0
    job = print_bytes(data, PrinterProfile(queue=a.printer, format="zpl" if fmt == "zpl" else "pdf",
                                           media="" if fmt == "zpl" else "Custom.4x6in"),
                      title=f"omsdesk label {a.reference}")
    print(f"{job}: {fmt.upper()} label of parcel {sid} sent to {a.printer}")
    return 0


def _cancel(ctx: CliContext) -> int:
    from omsdesk.carriers.cancel import cancel_label

    a = ctx.args
    done = cancel_label(ctx.db, a.reference, actor=ctx.actor, parcel=a.parcel)
    if a.json:
        print_json(done)
        return 0
    how = "cancellation queued at the carrier" if done.queued else "cancelled"
    print(f"parcel {done.shipment_id}: label {done.carrier} {done.tracking} {how}; the parcel is packed, "
          f"not booked (omsdesk shipments book {done.reference} books it again)")
    return 0
