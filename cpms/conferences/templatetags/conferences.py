"""`{% case_conferences case can_edit %}`: the conferences section of the case page (one
query)."""

from __future__ import annotations

from typing import Any

from django import template

from cpms.cases.models import Case

from ..selectors import case_conferences as conferences_of

register = template.Library()


@register.inclusion_tag("conferences/partials/case_conferences.html")
def case_conferences(case: Case, can_edit: bool = False, present: object = True) -> dict[str, Any]:
    """`present` is False when the case page already knows there are none (no query)."""
    conferences = conferences_of(case) if present is not False else []
    return {"case": case, "conferences": conferences, "can_edit": can_edit}
