"""Expected answers of the conference pages for every persona (merged into the role matrix).
The case is in commune A, as in cpms.cases.tests.matrix."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.cases.tests.factories import make_case
from cpms.cases.tests.matrix import ONE_CASE_EDIT, ONE_CASE_VIEW
from cpms.conferences.tests.factories import make_conference
from cpms.testing import World


def conference_url(name: str) -> Callable[[World], str]:
    def build(world: World) -> str:
        conference = make_conference(world, make_case(world))
        return reverse(name, kwargs={"uid": conference.uid})

    return build


CONFERENCES_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "conferences:add": (
        lambda w: reverse("conferences:add", kwargs={"case_uid": make_case(w).uid}),
        ONE_CASE_EDIT,
    ),
    "conferences:detail": (conference_url("conferences:detail"), ONE_CASE_VIEW),
    "conferences:edit": (conference_url("conferences:edit"), ONE_CASE_EDIT),
    # Officers hold export.create as well as case.view: they may print the minutes.
    "conferences:minutes": (conference_url("conferences:minutes"), ONE_CASE_VIEW),
}
