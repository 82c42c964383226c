"""`omsdesk verifactu ...`: AEAT submission settings, send the queued records now, their states,
and correct a record the AEAT rejected or accepted with errors."""

from __future__ import annotations

import argparse
import getpass
import sys

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models import ValidationError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg, unused-ignore]
    p = sub.add_parser("verifactu", help="send VERI*FACTU records to the AEAT and see their state")
    vsub = p.add_subparsers(dest="verifactu_command", metavar="ACTION", required=True)

    st = vsub.add_parser("settings", help="show or set the AEAT environment and client certificate")
    st.add_argument("--environment", choices=["test", "production"],
                    help="test = AEAT pre-production (pruebas), production = real submission")
    st.add_argument("--certificate", metavar="FILE.p12",
                    help="PKCS#12 client certificate; its password is read from standard input "
                         "and kept in the keyring")
    st.add_argument("--nif", metavar="NIF", help="NIF of the certificate's holder, when it is not "
                    "the issuer (a representative); '' to clear")
    add_json_flag(st)
    st.set_defaults(func=_settings)

    sp = vsub.add_parser("send", help="send the queued records now (honours the AEAT's wait time)")
    add_json_flag(sp)
    sp.set_defaults(func=_send)

    tp = vsub.add_parser("status", help="each record's state at the AEAT, its CSV and errors")
    tp.add_argument("--state", choices=["queued", "accepted", "accepted_with_errors", "rejected",
                                        "corrected", "refused"])
    tp.add_argument("--limit", type=int, default=50)
    add_json_flag(tp)
    tp.set_defaults(func=_status)

    cp = vsub.add_parser("correct", help="write and queue the correcting record (subsanación) of "
                         "an invoice whose last record was rejected or accepted with errors")
    cp.add_argument("number", metavar="NUMBER")
    add_json_flag(cp)
    cp.set_defaults(func=_correct)


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("certificate password: ")
    return sys.stdin.readline().rstrip("\n")


def _settings(ctx: CliContext) -> int:
    from omsdesk.sync.aeat.settings import configure, endpoint_for, stored_certificate
    from omsdesk.sync.errors import SyncError
    from omsdesk.sync.secrets import SecretUnavailable

    a = ctx.args
    info = None
    if a.environment or a.certificate or a.nif is not None:
        password = _read_password() if a.certificate else None
        if a.certificate and not password:
            raise ValidationError("the certificate's password is empty (give it on standard input)")
        try:
            settings, info = configure(ctx.db, actor=ctx.actor, environment=a.environment,
                                       certificate=a.certificate, password=password,
                                       presenter_nif=a.nif)
        except (SyncError, SecretUnavailable) as exc:
            raise ValidationError(str(exc)) from None
    else:
        from omsdesk.services.invoicing.aeat import get_aeat_settings

        settings = get_aeat_settings(ctx.db)
    endpoint = endpoint_for(settings.environment)
    problem = ""
    if info is None and settings.certificate_path:
        try:
            info = stored_certificate(settings)
        except (SyncError, SecretUnavailable) as exc:  # shown: the settings are still worth seeing
            problem = str(exc)
    if a.json:
        print_json({"environment": settings.environment, "endpoint": endpoint.url,
                    "endpoint_overridden": endpoint.overridden,
                    "certificate": settings.certificate_path, "presenter_nif": settings.presenter_nif,
                    "configured": settings.configured,
                    "certificate_subject": info.subject if info else "",
                    "certificate_expires": info.not_after.isoformat() if info else "",
                    "problem": problem})
        return 0
    print(f"environment: {settings.environment}  endpoint: {endpoint.describe()}")
    print(f"issuer: {settings.issuer_name or '(not set)'} ({settings.issuer_tax_id or 'no NIF'})"
          f"  presenter NIF: {settings.presenter_nif or '-'}")
    print(f"certificate: {settings.certificate_path or '(not set)'}"
          + (f"  {info.subject}, valid until {info.not_after:%Y-%m-%d}" if info else ""))
    if problem:
        print(f"omsdesk: {problem}", file=sys.stderr)
    if not settings.configured:
        print("submission not configured: records wait in the queue, and invoices print no "
              "VERI*FACTU QR or legend")
    return 0


def _send(ctx: CliContext) -> int:
    from omsdesk.sync.aeat.delivery import AeatSender

    r = AeatSender(ctx.db).send()
    if ctx.args.json:
        print_json({"status": r.status, "environment": r.environment, "endpoint": r.endpoint,
                    "batches": r.batches, "sent": r.sent, "accepted": r.accepted,
                    "accepted_with_errors": r.accepted_with_errors, "rejected": r.rejected,
                    "refused": r.refused, "unanswered": r.unanswered, "waiting": r.waiting,
                    "next_send_at": r.next_send_at, "error": r.error})
    else:
        print(f"AEAT {r.environment}: {r.endpoint}")
        if not r.configured:
            print(f"not configured ('omsdesk verifactu settings --certificate FILE.p12'); "
                  f"{r.waiting} record(s) waiting")
        else:
            print(f"{r.batches} message(s), {r.sent} record(s) sent: {r.accepted} accepted, "
                  f"{r.accepted_with_errors} accepted with errors, {r.rejected} rejected, "
                  f"{r.refused} refused, {r.unanswered} without answer; {r.waiting} waiting"
                  + (f" (next send at {r.next_send_at:%Y-%m-%d %H:%M:%S} UTC)"
                     if r.next_send_at else ""))
        if r.error:
            print(f"omsdesk: {r.error}", file=sys.stderr)
    return 0 if r.status in ("ok", "not configured") else 1


def _status(ctx: CliContext) -> int:
    from omsdesk.queries.aeat import record_states, state_counts

    with ctx.db.read() as s:
        rows = record_states(s, limit=ctx.args.limit, state=ctx.args.state)
        counts = state_counts(s)
    if ctx.args.json:
        print_json({"counts": counts, "records": rows})
        return 0
    print("  ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no records")
    for r in rows:
        extra = f" [{r.error_code}] {r.error_description}" if r.error_code or r.error_description else ""
        flags = "".join(f" {f}" for f in (r.correction, "incidencia" if r.incidencia else "") if f)
        print(f"{r.number:<16} {r.kind:<9} {r.state:<21} {r.csv or '-':<18}{flags}{extra}")
    return 0


def _correct(ctx: CliContext) -> int:
    from omsdesk.services.invoicing.aeat import correct_record

    r = correct_record(ctx.db, ctx.args.number, actor=ctx.actor)
    if ctx.args.json:
        print_json(r)
    else:
        marks = ", ".join(f"{k}={v}" for k, v in (("Subsanacion", r.subsanacion),
                                                  ("RechazoPrevio", r.rechazo_previo)) if v)
        print(f"{r.number}: new {r.kind} record ({marks}) queued for the AEAT, huella {r.record_hash}")
    return 0
