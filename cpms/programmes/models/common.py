"""Pieces shared by the programme models."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpms.geography.models import AdminUnit

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

NO_DELETE = pgtrigger.Protect(name="no_delete", operation=pgtrigger.Delete)


def unit_fk(label: str | _StrPromise) -> Any:
    return models.ForeignKey(
        AdminUnit, verbose_name=label, on_delete=models.PROTECT, related_name="+"
    )


def user_fk(label: str | _StrPromise, *, null: bool = True) -> Any:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        on_delete=models.PROTECT,
        null=null,
        blank=null,
        related_name="+",
    )


def created_by() -> Any:
    return user_fk(_("người tạo"))
