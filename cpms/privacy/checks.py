from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from .keys import configured_keys, invalid_keys


@register(Tags.security, deploy=True)
def field_keys_configured(**kwargs: Any) -> list[CheckMessage]:
    """Production keeps the field keys outside the database and apart from SECRET_KEY."""
    if configured_keys() or settings.DEBUG:
        return []
    return [
        Error(
            "CPMS_FIELD_KEYS (or CPMS_FIELD_KEYS_FILE) is not set: protected fields would be "
            "encrypted with a key derived from SECRET_KEY.",
            hint="Generate one with `manage.py rotate_field_keys --new-key` (docs/security.md).",
            id="privacy.E001",
        )
    ]


@register(Tags.security)
def field_keys_valid(**kwargs: Any) -> list[CheckMessage]:
    return [
        Error(f"CPMS_FIELD_KEYS: key {i} is not a Fernet key.", id="privacy.E002")
        for i in invalid_keys()
    ]
