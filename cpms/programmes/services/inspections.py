"""Writes of inspections: the annual plan, each inspection, its recommendations and their
closing. Plans, inspections and recommendations are written by the inspecting level (area
officers, inspection.edit); a recommendation is closed by the inspecting level or by the
leader of the commune it is addressed to (recommendation.close)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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

from ..choices import RecommendationStatus
from ..models import Inspection, InspectionPlan, Recommendation
from .common import audit, lock_version, long_text, require, save_changes


@transaction.atomic
def plan_create(
    *, actor: User, year: int, title: str, unit: AdminUnit, issuer: str = ""
) -> InspectionPlan:
    require(actor, [unit.path], Perm.INSPECTION_EDIT)
    plan = InspectionPlan(
        year=year,
        title=normalize_text(title),
        unit=unit,
        issuer=normalize_text(issuer),
        created_by=actor,
    )
    plan.full_clean(exclude=["created_by", "unit"])
    plan.save()
    audit(event=AuditEvent.CREATE, actor=actor, obj=plan, admin_unit_id=unit.pk)
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: User,
    plan: InspectionPlan,
    year: int,
    title: str,
    unit: AdminUnit,
    issuer: str,
    expected_version: int,
) -> InspectionPlan:
    """Edit a plan; the inspections already recorded must stay inside its area and year."""
    locked = lock_version(InspectionPlan, plan, expected_version, "unit")
    require(actor, [locked.unit.path, unit.path], Perm.INSPECTION_EDIT)
    if locked.inspections.exclude(unit__path__startswith=unit.path).exists():
        raise ValidationError(
            {"unit": _("Có cuộc kiểm tra ngoài địa bàn này; không đổi được cấp ban hành.")}
        )
    if locked.inspections.exclude(date__year=year).exists():
        raise ValidationError({"year": _("Có cuộc kiểm tra không thuộc năm này.")})
    values = {
        "year": year,
        "title": normalize_text(title),
        "unit": unit,
        "issuer": normalize_text(issuer),
    }
    save_changes(actor=actor, obj=locked, values=values, admin_unit_id=unit.pk)
    return locked


@dataclass
class InspectionData:
    unit: AdminUnit
    inspected_body: str
    date: dt.date
    team: str
    findings: str = ""


@transaction.atomic
def inspection_record(*, actor: User, plan: InspectionPlan, data: InspectionData) -> Inspection:
    """An inspection of a unit inside the plan's area, carried out in the plan's year."""
    require(actor, [plan.unit.path], Perm.INSPECTION_EDIT)
    _check_inspection(plan, data)
    inspection = Inspection(
        plan=plan,
        unit=data.unit,
        inspected_body=normalize_text(data.inspected_body),
        date=data.date,
        team=long_text(data.team),
        findings=long_text(data.findings),
        created_by=actor,
    )
    inspection.full_clean(exclude=["created_by", "plan", "unit"])
    inspection.save()
    audit(event=AuditEvent.CREATE, actor=actor, obj=inspection, admin_unit_id=data.unit.pk)
    return inspection


def _check_inspection(plan: InspectionPlan, data: InspectionData) -> None:
    if not data.unit.path.startswith(plan.unit.path):
        raise ValidationError({"unit": _("Địa bàn được kiểm tra không thuộc phạm vi kế hoạch.")})
    if data.date.year != plan.year:
        raise ValidationError({"date": _("Ngày kiểm tra phải thuộc năm của kế hoạch.")})
    if data.date > timezone.localdate():
        raise ValidationError({"date": _("Chỉ ghi nhận cuộc kiểm tra đã thực hiện.")})


@transaction.atomic
def inspection_update(
    *, actor: User, inspection: Inspection, data: InspectionData, expected_version: int
) -> Inspection:
    """Edit an inspection. Its recommendations were issued on its date, so the date is fixed
    once there are any."""
    locked = lock_version(Inspection, inspection, expected_version, "unit", "plan__unit")
    require(actor, [locked.plan.unit.path], Perm.INSPECTION_EDIT)
    _check_inspection(locked.plan, data)
    if data.date != locked.date and locked.recommendations.exists():
        raise ValidationError(
            {"date": _("Đã có kiến nghị theo ngày kiểm tra này; không đổi được ngày.")}
        )
    values = {
        "unit": data.unit,
        "inspected_body": normalize_text(data.inspected_body),
        "date": data.date,
        "team": long_text(data.team),
        "findings": long_text(data.findings),
    }
    save_changes(actor=actor, obj=locked, values=values, admin_unit_id=data.unit.pk)
    return locked


@dataclass
class RecommendationData:
    text: str
    owner_agency: str
    deadline: dt.date
    owner_person: str = ""


@transaction.atomic
def recommendation_issue(
    *, actor: User, inspection: Inspection, data: RecommendationData
) -> Recommendation:
    """Issued on the inspection's date; the deadline cannot precede it."""
    require(actor, [inspection.plan.unit.path], Perm.INSPECTION_EDIT)
    if data.deadline < inspection.date:
        raise ValidationError({"deadline": _("Hạn thực hiện không được trước ngày kiểm tra.")})
    recommendation = Recommendation(
        inspection=inspection,
        text=long_text(data.text),
        owner_agency=normalize_text(data.owner_agency),
        owner_person=normalize_text(data.owner_person),
        issued_on=inspection.date,
        deadline=data.deadline,
        created_by=actor,
    )
    recommendation.full_clean(exclude=["created_by", "inspection", "closed_by"])
    recommendation.save()
    audit(
        event=AuditEvent.CREATE,
        actor=actor,
        obj=recommendation,
        admin_unit_id=inspection.unit_id,
    )
    return recommendation


@transaction.atomic
def recommendation_close(
    *,
    actor: User,
    recommendation: Recommendation,
    closed_on: dt.date,
    note: str,
    expected_version: int,
) -> Recommendation:
    """Close with the date and what was done; refused when someone changed it meanwhile."""
    locked = (
        Recommendation.objects.select_for_update()
        .select_related("inspection__unit", "inspection__plan__unit")
        .get(pk=recommendation.pk)
    )
    if locked.version != expected_version or locked.status != RecommendationStatus.OPEN:
        raise StaleEditError
    paths = [locked.inspection.unit.path, locked.inspection.plan.unit.path]
    require(actor, paths, Perm.RECOMMENDATION_CLOSE)
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": _("Ngày hoàn thành không được ở tương lai.")})
    if closed_on < locked.issued_on:
        raise ValidationError({"closed_on": _("Ngày hoàn thành không được trước ngày kiến nghị.")})
    if not note.strip():
        raise ValidationError({"note": _("Vui lòng ghi kết quả thực hiện.")})
    locked.status = RecommendationStatus.CLOSED
    locked.closed_on = closed_on
    locked.closing_note = long_text(note)
    locked.closed_by = actor
    locked.version += 1
    locked.save(
        update_fields=[
            *("status", "closed_on", "closing_note", "closed_by_id"),
            *("version", "updated_at"),
        ]
    )
    audit(
        event=AuditEvent.UPDATE,
        actor=actor,
        obj=locked,
        admin_unit_id=locked.inspection.unit_id,
        extra={"status": RecommendationStatus.CLOSED, "closed_on": closed_on.isoformat()},
    )
    return locked
