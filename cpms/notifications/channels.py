"""Pluggable channels for short messages (SMS, Zalo …).

A channel is any class with a `name`, a `label` and `send(address, text)`, built with
`Channel(name=...)`. Settings `CPMS_NOTIFICATION_CHANNELS` maps each channel name to the
dotted path of its class, for example::

    CPMS_NOTIFICATION_CHANNELS = {
        "sms": "cpms.notifications.channels.FileChannel",
        "zalo": "cpms.notifications.channels.FileChannel",
    }

The address is the user's phone number (User.phone). The text is already free of personal
data (see services.py); a channel must not add any. `send` raises on failure; the delivery
is then marked failed and a retry sends it again.

FileChannel appends one JSON line per message to `<CPMS_NOTIFICATION_FILE_DIR>/<name>.jsonl`:
it stands in for a real gateway in tests and in the demo.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str | Promise] = {"sms": _("Tin nhắn SMS"), "zalo": _("Zalo")}


class Channel(Protocol):
    name: str

    @property
    def label(self) -> str | Promise: ...

    def send(self, address: str, text: str) -> None: ...


class FileChannel:
    def __init__(self, *, name: str) -> None:
        self.name = name

    @property
    def label(self) -> str | Promise:
        return LABELS.get(self.name, self.name)

    @property
    def path(self) -> Path:
        return Path(settings.CPMS_NOTIFICATION_FILE_DIR) / f"{self.name}.jsonl"

    def send(self, address: str, text: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {"channel": self.name, "to": address, "text": text, "at": timezone.now().isoformat()},
            ensure_ascii=False,
        )
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")


@cache
def _load(names_and_paths: tuple[tuple[str, str], ...]) -> dict[str, Channel]:
    return {name: import_string(path)(name=name) for name, path in names_and_paths}


def extra_channels() -> dict[str, Channel]:
    """The configured channels besides in-app and e-mail, by name."""
    configured: dict[str, str] = getattr(settings, "CPMS_NOTIFICATION_CHANNELS", {})
    return _load(tuple(sorted(configured.items())))
