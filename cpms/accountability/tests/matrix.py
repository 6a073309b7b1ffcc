"""Expected answers of the register pages for every persona (merged into the role matrix).

The entry concerns a case in commune A; the outsider works in commune B. Entries name people
and agencies: only area-scoped roles with accountability.view reach them."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.accountability.tests.factories import make_entry
from cpms.cases.tests.factories import make_case
from cpms.children.tests.matrix import expect
from cpms.testing import World

NO_VIEW = {
    "collaborator": 403,
    "police": 403,
    "school": 403,
    "statistician": 403,
    "hotline": 403,
    "sysadmin": 403,
}
LISTS = expect(200, anonymous=302, **NO_VIEW)
NOT_REACHED = {
    "collaborator": 404,
    "police": 404,
    "school": 404,
    "statistician": 404,
    "hotline": 404,
    "outsider": 404,
}
ONE_ENTRY_VIEW = expect(200, anonymous=302, sysadmin=403, **NOT_REACHED)
ONE_ENTRY_DECIDE = {**ONE_ENTRY_VIEW, "worker": 403}
# Recording from a case page: the list permission first, then the case's own access helper.
FROM_CASE = {**LISTS, "outsider": 404}


def entry_url(name: str) -> Callable[[World], str]:
    def build(world: World) -> str:
        return reverse(name, kwargs={"uid": make_entry(world).uid})

    return build


def create_url(world: World) -> str:
    return f"{reverse('accountability:create')}?case={make_case(world).uid}"


ACCOUNTABILITY_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "accountability:list": (lambda w: reverse("accountability:list"), LISTS),
    "accountability:export": (lambda w: reverse("accountability:export"), LISTS),
    "accountability:create": (create_url, FROM_CASE),
    "accountability:detail": (entry_url("accountability:detail"), ONE_ENTRY_VIEW),
    "accountability:confirm": (entry_url("accountability:confirm"), ONE_ENTRY_DECIDE),
    "accountability:dismiss": (entry_url("accountability:dismiss"), ONE_ENTRY_DECIDE),
}
