"""PIN, password, badge and token hashing with the standard library's scrypt."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# RFC 7914 parameters: 16 MiB and about 50 ms per try on a desk PC, which also paces guessing.
N, R, P = 2**14, 8, 1
DKLEN = 32
# Badges are looked up by their code, so they cannot carry a per-user salt; a fixed one still
# keeps a stolen table from matching codes hashed elsewhere.
BADGE_SALT = b"omsdesk badge v1"
# Fixed apart from N: every stored badge must keep matching if the PIN cost is raised.
BADGE_N = 2**14
MIN_PIN = 4


def hash_secret(secret: str) -> str:
    """'scrypt$n$r$p$salt$hash' for a PIN, password or service token (a fresh salt each time)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=N, r=R, p=P, dklen=DKLEN)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str) -> bool:
    """Whether `secret` is the one `stored` was made from (constant-time compare)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(secret.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(bytes.fromhex(digest)), maxmem=64 * 1024 * 1024)
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


def badge_digest(code: str) -> str:
    """The stored form of a badge barcode (the clear code is never kept)."""
    return hashlib.scrypt(code.strip().encode(), salt=BADGE_SALT, n=BADGE_N, r=R, p=P, dklen=DKLEN).hex()


def new_token() -> str:
    """A service account's token: what the daemon keeps in the keyring instead of a PIN."""
    return secrets.token_urlsafe(32)
