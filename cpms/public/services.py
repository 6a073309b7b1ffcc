"""Writes of the public site: a report sent through the public form."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core import ratelimit
from cpms.geography.models import AdminUnit
from cpms.intake.choices import Channel
from cpms.intake.models import Report
from cpms.intake.services import ReportChildData, ReportData, report_receive

from .codes import code_hash, new_code
from .models import Hotline, PublicPage, PublicSubmission

# The inactive account recorded as receiver and creator of web-form reports
# (migration 0002); Report.received_by and created_by cannot be empty.
SYSTEM_USERNAME = "public-site"


def system_user() -> User:
    return User.objects.get(username=SYSTEM_USERNAME)


@dataclass
class PublicReportData:
    commune: AdminUnit
    description: str
    immediate_danger: bool = False
    contact: bool = False
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_relation: str = ""
    child_name: str = ""
    child_age: int | None = None
    child_sex: str = ""
    place: str = ""


@dataclass(frozen=True)
class Submitted:
    report: Report
    code: str | None  # None when the same form was sent again: its code was shown already


def public_report_submit(*, data: PublicReportData, form_token: uuid.UUID) -> Submitted:
    """Put the report in its commune's inbox (audited by report_receive) and give it a
    follow-up code. A repeated POST of the same form returns the first report."""
    with transaction.atomic():
        report_data = ReportData(
            channel=Channel.WEB_FORM,
            received_at=timezone.now(),
            commune=data.commune,
            description=data.description,
            reporter_anonymous=not data.contact,
            reporter_name=data.reporter_name if data.contact else "",
            reporter_phone=data.reporter_phone if data.contact else "",
            place=data.place,
            immediate_danger=data.immediate_danger,
            children=[
                ReportChildData(
                    full_name=data.child_name, age_estimate=data.child_age, sex=data.child_sex
                )
            ],
        )
        if data.reporter_relation:
            report_data.reporter_relation = data.reporter_relation
        report = report_receive(actor=system_user(), data=report_data, idempotency_key=form_token)
        if PublicSubmission.objects.filter(report=report).exists():
            return Submitted(report=report, code=None)
        code = new_code()
        PublicSubmission.objects.create(report=report, code_hash=code_hash(code))
    return Submitted(report=report, code=code)


def rate_limit_allows(request: HttpRequest, *, scope: str, limit: tuple[int, int]) -> bool:
    """Count this request against the per-address limit of `scope`. The first refusal of a
    window is audited (scope and count only, no content); later ones are not, so a flood
    cannot flood the audit log."""
    allowed_max, window = limit
    key = f"public:{scope}:{ratelimit.client_address(request)}"
    count = ratelimit.hit_count(key, window=window)
    if count <= allowed_max:
        return True
    if count == allowed_max + 1:
        with transaction.atomic():
            audit_record(
                event=AuditEvent.DENIED,
                actor=None,
                request=request,
                subject_type="public.ratelimit",
                subject_id=scope,
                actor_label="public",
                extra={"limit": allowed_max, "window": window},
            )
    return False


def content_save(*, actor: User, obj: Hotline | PublicPage, created: bool) -> None:
    """Save public content edited by an administrator (Django admin), audited."""
    with transaction.atomic():
        obj.full_clean()
        obj.save()
        audit_record(
            event=AuditEvent.CREATE if created else AuditEvent.UPDATE,
            actor=actor,
            subject_type=f"public.{type(obj).__name__.lower()}",
            subject_id=obj.pk,
        )
