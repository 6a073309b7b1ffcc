"""The one way a view fetches one programme record: 404 when its unit is out of the viewer's
area, 403 when in the area but the role lacks the permission; refusals are audited.

A record is reached from the unit it belongs to; inspections and recommendations are also
reached from the plan's (inspecting) unit, sessions from their course's unit, and a plan from
the units it inspected."""

from __future__ import annotations

import uuid
from typing import TypeVar

from django.db.models import Model
from django.http import HttpRequest

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import AnyUser, perms_at

from .models import (
    BoardDecision,
    BoardMeeting,
    BoardMember,
    CampaignActivity,
    Inspection,
    InspectionPlan,
    Recommendation,
    SteeringBoard,
    TrainingCourse,
    TrainingSession,
)

M = TypeVar("M", bound=Model)

SUBJECTS: dict[type[Model], str] = {
    TrainingCourse: "programmes.trainingcourse",
    TrainingSession: "programmes.trainingsession",
    CampaignActivity: "programmes.campaignactivity",
    InspectionPlan: "programmes.inspectionplan",
    Inspection: "programmes.inspection",
    Recommendation: "programmes.recommendation",
    SteeringBoard: "programmes.steeringboard",
    BoardMember: "programmes.boardmember",
    BoardMeeting: "programmes.boardmeeting",
    BoardDecision: "programmes.boarddecision",
}


def perms_over(user: AnyUser, paths: list[str]) -> frozenset[Perm] | None:
    """Permissions over a record reached from any of `paths`; None when out of reach."""
    found = [p for p in (perms_at(user, path, personal=False) for path in paths) if p is not None]
    if not found:
        return None
    return frozenset().union(*found)


def record_paths(obj: Model) -> list[str]:
    """The unit paths a record is reached from (its relations must be select_related)."""
    if isinstance(obj, TrainingSession):
        return [obj.unit.path, obj.course.unit.path]
    if isinstance(obj, Inspection):
        return [obj.unit.path, obj.plan.unit.path]
    if isinstance(obj, Recommendation):
        return [obj.inspection.unit.path, obj.inspection.plan.unit.path]
    if isinstance(obj, SteeringBoard):
        return [obj.commune.path]
    if isinstance(obj, BoardMeeting | BoardMember):
        return [obj.board.commune.path]
    if isinstance(obj, BoardDecision):
        return [obj.meeting.board.commune.path]
    if isinstance(obj, InspectionPlan):
        # The inspected communes reach the plan too (they see their own inspections in it).
        inspected = obj.inspections.values_list("unit__path", flat=True).distinct()
        return [obj.unit.path, *inspected]
    unit = getattr(obj, "unit")  # noqa: B009 - courses and activities have a unit
    return [unit.path]


RELATED: dict[type[Model], tuple[str, ...]] = {
    TrainingCourse: ("unit", "topic"),
    TrainingSession: ("unit", "course__unit", "course__topic"),
    CampaignActivity: ("unit",),
    InspectionPlan: ("unit",),
    Inspection: ("unit", "plan__unit"),
    Recommendation: ("inspection__unit", "inspection__plan__unit", "closed_by"),
    SteeringBoard: ("commune",),
    BoardMember: ("board__commune", "user"),
    BoardMeeting: ("board__commune",),
    BoardDecision: ("meeting__board__commune",),
}


def access_record(
    request: HttpRequest, model: type[M], uid: uuid.UUID, *, need: Perm
) -> tuple[M, frozenset[Perm]]:
    """The record and the viewer's permissions over it, or a refusal (404/403, audited)."""
    subject = SUBJECTS[model]
    obj = model._default_manager.select_related(*RELATED[model]).filter(uid=uid).first()
    perms = perms_over(request.user, record_paths(obj)) if obj is not None else None
    if perms is None:
        refuse(request, found=False, subject_type=subject, subject_id=uid, need=need)
    elif need not in perms:
        refuse(request, found=True, subject_type=subject, subject_id=uid, need=need)
    assert obj is not None
    return obj, perms


def access_course(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.PROGRAMME_VIEW
) -> tuple[TrainingCourse, frozenset[Perm]]:
    return access_record(request, TrainingCourse, uid, need=need)


def access_session(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.PROGRAMME_VIEW
) -> tuple[TrainingSession, frozenset[Perm]]:
    return access_record(request, TrainingSession, uid, need=need)


def access_activity(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.PROGRAMME_VIEW
) -> tuple[CampaignActivity, frozenset[Perm]]:
    return access_record(request, CampaignActivity, uid, need=need)


def access_plan(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.PROGRAMME_VIEW
) -> tuple[InspectionPlan, frozenset[Perm]]:
    return access_record(request, InspectionPlan, uid, need=need)


def access_inspection(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.PROGRAMME_VIEW
) -> tuple[Inspection, frozenset[Perm]]:
    return access_record(request, Inspection, uid, need=need)


def access_recommendation(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.PROGRAMME_VIEW
) -> tuple[Recommendation, frozenset[Perm]]:
    return access_record(request, Recommendation, uid, need=need)


def access_board(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.PROGRAMME_VIEW
) -> tuple[SteeringBoard, frozenset[Perm]]:
    return access_record(request, SteeringBoard, uid, need=need)


def access_meeting(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.PROGRAMME_VIEW
) -> tuple[BoardMeeting, frozenset[Perm]]:
    return access_record(request, BoardMeeting, uid, need=need)


def access_decision(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.PROGRAMME_VIEW
) -> tuple[BoardDecision, frozenset[Perm]]:
    return access_record(request, BoardDecision, uid, need=need)


def access_member(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.PROGRAMME_VIEW
) -> tuple[BoardMember, frozenset[Perm]]:
    return access_record(request, BoardMember, uid, need=need)
