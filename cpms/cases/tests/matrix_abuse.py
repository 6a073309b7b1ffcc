"""Expected answers of the abuse-details pages for every persona (merged into
the role matrix). The case is in commune A and not referred to anyone."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.cases.tests.abuse_factories import add_milestone, add_perpetrator
from cpms.cases.tests.factories import make_case
from cpms.cases.tests.matrix import ONE_CASE_EDIT, ONE_CASE_VIEW, POST_ONLY, case_url
from cpms.testing import World

# case.perpetrator_view and case.justice_edit: commune worker and leader (police only by referral).
ONE_CASE_RESTRICTED = {**ONE_CASE_VIEW, "officer": 403}


def perpetrator_withdraw_url(world: World) -> str:
    case = make_case(world)
    row = add_perpetrator(world, case)
    return reverse("cases:perpetrator-withdraw", kwargs={"uid": case.uid, "row_uid": row.uid})


def justice_withdraw_url(world: World) -> str:
    case = make_case(world)
    row = add_milestone(world, case)
    return reverse("cases:justice-withdraw", kwargs={"uid": case.uid, "row_uid": row.uid})


ABUSE_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "cases:abuse": (case_url("cases:abuse"), ONE_CASE_EDIT),
    "cases:perpetrators": (case_url("cases:perpetrators"), ONE_CASE_RESTRICTED),
    "cases:perpetrator-add": (case_url("cases:perpetrator-add"), ONE_CASE_EDIT),
    "cases:perpetrator-withdraw": (perpetrator_withdraw_url, POST_ONLY),
    "cases:justice-add": (case_url("cases:justice-add"), ONE_CASE_RESTRICTED),
    "cases:justice-withdraw": (justice_withdraw_url, POST_ONLY),
}
