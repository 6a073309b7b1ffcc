"""`{% case_transfers case can_edit %}`: the transfer history of the case page (one query)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from cpms.cases.models import Case

from ..selectors import case_transfers as transfers_of

register = template.Library()


@register.inclusion_tag("transfers/partials/case_transfers.html")
def case_transfers(case: Case, can_edit: bool = False, present: object = True) -> dict[str, Any]:
    """`present` is False when the case page already knows there are none (no query)."""
    return {
        "case": case,
        "transfers": transfers_of(case) if present is not False else [],
        "can_edit": can_edit,
        "now": timezone.now(),
    }
