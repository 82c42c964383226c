"""Keep secrets (tokens, keys, passwords) out of every log line and error message."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

REDACTED = "***"

# Shapes a secret takes on the wire whatever its value: header lines, query parameters,
# credentials embedded in a URL. The values of registered secrets are replaced as well.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)(basic|bearer|token)\s+[^\s'\",}]+"),
     r"\1\2 " + REDACTED),
    (re.compile(r"(?i)(x-shopify-access-token['\"]?\s*[:=]\s*['\"]?)[^\s'\",}]+"), r"\1" + REDACTED),
    (re.compile(r"(?i)([?&;](?:consumer_key|consumer_secret|ws_key|access_token|token|key|"
                r"api_key|password)=)[^&#\s'\"]+"), r"\1" + REDACTED),
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://)[^/\s:@]+:[^/\s@]*@"), r"\1" + REDACTED + "@"),
)

_lock = threading.Lock()
_known_secrets: set[str] = set()
_installed = False

# Very short values would blank out ordinary words; real credentials are long.
_MIN_SECRET_LENGTH = 6


def register_secret(secret: str | None) -> None:
    """Remember a secret so that it is masked wherever it appears in a log line."""
    if secret and len(secret) >= _MIN_SECRET_LENGTH:
        with _lock:
            _known_secrets.add(secret)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Return text with every known or given secret, and every credential-shaped token, masked."""
    with _lock:
        values = set(_known_secrets)
    values.update(s for s in secrets if s and len(s) >= _MIN_SECRET_LENGTH)
    # Longest first so a secret that contains another is masked whole.
    for value in sorted(values, key=len, reverse=True):
        if value in text:
            text = text.replace(value, REDACTED)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def install_log_redaction() -> None:
    """Mask secrets in every log record created from now on, in any logger of the process.

    A record factory sees records of third-party loggers too (urllib3 logs request URLs,
    query strings included, at DEBUG), which a filter on our own loggers would miss.
    """
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # Formatters reuse exc_text when set, so the traceback is masked once, here.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(factory)
