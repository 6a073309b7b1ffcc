"""Scoped lists of the programme pages, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from cpms.accounts.scope import AnyUser

from ..choices import ActivityKind, DecisionStatus, RecommendationStatus
from ..models import (
    BoardDecision,
    CampaignActivity,
    Inspection,
    InspectionPlan,
    Participation,
    Recommendation,
    SteeringBoard,
    TrainingCourse,
    TrainingSession,
)
from .common import in_scope


def course_list(*, viewer: AnyUser) -> QuerySet[TrainingCourse]:
    """Courses organised in the viewer's area or with a session held there."""
    q = in_scope(viewer, "unit__path") | in_scope(viewer, "sessions__unit__path")
    ids = TrainingCourse.objects.filter(q).values("pk")
    return (
        TrainingCourse.objects.filter(pk__in=ids)
        .select_related("topic", "unit")
        .annotate(session_count=Count("sessions", distinct=True))
        .order_by("-created_at", "-pk")
    )


def course_sessions(*, viewer: AnyUser, course: TrainingCourse) -> QuerySet[TrainingSession]:
    q = in_scope(viewer, "unit__path") | in_scope(viewer, "course__unit__path")
    return (
        TrainingSession.objects.filter(q, course=course)
        .select_related("unit")
        .annotate(
            listed=Count("participations"),
            present=Count("participations", filter=Q(participations__present=True)),
        )
        .order_by("-date", "-pk")
    )


def session_participants(session: TrainingSession) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(session=session)
        .select_related("user")
        .order_by("group", "person_name", "user__full_name", "pk")
    )


@dataclass(frozen=True)
class ActivityFilters:
    kind: str = ""
    commune_id: int | None = None

    @classmethod
    def from_query(cls, params: dict[str, str]) -> ActivityFilters:
        kind, commune = params.get("kind", ""), params.get("commune", "")
        return cls(
            kind=kind if kind in ActivityKind.values else "",
            commune_id=int(commune) if commune.isdigit() else None,
        )


def activity_list(*, viewer: AnyUser, filters: ActivityFilters) -> QuerySet[CampaignActivity]:
    activities = CampaignActivity.objects.filter(in_scope(viewer, "unit__path"))
    if filters.kind:
        activities = activities.filter(kind=filters.kind)
    if filters.commune_id is not None:
        activities = activities.filter(
            Q(unit_id=filters.commune_id) | Q(unit__parent_id=filters.commune_id)
        )
    return (
        activities.select_related("unit")
        .annotate(reach=Sum("audience__count"))
        .order_by("-date", "-pk")
    )


def plan_list(*, viewer: AnyUser) -> QuerySet[InspectionPlan]:
    """Plans issued in the viewer's area or with an inspection of a unit there."""
    q = in_scope(viewer, "unit__path") | in_scope(viewer, "inspections__unit__path")
    ids = InspectionPlan.objects.filter(q).values("pk")
    return (
        InspectionPlan.objects.filter(pk__in=ids)
        .select_related("unit")
        .annotate(inspection_count=Count("inspections", distinct=True))
        .order_by("-year", "-pk")
    )


def plan_inspections(*, viewer: AnyUser, plan: InspectionPlan) -> QuerySet[Inspection]:
    q = in_scope(viewer, "unit__path") | in_scope(viewer, "plan__unit__path")
    return (
        Inspection.objects.filter(q, plan=plan)
        .select_related("unit")
        .annotate(recommendation_count=Count("recommendations"))
        .order_by("-date", "-pk")
    )


def inspection_recommendations(inspection: Inspection) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(inspection=inspection).order_by("deadline", "pk")


@dataclass(frozen=True)
class FollowUpFilters:
    status: str = ""
    overdue: bool = False

    @classmethod
    def from_query(cls, params: dict[str, str]) -> FollowUpFilters:
        status = params.get("status", "")
        return cls(
            status=status if status in RecommendationStatus.values else "",
            overdue=params.get("overdue") == "1",
        )


def recommendation_list(
    *, viewer: AnyUser, filters: FollowUpFilters, today: dt.date
) -> QuerySet[Recommendation]:
    """Recommendations to units in the viewer's area or issued by it; open ones first, the
    nearest deadline first. `overdue` keeps the open ones past their deadline."""
    q = in_scope(viewer, "inspection__unit__path") | in_scope(
        viewer, "inspection__plan__unit__path"
    )
    rows = Recommendation.objects.filter(q)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue:
        rows = rows.filter(status=RecommendationStatus.OPEN, deadline__lt=today)
    return rows.select_related("inspection__unit", "inspection__plan").order_by(
        "-status", "deadline", "pk"
    )


def board_list(*, viewer: AnyUser) -> QuerySet[SteeringBoard]:
    return (
        SteeringBoard.objects.filter(in_scope(viewer, "commune__path"))
        .select_related("commune")
        .annotate(
            member_count=Count("members", distinct=True),
            meeting_count=Count("meetings", distinct=True),
        )
        .order_by("commune__name", "pk")
    )


@dataclass(frozen=True)
class DecisionFilters:
    status: str = ""
    overdue: bool = False

    @classmethod
    def from_query(cls, params: dict[str, str]) -> DecisionFilters:
        status = params.get("status", "")
        return cls(
            status=status if status in DecisionStatus.values else "",
            overdue=params.get("overdue") == "1",
        )


def decision_list(
    *, viewer: AnyUser, filters: DecisionFilters, today: dt.date
) -> QuerySet[BoardDecision]:
    """The boards' decisions as a task list: open first, the nearest due date first."""
    rows = BoardDecision.objects.filter(in_scope(viewer, "meeting__board__commune__path"))
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue:
        rows = rows.filter(status=DecisionStatus.OPEN, due_on__lt=today)
    return rows.select_related("meeting__board__commune").order_by("-status", "due_on", "pk")
