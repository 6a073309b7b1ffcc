"""Expected answers of the directive pages for every persona (merged into the role matrix).

The directive is issued by the test province and followed by the province office (officer,
statistician and sysadmin work there); clause 1.2 is given to commune A's People's Committee
(worker, leader, collaborator). The outsider (commune B), the police and the school of
commune A are neither assigned nor covering: out of reach."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.children.tests.matrix import expect
from cpms.directives.tests.factories import earlier_start, make_assignment
from cpms.testing import World

NO_VIEW = {"collaborator": 403, "statistician": 403, "hotline": 403, "sysadmin": 403}
LIST = expect(200, anonymous=302, **NO_VIEW)
MINE = expect(200, anonymous=302, **NO_VIEW)
MANAGE_PAGES = expect(403, anonymous=302, officer=200)
OUT = {"police": 404, "school": 404, "outsider": 404}
ONE_VIEW = expect(
    200, anonymous=302, collaborator=403, statistician=403, sysadmin=403, hotline=404, **OUT
)
ONE_MANAGE = expect(403, anonymous=302, officer=200, hotline=404, **OUT)
# The report of commune A: its own agency reads and files it; the lead office reads it.
REPORT = expect(
    200, anonymous=302, collaborator=403, statistician=403, sysadmin=403, hotline=404, **OUT
)
WITHDRAW = expect(405, anonymous=302)


def directive_url(name: str) -> Callable[[World], str]:
    def build(world: World) -> str:
        return reverse(name, kwargs={"uid": make_assignment(world).clause.directive.uid})

    return build


def assignment_url(name: str) -> Callable[[World], str]:
    def build(world: World) -> str:
        return reverse(name, kwargs={"uid": make_assignment(world).uid})

    return build


def report_url(world: World) -> str:
    assignment = make_assignment(world)
    return reverse(
        "directives:report", kwargs={"uid": assignment.uid, "start": earlier_start().isoformat()}
    )


DIRECTIVES_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "directives:list": (lambda w: reverse("directives:list"), LIST),
    "directives:mine": (lambda w: reverse("directives:mine"), MINE),
    "directives:create": (lambda w: reverse("directives:create"), MANAGE_PAGES),
    "directives:detail": (directive_url("directives:detail"), ONE_VIEW),
    "directives:edit": (directive_url("directives:edit"), ONE_MANAGE),
    "directives:assign": (directive_url("directives:assign"), ONE_MANAGE),
    "directives:consolidated": (directive_url("directives:consolidated"), ONE_MANAGE),
    "directives:assignment-withdraw": (assignment_url("directives:assignment-withdraw"), WITHDRAW),
    "directives:report": (report_url, REPORT),
}
