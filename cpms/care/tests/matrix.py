"""Expected answers of the care pages for every persona (merged into the role matrix).

Caregivers and placements are in commune A; the outsider works in commune B."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.care.tests.factories import make_placement, make_provider
from cpms.cases.tests.matrix import CASE_LISTS, ONE_CASE_EDIT, ONE_CASE_SEPARATE, ONE_CASE_VIEW
from cpms.children.tests.factories import make_child
from cpms.children.tests.matrix import expect
from cpms.testing import World

NOT_AREA = {"police": 404, "school": 404, "statistician": 404, "hotline": 404, "outsider": 404}
NO_CASE_EDIT = {
    "collaborator": 403,
    "police": 403,
    "school": 403,
    "officer": 403,
    "statistician": 403,
    "hotline": 403,
    "sysadmin": 403,
}


def placement_url(name: str, *, decide: bool = True) -> Callable[[World], str]:
    def build(world: World) -> str:
        return reverse(name, kwargs={"uid": make_placement(world, decide=decide).uid})

    return build


def provider_url(name: str) -> Callable[[World], str]:
    def build(world: World) -> str:
        return reverse(name, kwargs={"uid": make_provider(world).uid})

    return build


CARE_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "care:placement-list": (lambda w: reverse("care:placement-list"), CASE_LISTS),
    "care:placement-create": (
        lambda w: reverse("care:placement-create", kwargs={"child_uid": make_child(w).uid}),
        expect(200, anonymous=302, collaborator=403, officer=403, sysadmin=403, **NOT_AREA),
    ),
    "care:placement-detail": (placement_url("care:placement-detail"), ONE_CASE_VIEW),
    "care:placement-decide": (
        placement_url("care:placement-decide", decide=False),
        ONE_CASE_SEPARATE,
    ),
    "care:placement-review": (placement_url("care:placement-review"), ONE_CASE_EDIT),
    "care:placement-end": (placement_url("care:placement-end"), ONE_CASE_SEPARATE),
    "care:provider-list": (lambda w: reverse("care:provider-list"), CASE_LISTS),
    "care:provider-register": (
        lambda w: reverse("care:provider-register"),
        expect(200, anonymous=302, **NO_CASE_EDIT),
    ),
    "care:provider-detail": (
        provider_url("care:provider-detail"),
        expect(200, anonymous=302, collaborator=403, sysadmin=403, **NOT_AREA),
    ),
    "care:provider-verify": (
        provider_url("care:provider-verify"),
        expect(200, anonymous=302, collaborator=403, officer=403, sysadmin=403, **NOT_AREA),
    ),
    "care:provider-archive": (
        provider_url("care:provider-archive"),
        expect(200, anonymous=302, collaborator=403, officer=403, sysadmin=403, **NOT_AREA),
    ),
    "care:needs": (lambda w: reverse("care:needs"), CASE_LISTS),
    "care:needs-export": (lambda w: reverse("care:needs-export"), {**CASE_LISTS, "police": 403}),
}
