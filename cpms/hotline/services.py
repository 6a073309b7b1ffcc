"""Writes to the call log. Every service is atomic and writes one audit row."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import Agency, User
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import user_grants
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.exceptions import StaleEditError
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit
from cpms.intake.choices import Channel, ChildSex, ReporterRelation, Setting
from cpms.intake.models import ConcernType, Report
from cpms.intake.services import ReportChildData, ReportData, report_receive
from cpms.intake.text import normalize_paragraphs

from .choices import FORWARDABLE, CallType
from .models import Call, CallChild

SUBJECT = "hotline.call"


def audit_call(
    *, event: AuditEvent, actor: User, call: Call, extra: dict[str, object] | None = None
) -> None:
    audit_record(event=event, actor=actor, subject_type=SUBJECT, subject_id=call.uid, extra=extra)


@dataclass
class CallChildData:
    full_name: str = ""
    age_estimate: int | None = None
    sex: str = ChildSex.UNKNOWN
    condition: str = ""


@dataclass
class CallData:
    call_type: str
    received_at: dt.datetime
    duration_seconds: int = 0
    caller_relation: str = ReporterRelation.UNKNOWN
    caller_anonymous: bool = False
    caller_name: str = ""
    caller_phone: str = ""
    summary: str = ""
    case_ref: str = ""
    children: list[CallChildData] = field(default_factory=list)


@dataclass
class ForwardData:
    commune: AdminUnit
    description: str
    concern_types: Sequence[ConcernType] = ()
    setting: str = Setting.UNKNOWN
    place: str = ""
    immediate_danger: bool = False


def operator_agency(actor: User) -> Agency:
    """The agency of the operator's call-log membership (the line the call came in on)."""
    for grant in user_grants(actor):
        if Perm.CALL_LOG in grant.perms:
            return Agency.objects.get(pk=grant.agency_id)
    raise ValidationError(_("Tài khoản không thuộc tổng đài nào."))


def channel_for(agency: Agency) -> str:
    """Calls to the national 111 line (an agency named for it) become 111 reports; any
    other hotline is a provincial line."""
    names = f"{agency.name} {agency.short_name}"
    return Channel.HOTLINE_111 if "111" in names else Channel.PROVINCIAL_HOTLINE


def call_log(*, actor: User, data: CallData, idempotency_key: uuid.UUID | None = None) -> Call:
    """Record a call in the operator's log. The same idempotency key (one rendered form)
    gives back the call already logged."""
    if idempotency_key is not None:
        existing = Call.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    try:
        return _call_create(actor=actor, data=data, idempotency_key=idempotency_key)
    except IntegrityError:
        if idempotency_key is None:
            raise
        return Call.objects.get(idempotency_key=idempotency_key)


@transaction.atomic
def _call_create(*, actor: User, data: CallData, idempotency_key: uuid.UUID | None) -> Call:
    if data.received_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"received_at": _("Thời gian nhận cuộc gọi không được ở tương lai.")})
    if data.call_type in FORWARDABLE and not data.children:
        raise ValidationError(_("Cuộc gọi báo tin cần ghi ít nhất một trẻ em."))
    if data.call_type == CallType.CASE_UPDATE and not data.case_ref.strip():
        raise ValidationError({"case_ref": _("Ghi mã trường hợp mà người gọi nói đến.")})
    anonymous = data.caller_anonymous
    call = Call(
        received_at=data.received_at,
        duration_seconds=data.duration_seconds,
        call_type=data.call_type,
        caller_relation=data.caller_relation,
        caller_anonymous=anonymous,
        caller_name="" if anonymous else normalize_text(data.caller_name),
        caller_phone="" if anonymous else normalize_text(data.caller_phone),
        summary=normalize_paragraphs(data.summary),
        case_ref=normalize_text(data.case_ref),
        agency=operator_agency(actor),
        created_by=actor,
        idempotency_key=idempotency_key,
    )
    call.full_clean(exclude=["agency", "created_by", "report", "idempotency_key"])
    call.save()
    rows = [
        CallChild(
            call=call,
            full_name=normalize_text(child.full_name),
            age_estimate=child.age_estimate,
            sex=child.sex,
            condition=normalize_paragraphs(child.condition),
        )
        for child in data.children
    ]
    for row in rows:
        row.full_clean(exclude=["call"])
    CallChild.objects.bulk_create(rows)
    audit_call(
        event=AuditEvent.CREATE,
        actor=actor,
        call=call,
        extra={"call_type": call.call_type, "children": len(rows)},
    )
    return call


def _report_data(call: Call, data: ForwardData) -> ReportData:
    description = normalize_paragraphs(data.description)
    if call.call_type == CallType.CASE_UPDATE:
        prefix = _("Cập nhật về trường hợp")
        description = f"{prefix} {call.case_ref}\n{description}"
    return ReportData(
        channel=channel_for(call.agency),
        received_at=call.received_at,
        commune=data.commune,
        description=description,
        concern_types=data.concern_types,
        reporter_anonymous=call.caller_anonymous,
        reporter_name=call.caller_name,
        reporter_phone=call.caller_phone,
        reporter_relation=call.caller_relation,
        setting=data.setting,
        place=data.place,
        immediate_danger=data.immediate_danger,
        children=[
            ReportChildData(
                full_name=c.full_name,
                age_estimate=c.age_estimate,
                sex=c.sex,
                condition=c.condition,
            )
            for c in call.children.order_by("created_at", "pk")
        ],
    )


@transaction.atomic
def call_forward(
    *, actor: User, call: Call, data: ForwardData, expected_version: int
) -> tuple[Report, bool]:
    """Send the call to the chosen commune's inbox as a report, in one step. A call is
    forwarded once: a repeat (double click, second tab) gives back the same report and
    False."""
    locked = Call.objects.select_for_update().select_related("agency").get(pk=call.pk)
    if locked.report_id is not None:
        assert locked.report is not None
        return locked.report, False
    if locked.version != expected_version:
        raise StaleEditError
    if locked.call_type not in FORWARDABLE:
        raise ValidationError(_("Chỉ chuyển cuộc gọi báo tin hoặc cập nhật về trường hợp."))
    report = report_receive(
        actor=actor,
        data=_report_data(locked, data),
        idempotency_key=uuid.uuid5(uuid.NAMESPACE_URL, f"cpms:hotline.call:{locked.uid}"),
    )
    locked.report = report
    locked.forwarded_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["report", "forwarded_at", "version", "updated_at"])
    audit_call(
        event=AuditEvent.UPDATE,
        actor=actor,
        call=locked,
        extra={"forwarded_to": str(report.uid), "commune": data.commune.code},
    )
    return report, True


def caller_identity_reveal(*, actor: User, call: Call) -> dict[str, str]:
    """The caller's identity (shown masked in lists and details); every reveal is audited."""
    audit_call(event=AuditEvent.READ, actor=actor, call=call, extra={"reveal": "caller_identity"})
    return {"name": call.caller_name, "phone": call.caller_phone}
