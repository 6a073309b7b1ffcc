"""The records a case form is built from: the latest of each step record."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import (
    Case,
    InitialAssessment,
    NeedsAssessment,
    Plan,
    Review,
    SeparationDecision,
)
from .common import Issuer, issuer_for


@dataclass(frozen=True)
class CaseRecords:
    case: Case
    issuer: Issuer
    initial: InitialAssessment | None
    needs: NeedsAssessment | None
    plan: Plan | None
    review: Review | None
    separation: SeparationDecision | None

    @property
    def present(self) -> frozenset[str]:
        kinds = ("initial", "needs", "plan", "review", "separation")
        return frozenset(k for k in kinds if getattr(self, k) is not None)


def case_records(case: Case) -> CaseRecords:
    """The case must come with child, child__commune and commune (access_case loads them)."""
    return CaseRecords(
        case=case,
        issuer=issuer_for(case.commune),
        initial=InitialAssessment.objects.filter(case=case)
        .select_related("recorded_by")
        .order_by("-assessed_at", "-pk")
        .first(),
        needs=NeedsAssessment.objects.filter(case=case)
        .select_related("recorded_by")
        .order_by("-assessed_on", "-pk")
        .first(),
        plan=Plan.objects.filter(case=case)
        .select_related("recorded_by", "approved_by")
        .order_by("-number")
        .first(),
        review=Review.objects.filter(case=case)
        .select_related("recorded_by")
        .order_by("-reviewed_on", "-pk")
        .first(),
        separation=SeparationDecision.objects.filter(case=case)
        .select_related("recorded_by")
        .prefetch_related("extensions")
        .order_by("-starts_at", "-pk")
        .first(),
    )
