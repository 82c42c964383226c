"""Service refusals in the clerk's language.

The services refuse in English (the CLI, logs and tests read those texts); the desktop shows them
translated. Each entry below is the shape of one service message with its variable parts named,
so a refusal is matched, its values kept, and the Spanish sentence built around them. A message
made of parts joined by "; " (a refusal and its hint) is translated part by part. A message not
in the catalogue is shown as the service wrote it; tests/unit/test_refusals.py checks every entry
still matches a message the services write.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "refusals"

_ENTRIES: tuple[object, ...] = (  # QT_TRANSLATE_NOOP returns its text (typed object)
    # the order workflow (models/workflow.py)
    QT_TRANSLATE_NOOP("refusals", "cannot {action} order {ref}: status is {status}"),
    QT_TRANSLATE_NOOP("refusals", "it has already shipped"),
    QT_TRANSLATE_NOOP("refusals", "record a return instead"),
    QT_TRANSLATE_NOOP("refusals", "close the unshipped lines instead (orders cancel-rest) or record a return"),
    QT_TRANSLATE_NOOP("refusals", "it must be paid first"),
    QT_TRANSLATE_NOOP("refusals", "it must be packed first"),
    QT_TRANSLATE_NOOP("refusals", "it must be picked first"),
    QT_TRANSLATE_NOOP("refusals", "it must be allocated first"),
    QT_TRANSLATE_NOOP("refusals", "it has not shipped"),
    QT_TRANSLATE_NOOP("refusals", "it is not on hold"),
    QT_TRANSLATE_NOOP("refusals", "it is already cancelled"),
    QT_TRANSLATE_NOOP("refusals", "it is already allocated"),
    QT_TRANSLATE_NOOP("refusals", "it is already on hold"),
    # payments and refunds
    QT_TRANSLATE_NOOP("refusals", "order {ref} is already paid in full"),
    QT_TRANSLATE_NOOP("refusals", "payment of {amount} exceeds the balance due of {due} on {ref}"),
    QT_TRANSLATE_NOOP("refusals", "a payment cannot be dated in the future"),
    QT_TRANSLATE_NOOP("refusals", "refund of {amount} exceeds the {paid} paid and not yet refunded on {ref}"),
    QT_TRANSLATE_NOOP("refusals", "unknown order '{ref}'"),
    # allocation, picking, packing, shipping
    QT_TRANSLATE_NOOP("refusals", "order {ref} has nothing left to allocate"),
    QT_TRANSLATE_NOOP("refusals", "order {ref} has no parcel waiting to be picked"),
    QT_TRANSLATE_NOOP("refusals", "order {ref} has no parcel to pack"),
    QT_TRANSLATE_NOOP("refusals", "order {ref} has nothing reserved in {warehouse}"),
    QT_TRANSLATE_NOOP("refusals", "parcel {parcel} of {ref} has already shipped"),
    QT_TRANSLATE_NOOP("refusals", "parcel {parcel} of {ref} ({warehouse}) must be picked first"),
    QT_TRANSLATE_NOOP("refusals", "parcel {parcel} of {ref} ({warehouse}) is not packed yet: it is {parcel_status}"),
    QT_TRANSLATE_NOOP("refusals", "nothing to ship on {ref}"),
    QT_TRANSLATE_NOOP("refusals", "cannot ship {qty} x {sku} on {ref}: only {have} reserved"),
    QT_TRANSLATE_NOOP("refusals", "{units} unit(s) still to pick before packing"),
    QT_TRANSLATE_NOOP("refusals", "choose at least one order to pick"),
    QT_TRANSLATE_NOOP("refusals", "none of the chosen orders has a parcel waiting to be picked"),
    QT_TRANSLATE_NOOP("refusals", "order {ref} is claimed by {holder} (wave {wave}, heard {seconds} s ago): "
                      "that bench picks it"),
    QT_TRANSLATE_NOOP("refusals", "release the wave first (omsdesk waves release {claim}) or wait until its "
                      "claim expires"),
    QT_TRANSLATE_NOOP("refusals", "nothing of order {ref} has shipped; cancel it instead"),
    QT_TRANSLATE_NOOP("refusals", "order {ref} has nothing left open to close"),
    QT_TRANSLATE_NOOP("refusals", "closing the rest of an order needs a reason"),
    QT_TRANSLATE_NOOP("refusals", "nothing to return on {ref}"),
    # order edits
    QT_TRANSLATE_NOOP("refusals", "order {ref} is {status}: its address can no longer change"),
    QT_TRANSLATE_NOOP("refusals", "a ship-to address needs a street, a postcode and a city"),
    QT_TRANSLATE_NOOP("refusals", "postcode '{postcode}' of the {kind} address is not a Spanish postcode "
                                  "(5 digits, 01000-52999)"),
    QT_TRANSLATE_NOOP("refusals", "invalid email address '{email}'"),
    QT_TRANSLATE_NOOP("refusals", "customer name is empty"),
    # stock
    QT_TRANSLATE_NOOP("refusals", "unknown SKU '{sku}'"),
    QT_TRANSLATE_NOOP("refusals", "a stock adjustment needs a reason"),
    QT_TRANSLATE_NOOP("refusals", "cannot remove {qty} x {sku} from {warehouse}: not enough unreserved stock"),
    # counter
    QT_TRANSLATE_NOOP("refusals", "nothing was scanned"),
    QT_TRANSLATE_NOOP("refusals", "no product has the code '{code}'"),
    QT_TRANSLATE_NOOP("refusals", "{sku} is no longer sold"),
    QT_TRANSLATE_NOOP("refusals", "a full invoice names the customer's tax id (NIF): choose a customer who has one"),
    QT_TRANSLATE_NOOP("refusals", "a full invoice needs the company's name and tax id (Settings, Company)"),
    # invoicing
    QT_TRANSLATE_NOOP("refusals", "order {ref} is already fully invoiced"),
    QT_TRANSLATE_NOOP("refusals", "order {ref} is cancelled; there is nothing to invoice"),
    QT_TRANSLATE_NOOP("refusals", "invoice {number} is already fully credited"),
    QT_TRANSLATE_NOOP("refusals", "{number} is a simplified invoice: credit it with reason R5"),
    QT_TRANSLATE_NOOP("refusals", "{number} is itself a credit note; it cannot be credited"),
    QT_TRANSLATE_NOOP("refusals", "converting a simplified invoice needs the customer's tax id"),
    QT_TRANSLATE_NOOP("refusals", "converting a simplified invoice needs the customer's name"),
    QT_TRANSLATE_NOOP("refusals", "cannot cancel {number}: payments were recorded against it"),
    # reaching the database server (omsdesk/connection.py)
    QT_TRANSLATE_NOOP("refusals", "wrong password (or unknown user) for user '{user}'"),
    QT_TRANSLATE_NOOP("refusals", "the server wants a password and none is stored: connect again with the password"),
    QT_TRANSLATE_NOOP("refusals", "the server has no database '{database}'"),
    QT_TRANSLATE_NOOP("refusals", "unknown host '{host}': check the name (DNS)"),
    QT_TRANSLATE_NOOP("refusals", "server {host}:{port} refused the connection: is PostgreSQL running there and reachable?"),
    QT_TRANSLATE_NOOP("refusals", "the server cannot be reached: check the network (LAN) connection"),
    QT_TRANSLATE_NOOP("refusals", "the server did not answer in time: check the network (LAN) and the host name"),
    QT_TRANSLATE_NOOP("refusals", "the server does not offer TLS, but TLS is required (sslmode): ask for TLS or change the mode"),
    QT_TRANSLATE_NOOP("refusals", "the server requires TLS: connect with TLS mode require (or verify-full)"),
    QT_TRANSLATE_NOOP("refusals", "the CA file '{file}' does not exist"),
    QT_TRANSLATE_NOOP("refusals", "the server's certificate is for '{name}', not '{host}': connect by that name"),
    QT_TRANSLATE_NOOP("refusals", "the server's TLS certificate could not be verified: check the CA file (sslrootcert)"),
    QT_TRANSLATE_NOOP("refusals", "the server has no user '{user}'"),
    QT_TRANSLATE_NOOP("refusals", "the server runs PostgreSQL {version}"),
    QT_TRANSLATE_NOOP("refusals", "omsdesk needs {minimum} or newer"),
    QT_TRANSLATE_NOOP("refusals", "database schema {revision} is newer than this omsdesk knows"),
    QT_TRANSLATE_NOOP("refusals", "upgrade omsdesk first"),
    QT_TRANSLATE_NOOP("refusals", "PostgreSQL support is not installed: pip install 'psycopg[binary]'"),
)
CATALOGUE: tuple[str, ...] = tuple(str(e) for e in _ENTRIES)


def _value_texts() -> dict[str, Callable[[str], str]]:
    # Workflow words inside a refusal are shown as the rest of the desktop names them.
    from omsdesk.ui.labels import parcel_status_text, status_text
    from omsdesk.ui.order_actions import action_text

    return {"action": action_text, "status": status_text, "parcel_status": parcel_status_text}


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    # A value never spans "; ": that is where a refusal and its hint meet.
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>(?:(?!; ).)+?)" for i, p in enumerate(parts))
    return re.compile(regex, re.DOTALL)


def _one(text: str) -> str | None:
    for template in CATALOGUE:
        m = _pattern(template).fullmatch(text)
        if m is None:
            continue
        translated = QCoreApplication.translate(CONTEXT, template)
        values = m.groupdict()
        if translated != template:
            convert = _value_texts()
            values = {k: convert[k](v) if k in convert else v for k, v in values.items()}
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            return text  # a translation that lost a placeholder: better English than a crash
    return None


def refusal_text(message: str) -> str:
    """`message` in the UI language where the catalogue knows it, else as it is."""
    whole = _one(message)
    if whole is not None:
        return whole
    parts = message.split("; ")
    if len(parts) == 1:
        return message
    return "; ".join(_one(p) or p for p in parts)
