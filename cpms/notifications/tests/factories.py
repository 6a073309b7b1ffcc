"""Helpers for notification tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cpms.accounts.models import User
from cpms.notifications.choices import NotificationKind
from cpms.notifications.models import Notification
from cpms.notifications.services import notify


def reachable(user: User, *, email: str = "", phone: str = "") -> User:
    """Give a persona an e-mail address and a phone number."""
    user.email = email or f"{user.username}@example.vn"
    user.phone = phone
    user.save(update_fields=["email", "phone"])
    return user


def lines(folder: Path, channel: str) -> list[dict[str, Any]]:
    path = folder / f"{channel}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def make_notification(user: User, **overrides: Any) -> Notification:
    values: dict[str, Any] = {
        "kind": NotificationKind.TASK_ASSIGNED,
        "title": "Bạn được giao một việc",
        "body": "Hạn: 05/03/2027",
        "url": "/cases/",
        **overrides,
    }
    [row] = notify(recipients=[user], **values)
    return row
