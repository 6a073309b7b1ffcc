"""Follow-up codes: random, easy to read aloud, stored only as a keyed hash."""

from __future__ import annotations

import secrets

from django.utils.crypto import salted_hmac

# No 0/O or 1/I: a code copied by hand or read over the phone stays unambiguous.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 10  # 32**10 ≈ 10**15 codes: guessing one is hopeless under the lookup rate limit
GROUPS = (4, 4, 2)


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    parts, start = [], 0
    for size in GROUPS:
        parts.append(raw[start : start + size])
        start += size
    return "-".join(parts)


def canonical(code: str) -> str:
    """What the visitor typed, without separators or case (K7QM-4XPT-9R == k7qm4xpt9r)."""
    return "".join(c for c in code.upper() if c.isalnum())[:40]


def code_hash(code: str) -> str:
    """HMAC-SHA-256 keyed from SECRET_KEY: the table alone cannot be brute-forced."""
    return salted_hmac(
        "cpms.public.follow-up-code", canonical(code), algorithm="sha256"
    ).hexdigest()
