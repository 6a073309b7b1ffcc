"""Reads: a user's own notifications, the unread count, and effective preferences."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from cpms.accounts.models import User

from .channels import extra_channels
from .choices import EmailMode, KindGroup, group_of
from .models import Notification, NotificationPreference

DEFAULT_EMAIL_MODE = EmailMode.IMMEDIATE


def notification_list(*, viewer: User) -> QuerySet[Notification]:
    """Only the viewer's own notifications, newest first."""
    return Notification.objects.filter(recipient=viewer).order_by("-created_at", "-id")


def unread_count(*, viewer: User) -> int:
    return Notification.objects.filter(recipient=viewer, read_at=None).count()


@dataclass(frozen=True)
class Effective:
    email_mode: str  # off, immediate or digest
    channels: frozenset[str]


class UserPreferences:
    """One user's preference rows; a group row overrides the "all" row, which overrides the
    defaults (e-mail at once, no other channel)."""

    def __init__(self, rows: Iterable[NotificationPreference]) -> None:
        self.rows = {row.group: row for row in rows}

    def row(self, group: str) -> NotificationPreference | None:
        return self.rows.get(group)

    def for_group(self, group: str) -> Effective:
        base = self.rows.get(KindGroup.ALL)
        own = self.rows.get(group) if group != KindGroup.ALL else None
        email = (own.email_mode if own else "") or (base.email_mode if base else "")
        chosen = set()
        for name in extra_channels():
            if own is not None and name in own.channels:
                on = bool(own.channels[name])
            else:
                on = bool(base.channels.get(name, False)) if base is not None else False
            if on:
                chosen.add(name)
        return Effective(email_mode=email or DEFAULT_EMAIL_MODE, channels=frozenset(chosen))

    def for_kind(self, kind: str) -> Effective:
        return self.for_group(group_of(kind))


def preferences_of(user_ids: Iterable[int]) -> dict[int, UserPreferences]:
    """Effective preferences of many users in one query."""
    ids = set(user_ids)
    rows: dict[int, list[NotificationPreference]] = {pk: [] for pk in ids}
    for pref in NotificationPreference.objects.filter(user_id__in=ids):
        rows[pref.user_id].append(pref)
    return {pk: UserPreferences(found) for pk, found in rows.items()}
