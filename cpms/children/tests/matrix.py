"""Expected answers of the registry's pages for every persona (merged into the role matrix)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from cpms.children.choices import Relationship
from cpms.children.services import family_member_add
from cpms.children.tests.factories import make_child
from cpms.testing import PERSONAS, World


def expect(default: int, **overrides: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table.update(overrides)
    return table


def child_url(name: str, **extra: Callable[[World], Any]) -> Callable[[World], str]:
    def build(world: World) -> str:
        child = make_child(world)
        kwargs = {"uid": child.uid, **{k: f(world) for k, f in extra.items()}}
        return reverse(name, kwargs=kwargs)

    return build


NO_CHILD_ROLE = {"police": 403, "school": 403, "hotline": 403, "statistician": 403, "sysadmin": 403}
VIEWERS = expect(200, anonymous=302, **NO_CHILD_ROLE)
EDITORS = expect(200, anonymous=302, officer=403, **NO_CHILD_ROLE)
OUT_OF_REACH = {"outsider": 404, "police": 404, "school": 404, "hotline": 404, "statistician": 404}
ONE_CHILD_VIEW = expect(200, anonymous=302, sysadmin=403, **OUT_OF_REACH)
ONE_CHILD_EDIT = expect(200, anonymous=302, sysadmin=403, officer=403, **OUT_OF_REACH)


def fact_url(world: World) -> str:
    child = make_child(world)
    link = family_member_add(
        actor=None, child=child, full_name="Trần Văn Cường", relationship=Relationship.FATHER
    )
    return reverse("children:fact-add", kwargs={"uid": child.uid, "link": link.uid})


CHILDREN_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "children:list": (lambda w: reverse("children:list"), VIEWERS),
    "children:my-village": (lambda w: reverse("children:my-village"), VIEWERS),
    "children:register": (lambda w: reverse("children:register"), EDITORS),
    "children:detail": (child_url("children:detail"), ONE_CHILD_VIEW),
    "children:duplicates": (child_url("children:duplicates"), ONE_CHILD_VIEW),
    "children:edit": (child_url("children:edit"), ONE_CHILD_EDIT),
    "children:archive": (child_url("children:archive"), ONE_CHILD_EDIT),
    "children:family-add": (child_url("children:family-add"), ONE_CHILD_EDIT),
    "children:visit-add": (child_url("children:visit-add"), ONE_CHILD_EDIT),
    "children:fact-add": (fact_url, {**ONE_CHILD_EDIT, "collaborator": 403}),
    "children:screen": (child_url("children:screen"), expect(405, anonymous=302)),
    "children:merge": (
        child_url("children:merge", other=lambda w: make_child(w, full_name="Nguyễn Thị Lan").uid),
        ONE_CHILD_EDIT,
    ),
}
