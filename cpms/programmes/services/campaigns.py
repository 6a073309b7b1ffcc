"""Writes of awareness-raising activities and their audience counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.core.exceptions import StaleEditError
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit

from ..models import AudienceCount, CampaignActivity
from .common import audit, long_text, require

AudienceKey = tuple[str, str]  # (group, sex)


@dataclass
class ActivityData:
    kind: str
    title: str
    date: dt.date
    unit: AdminUnit
    place: str = ""
    description: str = ""
    promoted_111: bool = False
    promoted_provincial_hotline: bool = False
    audience: dict[AudienceKey, int] = field(default_factory=dict)


def _apply(activity: CampaignActivity, data: ActivityData) -> list[str]:
    if data.date > timezone.localdate():
        raise ValidationError({"date": _("Chỉ ghi nhận hoạt động đã thực hiện.")})
    if any(n < 0 for n in data.audience.values()):
        raise ValidationError(_("Số người không được âm."))
    values: dict[str, object] = {
        "kind": data.kind,
        "title": normalize_text(data.title),
        "date": data.date,
        "unit": data.unit,
        "place": normalize_text(data.place),
        "description": long_text(data.description),
        "promoted_111": data.promoted_111,
        "promoted_provincial_hotline": data.promoted_provincial_hotline,
    }
    changed = [k for k, v in values.items() if getattr(activity, k, None) != v]
    for k, v in values.items():
        setattr(activity, k, v)
    return changed


def _save_audience(activity: CampaignActivity, audience: dict[AudienceKey, int]) -> bool:
    """Update the counts in place; a new non-zero count adds a row. True when one changed."""
    rows = {(a.group, a.sex): a for a in AudienceCount.objects.filter(activity=activity)}
    changed = False
    for (group, sex), count in audience.items():
        row = rows.get((group, sex))
        if row is None and count > 0:
            AudienceCount(activity=activity, group=group, sex=sex, count=count).save()
            changed = True
        elif row is not None and row.count != count:
            row.count = count
            row.save(update_fields=["count"])
            changed = True
    return changed


@transaction.atomic
def activity_record(*, actor: User, data: ActivityData) -> CampaignActivity:
    require(actor, [data.unit.path], Perm.PROGRAMME_EDIT)
    activity = CampaignActivity(created_by=actor)
    _apply(activity, data)
    activity.full_clean(exclude=["created_by", "unit"])
    activity.save()
    _save_audience(activity, data.audience)
    audit(
        event=AuditEvent.CREATE,
        actor=actor,
        obj=activity,
        admin_unit_id=data.unit.pk,
        extra={"reach": sum(data.audience.values())},
    )
    return activity


@transaction.atomic
def activity_update(
    *, actor: User, activity: CampaignActivity, data: ActivityData, expected_version: int
) -> CampaignActivity:
    """Save an edit unless someone else saved the activity since `expected_version` was read."""
    locked = CampaignActivity.objects.select_for_update().select_related("unit").get(pk=activity.pk)
    if locked.version != expected_version:
        raise StaleEditError
    require(actor, [locked.unit.path, data.unit.path], Perm.PROGRAMME_EDIT)
    changed = _apply(locked, data)
    audience_changed = _save_audience(locked, data.audience)
    if not changed and not audience_changed:
        return locked
    locked.full_clean(exclude=["created_by", "unit"])
    locked.version += 1
    fields = [f"{c}_id" if c == "unit" else c for c in changed]
    locked.save(update_fields=[*fields, "version", "updated_at"])
    audit(
        event=AuditEvent.UPDATE,
        actor=actor,
        obj=locked,
        admin_unit_id=locked.unit_id,
        extra={"fields": sorted(changed), "audience": audience_changed},
    )
    return locked
