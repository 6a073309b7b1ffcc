"""Programme activity figures per commune: the contract shared with directives and statistics
(the statistics and directive apps call it; keep names and meanings)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Count, Q, Sum

from cpms.accounts.models import Membership
from cpms.accounts.permissions import Role
from cpms.core.models import valid_on
from cpms.geography.models import AdminUnit

from ..choices import RecommendationStatus
from ..models import (
    AudienceCount,
    BoardMeeting,
    CampaignActivity,
    Inspection,
    Participation,
    Recommendation,
    TrainingSession,
)

STAFF_ROLES = (Role.COMMUNE_WORKER, Role.COLLABORATOR)


@dataclass(frozen=True)
class ActivityFigures:
    training_sessions: int  # training sessions held (date in [start, end])
    training_attendances: int  # participants marked present at those sessions
    staff_total: int  # active commune workers + collaborators of the commune on `end`
    staff_trained_12m: int  # of those, present at a session in the 12 months ending on `end`
    campaign_activities: int  # awareness activities held in [start, end]
    campaign_reach: int  # people reached (sum of the audience counts) in [start, end]
    campaign_hotline_promoted: int  # of those activities, how many promoted 111 or the hotline
    inspections: int  # inspections carried out in [start, end] of units inside the commune
    recommendations_issued: int  # inspection recommendations issued in [start, end]
    recommendations_closed: int  # of all recommendations, closed in [start, end]
    recommendations_overdue: int  # open on `end` and past their deadline
    board_meetings: int  # steering-board meetings of the commune held in [start, end]

    @classmethod
    def zero(cls) -> ActivityFigures:
        return cls(**dict.fromkeys((f.name for f in fields(cls)), 0))

    def __add__(self, other: ActivityFigures) -> ActivityFigures:
        if not isinstance(other, ActivityFigures):
            return NotImplemented
        return ActivityFigures(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


def year_before(day: dt.date) -> dt.date:
    """The same calendar day one year earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def trained_window(end: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 months ending on `end`, both ends included: (end − 1 year, end]."""
    return year_before(end) + dt.timedelta(days=1), end


Row = dict[str, Any]
Counts = dict[int, dict[str, int]]


class _Communes:
    """Attribute unit paths to the requested communes (the commune whose subtree holds it)."""

    def __init__(self, commune_ids: Iterable[int]) -> None:
        self.by_path: dict[str, int] = dict(
            AdminUnit.objects.filter(pk__in=list(commune_ids)).values_list("path", "pk")
        )

    def q(self, field: str) -> Q:
        q = Q(pk__in=[])
        for path in self.by_path:
            q |= Q(**{f"{field}__startswith": path})
        return q

    def of(self, path: str) -> int | None:
        best = max((p for p in self.by_path if path.startswith(p)), key=len, default=None)
        return self.by_path[best] if best is not None else None


def activity_figures(
    *, commune_ids: Collection[int], start: dt.date, end: dt.date
) -> dict[int, ActivityFigures]:
    """Keyed by commune (geography.AdminUnit id, level commune); every requested id is present
    (zeros when nothing happened). Activities are attributed to the commune whose subtree holds
    the activity's unit. A fixed number of queries, whatever the number of communes.
    No scoping here: callers pass only communes the user may see."""
    ids = list(dict.fromkeys(commune_ids))
    counts: Counts = {cid: defaultdict(int) for cid in ids}
    if not ids:
        return {}
    communes = _Communes(ids)

    def add(rows: Iterable[Row], path_key: str, **names: str) -> None:
        _add(communes, counts, rows, path_key, names)

    in_range = {"date__gte": start, "date__lte": end}
    add(
        TrainingSession.objects.filter(communes.q("unit__path"), **in_range)
        .values("unit__path")
        .annotate(n=Count("pk")),
        "unit__path",
        training_sessions="n",
    )
    add(
        Participation.objects.filter(
            communes.q("session__unit__path"),
            present=True,
            session__date__gte=start,
            session__date__lte=end,
        )
        .values("session__unit__path")
        .annotate(n=Count("pk")),
        "session__unit__path",
        training_attendances="n",
    )
    _staff(communes, counts, end)
    add(
        CampaignActivity.objects.filter(communes.q("unit__path"), **in_range)
        .values("unit__path")
        .annotate(
            n=Count("pk"),
            promoted=Count("pk", filter=Q(promoted_111=True) | Q(promoted_provincial_hotline=True)),
        ),
        "unit__path",
        campaign_activities="n",
        campaign_hotline_promoted="promoted",
    )
    add(
        AudienceCount.objects.filter(
            communes.q("activity__unit__path"),
            activity__date__gte=start,
            activity__date__lte=end,
        )
        .values("activity__unit__path")
        .annotate(n=Sum("count")),
        "activity__unit__path",
        campaign_reach="n",
    )
    add(
        Inspection.objects.filter(communes.q("unit__path"), **in_range)
        .values("unit__path")
        .annotate(n=Count("pk")),
        "unit__path",
        inspections="n",
    )
    _recommendations(communes, counts, start, end)
    add(
        BoardMeeting.objects.filter(communes.q("board__commune__path"), **in_range)
        .values("board__commune__path")
        .annotate(n=Count("pk")),
        "board__commune__path",
        board_meetings="n",
    )
    zero = ActivityFigures.zero()
    return {cid: ActivityFigures(**{**vars(zero), **counts[cid]}) for cid in ids}


def _add(
    communes: _Communes, counts: Counts, rows: Iterable[Row], path_key: str, names: dict[str, str]
) -> None:
    for row in rows:
        commune = communes.of(str(row[path_key]))
        if commune is None:
            continue
        for figure, column in names.items():
            counts[commune][figure] += int(row[column] or 0)


def _recommendations(communes: _Communes, counts: Counts, start: dt.date, end: dt.date) -> None:
    issued = Q(issued_on__gte=start, issued_on__lte=end)
    closed = Q(closed_on__gte=start, closed_on__lte=end)
    open_on_end = Q(status=RecommendationStatus.OPEN) | Q(closed_on__gt=end)
    overdue = Q(issued_on__lte=end, deadline__lt=end) & open_on_end
    rows = (
        Recommendation.objects.filter(communes.q("inspection__unit__path"))
        .filter(issued | closed | overdue)
        .values("inspection__unit__path")
        .annotate(
            issued=Count("pk", filter=issued),
            closed=Count("pk", filter=closed),
            overdue=Count("pk", filter=overdue),
        )
    )
    names = {
        "recommendations_issued": "issued",
        "recommendations_closed": "closed",
        "recommendations_overdue": "overdue",
    }
    _add(communes, counts, rows, "inspection__unit__path", names)


def staff_memberships(communes_q: Q, day: dt.date) -> Iterable[tuple[str, int]]:
    """(scope unit path, user id) of the workers and collaborators active on `day`."""
    return (
        Membership.objects.filter(
            communes_q, valid_on(day), role__in=STAFF_ROLES, user__is_active=True
        )
        .values_list("scope_unit__path", "user_id")
        .distinct()
    )


def trained_user_ids(user_ids: Collection[int], end: dt.date) -> set[int]:
    """Of `user_ids`, who was present at a session in the 12 months ending on `end`."""
    first, last = trained_window(end)
    return set(
        Participation.objects.filter(
            user_id__in=list(user_ids),
            present=True,
            session__date__gte=first,
            session__date__lte=last,
        )
        .values_list("user_id", flat=True)
        .distinct()
    )


def _staff(communes: _Communes, counts: Counts, end: dt.date) -> None:
    staff: dict[int, set[int]] = defaultdict(set)
    for path, user_id in staff_memberships(communes.q("scope_unit__path"), end):
        commune = communes.of(path)
        if commune is not None:
            staff[commune].add(user_id)
    everyone = set().union(*staff.values()) if staff else set()
    trained = trained_user_ids(everyone, end) if everyone else set()
    for commune, users in staff.items():
        counts[commune]["staff_total"] = len(users)
        counts[commune]["staff_trained_12m"] = len(users & trained)
