"""The keys of the protected fields, kept outside the database.

`settings.CPMS_FIELD_KEYS` (env `CPMS_FIELD_KEYS` or `CPMS_FIELD_KEYS_FILE`) lists Fernet keys,
the first one current: values are written with it and read with any of them, so a key is
rotated by putting the new key first, running `manage.py rotate_field_keys`, then dropping the
old key. Without configured keys (development, demo, tests) one key is derived from
SECRET_KEY; `check --deploy` refuses that (privacy.E001).
"""

from __future__ import annotations

import base64
import functools
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver


class FieldKeyError(Exception):
    """A protected value cannot be read with the configured keys (the message never holds it)."""


def configured_keys() -> list[str]:
    return list(getattr(settings, "CPMS_FIELD_KEYS", []))


def derived_key() -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cpms protected fields")
    return base64.urlsafe_b64encode(hkdf.derive(settings.SECRET_KEY.encode()))


@functools.cache
def _fernets() -> tuple[Fernet, ...]:
    keys = [k.encode() for k in configured_keys()] or [derived_key()]
    return tuple(Fernet(k) for k in keys)


def invalid_keys() -> list[int]:
    """Positions (1-based) of configured keys that are not Fernet keys."""
    bad = []
    for i, key in enumerate(configured_keys(), start=1):
        try:
            Fernet(key.encode())
        except ValueError:
            bad.append(i)
    return bad


def reset() -> None:
    _fernets.cache_clear()


@receiver(setting_changed)
def _on_setting_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in ("CPMS_FIELD_KEYS", "SECRET_KEY"):
        reset()


def encrypt(text: str) -> str:
    return _fernets()[0].encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return MultiFernet(list(_fernets())).decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise FieldKeyError(
            "A protected value cannot be decrypted with the configured CPMS_FIELD_KEYS."
        ) from exc


def readable(value: str) -> bool:
    """True when `value` is a token one of the keys opens (False for plaintext)."""
    try:
        decrypt(value)
    except FieldKeyError:
        return False
    return True


def current(value: str) -> bool:
    """True when `value` is a token of the current key: rotation leaves it alone."""
    try:
        _fernets()[0].decrypt(value.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


def reencrypt(value: str) -> str:
    """The value under the current key; plaintext left from before encryption is encrypted."""
    return encrypt(decrypt(value) if readable(value) else value)
