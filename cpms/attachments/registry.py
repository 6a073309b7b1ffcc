"""Owners of attachments. An app registers its subject type with an access callback (its own
access helper: out of scope → Http404, lacking permission → PermissionDenied, refusals audited)
and an optional change callback (e.g. to write the record's timeline). Attachments import no
owning app: owners import this module from their AppConfig.ready()."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest

if TYPE_CHECKING:
    from cpms.accounts.models import User

    from .models import Attachment


class Action(StrEnum):
    VIEW = "view"  # list and download
    EDIT = "edit"  # upload and withdraw


class Change(StrEnum):
    ADDED = "added"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Subject:
    """The owning record as attachments need it."""

    subject_type: str
    subject_id: uuid.UUID
    admin_unit_id: int | None
    url: str
    # Extensions this owner takes, narrower than validation.ALLOWED (None: all of those).
    extensions: frozenset[str] | None = None


AccessFn = Callable[[HttpRequest, uuid.UUID, Action], Subject]
ChangeFn = Callable[["User", Subject, "Attachment", Change], None]


@dataclass(frozen=True)
class Owner:
    access: AccessFn
    on_change: ChangeFn | None = None


_OWNERS: dict[str, Owner] = {}


def register(subject_type: str, *, access: AccessFn, on_change: ChangeFn | None = None) -> None:
    _OWNERS[subject_type] = Owner(access=access, on_change=on_change)


def owner_of(subject_type: str) -> Owner:
    owner = _OWNERS.get(subject_type)
    if owner is None:
        raise Http404
    return owner


def access_subject(
    request: HttpRequest, subject_type: str, subject_id: uuid.UUID, action: Action
) -> Subject:
    """The owning record, if the viewer may do `action` with its attachments (else 404/403)."""
    return owner_of(subject_type).access(request, subject_id, action)
