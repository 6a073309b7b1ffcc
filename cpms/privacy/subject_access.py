"""Subject-access export: everything held about one child, as a ZIP of JSON files.

Only what the requesting user reaches (cases by area scope; the child through access_child
in the view). The reporter's identity is masked (the reporter's protection wins over the
request), and alleged perpetrators are left out (data about another person who may be the
one asking). The export itself is audited as an export of the child's file.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from cpms.accounts.scope import unit_scope_q
from cpms.attachments.models import Attachment
from cpms.audit.models import AuditEvent, AuditLog
from cpms.audit.services import audit_record
from cpms.care.models import Placement
from cpms.cases.models import (
    Case,
    CaseEvent,
    CaseNote,
    EmergencyAction,
    InitialAssessment,
    NeedsAssessment,
    Plan,
    Review,
    SeparationDecision,
)
from cpms.children.models import (
    Child,
    ChildCircumstance,
    FamilyLink,
    RiskScreening,
    Visit,
)
from cpms.intake.models import Report, ReportChild
from cpms.referrals.models import Referral

from .models import ProcessingBasis, ProcessingRestriction
from .services import SUBJECT

MASKED = "***"
REPORTER_FIELDS = ("reporter_name", "reporter_phone", "reporter_address")
# Internal keys and counters that say nothing about the child.
SKIP = {
    "id",
    "unit_path",
    "name_key",
    "family_key",
    "family_canon",
    "given_key",
    "mother_key",
    "father_key",
    "idempotency_key",
    "version",
    "birth_year",
}


def row(obj: models.Model, *, mask: Iterable[str] = ()) -> dict[str, Any]:
    """One record as {field label: value}; related records by their display name."""
    out: dict[str, Any] = {}
    masked = set(mask)
    for field in obj._meta.concrete_fields:
        if field.name in SKIP:
            continue
        label = str(field.verbose_name)
        if field.name in masked:
            out[label] = MASKED if getattr(obj, field.attname) else ""
        elif field.is_relation:
            related = getattr(obj, field.name) if getattr(obj, field.attname) else None
            out[label] = str(related) if related is not None else None
        elif field.choices:
            out[label] = getattr(obj, f"get_{field.name}_display")()
        else:
            out[label] = getattr(obj, field.name)
    return out


def rows(queryset: Iterable[models.Model], **kwargs: Any) -> list[dict[str, Any]]:
    return [row(obj, **kwargs) for obj in queryset]


def child_cases(request: HttpRequest, child: Child) -> list[Case]:
    scope = unit_scope_q(request.user, personal=True, field="unit_path")
    return list(Case.objects.filter(scope, child=child).order_by("received_at"))


def sections(request: HttpRequest, child: Child) -> dict[str, Any]:
    cases = child_cases(request, child)
    in_scope = unit_scope_q(request.user, personal=True, field="unit_path")
    reports = Report.objects.filter(in_scope, children__child=child).distinct()
    family = FamilyLink.objects.filter(child=child).select_related("person")
    steps = {
        str(model._meta.verbose_name): rows(model.objects.filter(case__in=cases))
        for model in (
            InitialAssessment,
            EmergencyAction,
            SeparationDecision,
            NeedsAssessment,
            Plan,
            Review,
        )
    }
    audit_subjects = [str(child.uid), *(str(c.uid) for c in cases)]
    return {
        "01-ho-so-tre-em": row(child),
        "02-gia-dinh": [{**row(link), "person": row(link.person, mask=())} for link in family],
        "03-hoan-canh-dac-biet": rows(ChildCircumstance.objects.filter(child=child)),
        "04-sang-loc-nguy-co": rows(RiskScreening.objects.filter(child=child)),
        "05-tham-tre": rows(Visit.objects.filter(child=child)),
        "06-thong-tin-tiep-nhan": rows(reports.order_by("received_at"), mask=REPORTER_FIELDS),
        "07-tre-trong-thong-tin": rows(ReportChild.objects.filter(child=child, report__in=reports)),
        "08-truong-hop": rows(cases),
        "09-dien-bien": rows(CaseEvent.objects.filter(case__in=cases).order_by("at", "pk")),
        "10-cac-buoc-xu-ly": steps,
        "10b-ghi-chu": rows(CaseNote.objects.filter(case__in=cases).order_by("created_at")),
        "11-cham-soc-thay-the": rows(Placement.objects.filter(in_scope, child=child)),
        "12-chuyen-gui": rows(Referral.objects.filter(case__in=cases)),
        "13-can-cu-xu-ly-du-lieu": rows(ProcessingBasis.objects.filter(child=child)),
        "14-han-che-xu-ly": rows(ProcessingRestriction.objects.filter(child=child)),
        "15-tep-dinh-kem": [
            {"name": a.original_name, "created_at": a.created_at}
            for a in Attachment.objects.filter(subject_id__in=[c.uid for c in cases])
        ],
        "16-nhat-ky-truy-cap": [
            {
                "time": log.event_time,
                "actor": log.actor_label,
                "event": log.get_event_type_display(),
                "subject": log.subject_type,
            }
            for log in AuditLog.objects.filter(subject_id__in=audit_subjects).order_by("event_time")
        ],
    }


README = """Dữ liệu cá nhân của trẻ em được lưu trong hệ thống, trích xuất theo yêu cầu của trẻ
hoặc người đại diện theo pháp luật.

- Thông tin định danh người báo tin được che (***) để bảo vệ người báo tin.
- Thông tin về người bị cho là gây hại không được đưa vào (dữ liệu của người khác).
- Mỗi tệp JSON là một nhóm thông tin; "nhat-ky-truy-cap" cho biết ai đã xem, sửa, xuất hồ sơ.
"""


@transaction.atomic
def subject_access_export(*, request: HttpRequest, child: Child, reason: str) -> bytes:
    """Build the ZIP and write its audit row (an export of the child's file)."""
    data = sections(request, child)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for name, content in data.items():
            text = json.dumps(content, ensure_ascii=False, indent=2, default=str)
            archive.writestr(f"{name}.json", text)
    audit_record(
        event=AuditEvent.EXPORT,
        actor=request.user,
        request=request,
        subject_type=SUBJECT,
        subject_id=child.uid,
        admin_unit_id=child.commune_id,
        extra={"subject_access": True, "reason": reason, "at": timezone.now().isoformat()},
    )
    return buffer.getvalue()
