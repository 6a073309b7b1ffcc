"""What each step writes: one typed record per form (Mẫu 02–07). Called by case_transition
inside its transaction, after the state check; returns (summary, changed case fields,
event data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.core.text import normalize_text

from .choices import RiskLevel
from .models import (
    Case,
    EmergencyAction,
    InitialAssessment,
    NeedsAssessment,
    Plan,
    Review,
    SeparationDecision,
)
from .models.steps import MAX_SEPARATION
from .risk import RISK_CODES, risk_counts
from .text import normalize_paragraphs

StepResult = tuple[str, list[str], dict[str, Any]]
StepWriter = Callable[..., StepResult]


def _text(data: dict[str, Any], name: str) -> str:
    return normalize_paragraphs(str(data.get(name) or ""))


def _line(data: dict[str, Any], name: str) -> str:
    return normalize_text(str(data.get(name) or ""))


def _ratings(data: dict[str, Any]) -> dict[str, Any]:
    ratings = {code: data[f"risk_{code}"] for code in RISK_CODES if data.get(f"risk_{code}")}
    if any(level not in RiskLevel.values for level in ratings.values()):
        raise ValidationError(_("Mức độ không hợp lệ."))
    return {"ratings": ratings, **risk_counts(ratings)}


def initial_assess(*, case: Case, actor: User, data: dict[str, Any], at: dt.datetime) -> StepResult:
    record = InitialAssessment(
        case=case,
        recorded_by=actor,
        assessed_at=data.get("assessed_at") or at,
        overall_risk=data["overall_risk"],
        harm_description=_text(data, "harm_description"),
        emergency_needed=bool(data.get("emergency_needed")),
        safety_measures=_text(data, "safety_measures"),
        conclusion=_text(data, "conclusion"),
        **_ratings(data),
    )
    record.full_clean(exclude=["case", "recorded_by"])
    record.save()
    changed = []
    if record.emergency_needed and not case.emergency:
        case.emergency = True
        changed.append("emergency")
    summary = _("Mức độ nguy cơ: %(level)s") % {"level": record.get_overall_risk_display()}
    return (
        summary,
        changed,
        {"overall_risk": record.overall_risk, "emergency": record.emergency_needed},
    )


def emergency_action(
    *, case: Case, actor: User, data: dict[str, Any], at: dt.datetime
) -> StepResult:
    record = EmergencyAction(
        case=case,
        recorded_by=actor,
        taken_at=data.get("taken_at") or at,
        police_coordinated=bool(data.get("police_coordinated")),
        first_aid=bool(data.get("first_aid")),
        evidence_kept=bool(data.get("evidence_kept")),
        safe_place=_line(data, "safe_place"),
        measures=_text(data, "measures"),
    )
    record.full_clean(exclude=["case", "recorded_by"])
    record.save()
    return record.measures[:200], [], {}


def check_separation_period(
    starts_at: dt.datetime, ends_at: dt.datetime, *, by_authority: bool
) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})
    if ends_at - starts_at > MAX_SEPARATION and not by_authority:
        raise ValidationError(
            {
                "ends_at": _(
                    "Tổng thời gian tạm thời cách ly, kể cả gia hạn, không quá 15 ngày, trừ khi cơ "
                    "quan có thẩm quyền yêu cầu tiếp tục (ghi văn bản của cơ quan đó)."
                )
            }
        )


def separate(*, case: Case, actor: User, data: dict[str, Any], at: dt.datetime) -> StepResult:
    if SeparationDecision.objects.filter(case=case, ended_at=None).exists():
        raise ValidationError(
            _("Trẻ đang được tạm thời cách ly theo một quyết định chưa chấm dứt.")
        )
    by_authority = bool(data.get("authority_extended"))
    check_separation_period(data["starts_at"], data["ends_at"], by_authority=by_authority)
    record = SeparationDecision(
        case=case,
        recorded_by=actor,
        decision_number=_line(data, "decision_number"),
        decided_at=data.get("decided_at") or at,
        separated_from=_line(data, "separated_from"),
        reason=_text(data, "reason"),
        place=_line(data, "place"),
        caregiver=_line(data, "caregiver"),
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        authority_extended=by_authority,
        authority_basis=_line(data, "authority_basis"),
    )
    record.full_clean(exclude=["case", "recorded_by"])
    record.save()
    summary = _("Quyết định số %(no)s, từ %(start)s đến %(end)s") % {
        "no": record.decision_number,
        "start": f"{record.starts_at:%d/%m/%Y %H:%M}",
        "end": f"{record.ends_at:%d/%m/%Y %H:%M}",
    }
    return summary, [], {"separation": str(record.uid)}


def needs_assess(*, case: Case, actor: User, data: dict[str, Any], at: dt.datetime) -> StepResult:
    record = NeedsAssessment(
        case=case,
        recorded_by=actor,
        assessed_on=data["assessed_on"],
        overall_risk=data["overall_risk"],
        protection_level=data["protection_level"],
        child_state=_text(data, "child_state"),
        family_capacity=_text(data, "family_capacity"),
        needs=_text(data, "needs"),
        meeting_date=data["meeting_date"],
        meeting_chair=_line(data, "meeting_chair"),
        meeting_participants=_text(data, "meeting_participants"),
        meeting_minutes=_text(data, "meeting_minutes"),
        **_ratings(data),
    )
    record.full_clean(exclude=["case", "recorded_by"])
    record.save()
    case.protection_level = record.protection_level
    summary = _("Họp xác định nhu cầu ngày %(day)s") % {"day": f"{record.meeting_date:%d/%m/%Y}"}
    return summary, ["protection_level"], {"overall_risk": record.overall_risk}


def draft_plan(*, case: Case, actor: User, data: dict[str, Any], at: dt.datetime) -> StepResult:
    number = (Plan.objects.filter(case=case).aggregate(n=Max("number"))["n"] or 0) + 1
    record = Plan(
        case=case,
        recorded_by=actor,
        number=number,
        drafted_at=at,
        objectives=_text(data, "objectives"),
        measures=_text(data, "measures"),
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
    )
    record.full_clean(exclude=["case", "recorded_by"])
    record.save()
    summary = _("Kế hoạch lần %(n)s, từ %(start)s đến %(end)s") % {
        "n": number,
        "start": f"{record.starts_on:%d/%m/%Y}",
        "end": f"{record.ends_on:%d/%m/%Y}",
    }
    return summary, [], {"plan": number}


def approve_plan(*, case: Case, actor: User, data: dict[str, Any], at: dt.datetime) -> StepResult:
    plan = Plan.objects.filter(case=case, approved_at=None).order_by("-number").first()
    if plan is None:
        raise ValidationError(_("Không có kế hoạch chờ phê duyệt."))
    plan.approved_at = at
    plan.approved_by = actor
    plan.decision_number = _line(data, "decision_number")
    plan.decision_date = data["decision_date"]
    plan.full_clean(exclude=["case", "recorded_by", "approved_by"])
    plan.save(
        update_fields=[
            "approved_at",
            "approved_by",
            "decision_number",
            "decision_date",
            "updated_at",
        ]
    )
    summary = _("Quyết định phê duyệt số %(no)s ngày %(day)s") % {
        "no": plan.decision_number,
        "day": f"{plan.decision_date:%d/%m/%Y}",
    }
    return summary, [], {"plan": plan.number, "decision_number": plan.decision_number}


def start_plan(*, case: Case, actor: User, data: dict[str, Any], at: dt.datetime) -> StepResult:
    return _text(data, "note")[:200], [], {}


def review(*, case: Case, actor: User, data: dict[str, Any], at: dt.datetime) -> StepResult:
    record = Review(
        case=case,
        recorded_by=actor,
        reviewed_on=data["reviewed_on"],
        officer_name=_line(data, "officer_name") or actor.full_name or actor.username,
        child_state=_text(data, "child_state"),
        environment_safety=_text(data, "environment_safety"),
        proposal=data["proposal"],
        conclusion=_text(data, "conclusion"),
        **_ratings(data),
    )
    record.full_clean(exclude=["case", "recorded_by"])
    record.save()
    summary = _("Đề xuất: %(p)s") % {"p": record.get_proposal_display()}
    return summary, [], {"proposal": record.proposal}


def close(*, case: Case, actor: User, data: dict[str, Any], at: dt.datetime) -> StepResult:
    if SeparationDecision.objects.filter(case=case, ended_at=None).exists():
        raise ValidationError(
            _("Cần chấm dứt quyết định tạm thời cách ly trước khi kết thúc trường hợp.")
        )
    case.closed_at = at
    case.close_reason = _text(data, "reason")
    return case.close_reason[:200], ["closed_at", "close_reason"], {}


def reopen(*, case: Case, actor: User, data: dict[str, Any], at: dt.datetime) -> StepResult:
    if (
        Case.objects.filter(child_id=case.child_id)
        .exclude(pk=case.pk)
        .exclude(state="closed")
        .exists()
    ):
        raise ValidationError(_("Trẻ này đang có một trường hợp khác chưa kết thúc."))
    case.closed_at = None
    reason = _text(data, "reason")
    return reason[:200], ["closed_at"], {"reason": reason}


STEP_WRITERS: dict[str, StepWriter] = {
    "initial_assess": initial_assess,
    "emergency_action": emergency_action,
    "separate": separate,
    "needs_assess": needs_assess,
    "draft_plan": draft_plan,
    "replan": draft_plan,
    "approve_plan": approve_plan,
    "start_plan": start_plan,
    "review": review,
    "close": close,
    "reopen": reopen,
}
