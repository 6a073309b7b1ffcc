"""Reads: the privacy status of a child (basis in force per purpose, restriction)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cpms.children.models import Child

from .models import ProcessingBasis, ProcessingPurpose, ProcessingRestriction


@dataclass(frozen=True)
class PurposeStatus:
    purpose: ProcessingPurpose
    basis: ProcessingBasis | None


def active_restriction(child_id: int) -> ProcessingRestriction | None:
    return ProcessingRestriction.objects.filter(child_id=child_id, lifted_at=None).first()


def restricted_child_ids() -> QuerySet[ProcessingRestriction, int]:
    """The children whose processing is restricted now, as a subquery of their ids."""
    return ProcessingRestriction.objects.filter(lifted_at=None).values_list("child_id", flat=True)


def restriction_message() -> str:
    return _(
        "Việc xử lý dữ liệu của trẻ đang bị hạn chế: không chuyển gửi, chia sẻ hoặc xuất "
        "dữ liệu của trẻ cho đến khi bỏ hạn chế."
    )


def child_privacy_status(child: Child) -> list[PurposeStatus]:
    """Every active purpose with the basis in force for this child (None: not recorded)."""
    in_force = {
        b.purpose_id: b
        for b in ProcessingBasis.objects.filter(child=child, withdrawn_at=None).select_related(
            "representative", "recorded_by"
        )
    }
    return [
        PurposeStatus(purpose=p, basis=in_force.get(p.pk))
        for p in ProcessingPurpose.objects.filter(active=True)
    ]


def child_privacy_history(child: Child) -> list[ProcessingBasis]:
    return list(
        ProcessingBasis.objects.filter(child=child)
        .exclude(withdrawn_at=None)
        .select_related("purpose", "representative", "withdrawn_by")
    )


def child_privacy_panel(child: Child) -> dict[str, object]:
    """What the child's page shows: the basis per purpose and a restriction in force."""
    return {"statuses": child_privacy_status(child), "restriction": active_restriction(child.pk)}


def export_allowed(form: forms.Form, *child_ids: int | None) -> bool:
    """For export views: False (with the reason on the form) while processing of any of
    these children (None: a child not matched to the registry) is restricted."""
    ids = [pk for pk in child_ids if pk is not None]
    restricted = ProcessingRestriction.objects.filter(child_id__in=ids, lifted_at=None)
    if not ids or not restricted.exists():
        return True
    form.add_error(None, restriction_message())
    return False
