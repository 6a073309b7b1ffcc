"""POST /reports (scope reports:create) and GET /reports/{id} (scope reports:read)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Header, Router
from ninja.responses import Status

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.geography.models import AdminUnit, UnitLevel
from cpms.intake.choices import ReportStatus
from cpms.intake.models import ConcernType, Report
from cpms.intake.services import SUBJECT as REPORT_SUBJECT
from cpms.intake.services import ReportChildData, ReportData, audit_report

from ..auth import TokenAuth
from ..errors import COMMON_ERRORS, ApiError, ErrorOut
from ..models import ApiSubmission, ApiToken, IntegrationClient, Scope
from ..schemas import ReportChildOut, ReportIn, ReportOut
from ..services import IdempotencyConflict, report_submit

router = Router(tags=["reports"])

IdempotencyKey = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=100,
        pattern=r"^[!-~]+$",
        description="Khóa do hệ thống gửi tự chọn (ví dụ UUID); gửi lại cùng khóa và cùng nội "
        "dung trả về thông tin đã tạo, không tạo thêm. Ký tự ASCII in được, không dấu cách.",
    ),
]
STATUS = {ReportStatus.NEW: "received", ReportStatus.TRIAGED: "triaged"}


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(
        422,
        "validation_error",
        _("Dữ liệu gửi lên không hợp lệ."),
        details=[{"loc": ["body", "payload", field], "msg": message, "type": "value_error"}],
    )


def _commune(code: str) -> AdminUnit:
    today = timezone.localdate()
    unit = (
        AdminUnit.objects.filter(code=code, level=UnitLevel.COMMUNE)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("-valid_from")
        .first()
    )
    if unit is None:
        raise _invalid("commune_code", _("Không có xã, phường đang hoạt động với mã này."))
    return unit


def _concerns(codes: list[str]) -> list[ConcernType]:
    found = list(ConcernType.objects.filter(code__in=codes, active=True))
    unknown = sorted(set(codes) - {c.code for c in found})
    if unknown:
        raise _invalid("concern_types", _("Mã loại vụ việc không có: %s") % ", ".join(unknown))
    return found


def _received_at(value: dt.datetime) -> dt.datetime:
    # Checked on the calendar year first: converting a year-1 or year-9999 time with an
    # offset to UTC overflows.
    if not 2000 <= value.year <= timezone.now().year:
        raise _invalid("received_at", _("Thời gian tiếp nhận không hợp lệ."))
    return value


def _report_data(client: IntegrationClient, payload: ReportIn) -> ReportData:
    reporter = payload.reporter
    return ReportData(
        channel=client.channel,
        received_at=_received_at(payload.received_at),
        commune=_commune(payload.commune_code),
        description=payload.description,
        concern_types=_concerns(payload.concern_types),
        reporter_anonymous=reporter.anonymous,
        reporter_name=reporter.name,
        reporter_phone=reporter.phone,
        reporter_address=reporter.address,
        reporter_relation=reporter.relation,
        setting=payload.setting,
        place=payload.place,
        immediate_danger=payload.immediate_danger,
        actions_taken=payload.actions_taken,
        children=[ReportChildData(**child.model_dump()) for child in payload.children],
    )


def _body_hash(payload: ReportIn) -> str:
    canonical = json.dumps(payload.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _out(report: Report, children_sent: int) -> dict[str, Any]:
    children = report.children.order_by("created_at", "pk")[:children_sent]
    return {
        "id": report.uid,
        "status": STATUS.get(ReportStatus(report.status), "received"),
        "commune_code": report.commune.code,
        "received_at": report.received_at,
        "created_at": report.created_at,
        "description": report.description,
        "concern_types": sorted(c.code for c in report.concern_types.all()),
        "setting": report.setting,
        "immediate_danger": report.immediate_danger,
        "children": [ReportChildOut.from_orm(c) for c in children],
    }


def _service_errors(exc: ValidationError) -> ApiError:
    details: list[dict[str, Any]] = []
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            details += [{"loc": ["body", "payload", name], "msg": m} for m in messages]
    else:
        details = [{"loc": ["body", "payload"], "msg": m} for m in exc.messages]
    return ApiError(422, "validation_error", _("Dữ liệu gửi lên không hợp lệ."), details=details)


@router.post(
    "/reports",
    auth=TokenAuth(Scope.REPORTS_CREATE),
    response={201: ReportOut, 200: ReportOut, frozenset({409} | COMMON_ERRORS): ErrorOut},
    url_name="report-create",
    summary="Gửi thông tin về trẻ em đến xã, phường",
)
def report_create(
    request: HttpRequest, payload: ReportIn, idempotency_key: IdempotencyKey
) -> Status[dict[str, Any]]:
    """201: created. 200: a retry of an earlier request with the same key and the same body
    (nothing new created). 409: the key was used before with a different body."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    client = token.client
    try:
        report, created = report_submit(
            client=client,
            key=idempotency_key,
            body_hash=_body_hash(payload),
            data=_report_data(client, payload),
        )
    except IdempotencyConflict:
        raise ApiError(
            409,
            "idempotency_conflict",
            _("Khóa Idempotency-Key đã được dùng cho một nội dung khác."),
        ) from None
    except ValidationError as exc:
        raise _service_errors(exc) from None
    return Status(201 if created else 200, _out(report, len(payload.children)))


@router.get(
    "/reports/{report_id}",
    auth=TokenAuth(Scope.REPORTS_READ),
    response={200: ReportOut, frozenset({404} | COMMON_ERRORS): ErrorOut},
    url_name="report-detail",
    summary="Trạng thái của thông tin đã gửi",
)
def report_detail(request: HttpRequest, report_id: uuid.UUID) -> dict[str, Any]:
    """Only reports this system created; the commune's handling is never shown."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    submission = (
        ApiSubmission.objects.select_related("report", "report__commune")
        .filter(client=token.client, report__uid=report_id)
        .first()
    )
    if submission is None:
        audit_record(
            event=AuditEvent.OUT_OF_SCOPE,
            actor=token.client.user,
            request=request,
            subject_type=REPORT_SUBJECT,
            subject_id=report_id,
            extra={"need": Scope.REPORTS_READ.value},
        )
        raise ApiError(404, "not_found", _("Không tìm thấy thông tin này."))
    report = submission.report
    audit_report(event=AuditEvent.READ, actor=token.client.user, report=report)
    return _out(report, submission.children_sent)
