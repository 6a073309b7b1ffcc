"""What an agency that receives a referral sees of the case: only the field groups its grant
shares (cases/access.py shared_groups; the table is referrals.SharedFieldGroups)."""

from __future__ import annotations

from typing import Any

from cpms.accounts.permissions import Perm

from .choices import FieldGroup
from .models import Case, JusticeMilestone, NeedsAssessment, Plan


def shared_case_context(
    case: Case, groups: frozenset[str], perms: frozenset[Perm]
) -> dict[str, Any]:
    """A fixed number of queries: one per shared group at most."""
    context: dict[str, Any] = {
        "shared_groups": groups,
        "shared_group_labels": [FieldGroup(g).label for g in FieldGroup.values if g in groups],
        "can_see_perpetrators": Perm.CASE_PERPETRATOR_VIEW in perms,
        "can_edit_justice": Perm.CASE_JUSTICE_EDIT in perms,
    }
    if FieldGroup.ABUSE_DETAILS in groups:
        context["concern_types"] = list(
            case.concern_types.select_related("parent").order_by("position")
        )
        # The reports carry what happened; the reporter's identity is never shared.
        context["shared_reports"] = [
            row.report
            for row in case.report_children.select_related("report").order_by("report__received_at")
        ]
    if FieldGroup.PERPETRATORS in groups:
        context["perpetrator_count"] = case.perpetrators.filter(withdrawn_at=None).count()
    if FieldGroup.JUSTICE_TRACK in groups:
        context["justice"] = list(
            JusticeMilestone.objects.filter(case=case)
            .select_related("recorded_by")
            .order_by("occurred_on", "pk")
        )
    if groups & {FieldGroup.SUPPORT_NEEDS, FieldGroup.HEALTH_NEEDS}:
        context["shared_needs"] = list(
            NeedsAssessment.objects.filter(case=case).order_by("-assessed_on", "-pk")[:3]
        )
    if FieldGroup.SUPPORT_NEEDS in groups:
        context["shared_plans"] = list(
            Plan.objects.filter(case=case, approved_at__isnull=False).order_by("-number")[:1]
        )
    return context
