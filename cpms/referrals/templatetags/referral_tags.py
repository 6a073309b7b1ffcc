"""The referrals section of the case page (one query), kept in this app so that the cases app
does not depend on referrals."""

from __future__ import annotations

from typing import Any

from django import template

from cpms.cases.models import Case

from ..selectors import referrals_of_case

register = template.Library()


@register.inclusion_tag("referrals/partials/case_referrals.html")
def case_referrals(case: Case, can_edit: bool, present: object = True) -> dict[str, Any]:
    """`present` is False when the case page already knows there are none (no query)."""
    referrals = list(referrals_of_case(case)) if present is not False else []
    return {"case": case, "referrals": referrals, "can_edit": can_edit}
