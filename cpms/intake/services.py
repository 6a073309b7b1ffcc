"""Writes to reports. Every service is atomic and writes one audit row."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.children.models import Child
from cpms.children.services import StaleEditError
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit, UnitLevel

from .choices import ChildSex, ReporterRelation, Setting
from .models import ConcernType, Report, ReportChild
from .text import normalize_paragraphs

SUBJECT = "intake.report"

__all__ = ["ReportChildData", "ReportData", "StaleEditError", "report_receive"]


def audit_report(
    *, event: AuditEvent, actor: User | None, report: Report, extra: dict[str, object] | None = None
) -> None:
    audit_record(
        event=event,
        actor=actor,
        subject_type=SUBJECT,
        subject_id=report.uid,
        admin_unit_id=report.commune_id,
        extra=extra,
    )


@dataclass
class ReportChildData:
    full_name: str = ""
    birth_date: dt.date | None = None
    age_estimate: int | None = None
    sex: str = ChildSex.UNKNOWN
    condition: str = ""
    likely_consequences: str = ""
    caregiver: str = ""
    family_situation: str = ""
    child: Child | None = None


@dataclass
class ReportData:
    channel: str
    received_at: dt.datetime
    commune: AdminUnit
    description: str
    concern_types: Sequence[ConcernType] = ()
    reporter_anonymous: bool = False
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_address: str = ""
    reporter_relation: str = ReporterRelation.UNKNOWN
    setting: str = Setting.UNKNOWN
    place: str = ""
    immediate_danger: bool = False
    actions_taken: str = ""
    children: list[ReportChildData] = field(default_factory=list)


def _child_row(report: Report, data: ReportChildData) -> ReportChild:
    if data.birth_date is not None and data.birth_date > timezone.localdate():
        raise ValidationError({"birth_date": _("Ngày sinh không được ở tương lai.")})
    row = ReportChild(
        report=report,
        full_name=normalize_text(data.full_name),
        birth_date=data.birth_date,
        age_estimate=data.age_estimate,
        sex=data.sex,
        condition=normalize_paragraphs(data.condition),
        likely_consequences=normalize_paragraphs(data.likely_consequences),
        caregiver=normalize_text(data.caregiver),
        family_situation=normalize_paragraphs(data.family_situation),
        child=data.child,
    )
    row.full_clean(exclude=["report", "child", "case"])
    return row


def report_receive(
    *, actor: User, data: ReportData, idempotency_key: uuid.UUID | None = None
) -> Report:
    """Record a report (Mẫu 01) in the inbox of its commune. The same idempotency key
    (one rendered form) gives back the report already created instead of a second one."""
    if idempotency_key is not None:
        existing = Report.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    try:
        return _report_create(actor=actor, data=data, idempotency_key=idempotency_key)
    except IntegrityError:
        # A concurrent submission of the same form won the unique key.
        if idempotency_key is None:
            raise
        return Report.objects.get(idempotency_key=idempotency_key)


@transaction.atomic
def _report_create(*, actor: User, data: ReportData, idempotency_key: uuid.UUID | None) -> Report:
    if data.commune.level != UnitLevel.COMMUNE:
        raise ValidationError({"commune": _("Vui lòng chọn một xã, phường.")})
    if data.received_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"received_at": _("Thời gian tiếp nhận không được ở tương lai.")})
    if not data.children:
        raise ValidationError(_("Vui lòng ghi ít nhất một trẻ em."))
    anonymous = data.reporter_anonymous
    report = Report(
        channel=data.channel,
        received_at=data.received_at,
        received_by=actor,
        created_by=actor,
        reporter_anonymous=anonymous,
        reporter_name="" if anonymous else normalize_text(data.reporter_name),
        reporter_phone="" if anonymous else normalize_text(data.reporter_phone),
        reporter_address="" if anonymous else normalize_text(data.reporter_address),
        reporter_relation=data.reporter_relation,
        setting=data.setting,
        place=normalize_text(data.place),
        description=normalize_paragraphs(data.description),
        immediate_danger=data.immediate_danger,
        actions_taken=normalize_paragraphs(data.actions_taken),
        commune=data.commune,
        unit_path=data.commune.path,
        idempotency_key=idempotency_key,
    )
    report.full_clean(exclude=["received_by", "created_by", "commune", "idempotency_key"])
    report.save()
    report.concern_types.set(data.concern_types)
    rows = [_child_row(report, child) for child in data.children]
    ReportChild.objects.bulk_create(rows)
    audit_report(
        event=AuditEvent.CREATE,
        actor=actor,
        report=report,
        extra={"children": len(rows), "channel": report.channel},
    )
    return report


def _locked(report: Report, expected_version: int) -> Report:
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.version != expected_version:
        raise StaleEditError
    return locked


@transaction.atomic
def report_child_add(
    *, actor: User, report: Report, data: ReportChildData, expected_version: int
) -> ReportChild:
    locked = _locked(report, expected_version)
    row = _child_row(locked, data)
    row.save()
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    audit_report(
        event=AuditEvent.UPDATE, actor=actor, report=locked, extra={"child_added": str(row.uid)}
    )
    return row


@transaction.atomic
def report_child_link(
    *, actor: User, report_child: ReportChild, child: Child, expected_version: int
) -> ReportChild:
    """Match a reported child to a registry record (found or just registered)."""
    locked = _locked(report_child.report, expected_version)
    if report_child.outcome:
        raise ValidationError(_("Trẻ này đã được phân loại; không thể đổi hồ sơ."))
    report_child.child = child
    report_child.save(update_fields=["child", "updated_at"])
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    audit_report(
        event=AuditEvent.UPDATE,
        actor=actor,
        report=locked,
        extra={"report_child": str(report_child.uid), "child": str(child.uid)},
    )
    return report_child


def reporter_identity_reveal(*, actor: User, report: Report) -> dict[str, str]:
    """The reporter's identity, for someone who must contact them; every reveal is audited."""
    audit_report(
        event=AuditEvent.READ, actor=actor, report=report, extra={"reveal": "reporter_identity"}
    )
    return {
        "name": report.reporter_name,
        "phone": report.reporter_phone,
        "address": report.reporter_address,
    }
