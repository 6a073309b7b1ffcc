"""Abstract bases only: core holds no concrete models."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Public UUID `uid` for URLs and the API; creation and update times."""

    uid = models.UUIDField(_("mã định danh"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


def validity_constraint(name: str) -> models.CheckConstraint:
    """valid_to, when both dates are set, is not before valid_from."""
    return models.CheckConstraint(
        condition=models.Q(valid_to__isnull=True)
        | models.Q(valid_from__isnull=True)
        | models.Q(valid_to__gte=models.F("valid_from")),
        name=name,
    )


def valid_on(day: dt.date) -> models.Q:
    """Rows with validity dates (validity_constraint) in force on `day`; open ends count."""
    return (models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)) & (
        models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
    )


def choices_constraint(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    """The database refuses a value outside the field's choices."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": [c.value for c in choices]}), name=name
    )
