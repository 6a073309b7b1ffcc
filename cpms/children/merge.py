"""Merging two records of the same child: a person's decision, never automatic."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.core.text import normalize_text

from .models import (
    Child,
    ChildCircumstance,
    ChildRiskFactor,
    FamilyLink,
    FollowUp,
    RiskScreening,
    Visit,
)
from .services import audit_child

SUBJECT = "children.child"
MOVED = (ChildCircumstance, ChildRiskFactor, RiskScreening, FollowUp, Visit)


@transaction.atomic
def child_merge(*, actor: User, keep: Child, merge: Child, reason: str) -> Child:
    """Move everything attached to `merge` onto `keep`, then archive `merge` pointing at `keep`.

    Both rows stay (history is kept by pghistory and the audit log); family links that
    `keep` already has are not duplicated. The caller has checked the actor may edit both.
    """
    keep, merge = (
        Child.objects.select_for_update().get(pk=keep.pk),
        Child.objects.select_for_update().get(pk=merge.pk),
    )
    if keep.pk == merge.pk:
        raise ValidationError(_("Không thể gộp một hồ sơ với chính nó."))
    if merge.archived_at is not None or keep.archived_at is not None:
        raise ValidationError(_("Một trong hai hồ sơ đã được lưu trữ hoặc đã gộp."))
    moved: dict[str, int] = {}
    for model in MOVED:
        moved[model._meta.model_name or ""] = model.objects.filter(child=merge).update(child=keep)
    existing = set(FamilyLink.objects.filter(child=keep).values_list("person_id", "relationship"))
    for link in FamilyLink.objects.filter(child=merge):
        if (link.person_id, link.relationship) not in existing:
            FamilyLink.objects.filter(pk=link.pk).update(child=keep)
            moved["familylink"] = moved.get("familylink", 0) + 1
    fill = {
        name: getattr(merge, name)
        for name in (
            "personal_id",
            "birth_certificate_no",
            "mother_key",
            "father_key",
            "school",
            "school_class",
            "address",
            "disability",
        )
        if not getattr(keep, name) and getattr(merge, name)
    }
    merge.merged_into = keep
    merge.archived_at = timezone.now()
    merge.archived_by = actor
    merge.version += 1
    merge.save(update_fields=["merged_into", "archived_at", "archived_by", "version", "updated_at"])
    for name, value in fill.items():
        setattr(keep, name, value)
    keep.version += 1
    keep.save(update_fields=[*fill, "version", "updated_at"])
    note = normalize_text(reason)
    for child, role in ((keep, "kept"), (merge, "merged")):
        audit_child(
            event=AuditEvent.UPDATE,
            actor=actor,
            child=child,
            extra={
                "merge": role,
                "kept": str(keep.uid),
                "merged": str(merge.uid),
                "reason": note,
                "moved": moved,
                "filled": sorted(fill),
            },
        )
    return keep
