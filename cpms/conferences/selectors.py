"""Reads of conferences, for a viewer who already reached the case (cases.access)."""

from __future__ import annotations

from typing import TypedDict

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from cpms.accounts.models import Agency, User
from cpms.cases.models import Case

from .models import CaseConference, ConferenceDecision, ConferenceParticipant


class ConferenceDetail(TypedDict):
    participants: list[ConferenceParticipant]
    decisions: list[ConferenceDecision]


def decision_owners(case: Case) -> QuerySet[User]:
    """Who may own a decision: members of the case's commune, as for any case task."""
    return (
        User.objects.filter(memberships__scope_unit__path=case.commune.path, is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )


def participant_agencies(case: Case) -> QuerySet[Agency]:
    """Agencies of the case's province that are still active (a conference brings together
    the commune, police, school, health station and province services)."""
    province_prefix = case.unit_path.split("/", 1)[0] + "/"
    today = timezone.localdate()
    return (
        Agency.objects.filter(admin_unit__path__startswith=province_prefix)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("name")
    )


def case_conferences(case: Case) -> list[CaseConference]:
    """The case's conferences, newest first, with their counts (one query)."""
    return list(
        CaseConference.objects.filter(case=case)
        .annotate(
            participant_count=Count("participants", distinct=True),
            decision_count=Count("decisions", distinct=True),
        )
        .order_by("-held_at", "-pk")
    )


def conference_detail(conference: CaseConference) -> ConferenceDetail:
    """Participants and decisions (with their tasks) of one conference, in two queries."""
    return {
        "participants": list(conference.participants.select_related("agency").order_by("pk")),
        "decisions": list(conference.decisions.select_related("owner", "task").order_by("pk")),
    }
