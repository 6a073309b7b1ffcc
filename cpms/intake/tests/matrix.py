"""Expected answers of the intake pages for every persona (merged into the role matrix).

The report is in commune A and was logged by the hotline persona (own scope)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.children.tests.matrix import expect
from cpms.intake.tests.factories import make_report
from cpms.testing import World


def report_url(name: str, *, row: bool = False) -> Callable[[World], str]:
    def build(world: World) -> str:
        report = make_report(world)
        kwargs = {"uid": report.uid}
        if row:
            kwargs["child_uid"] = report.children.get().uid
        return reverse(name, kwargs=kwargs)

    return build


NO_REPORT_VIEW = {"collaborator": 403, "police": 403, "school": 403, "statistician": 403}
INBOX = expect(200, anonymous=302, sysadmin=403, **NO_REPORT_VIEW)
CREATORS = expect(200, anonymous=302, police=403, officer=403, statistician=403, sysadmin=403)
NOT_REACHED = {"collaborator": 404, "police": 404, "school": 404, "statistician": 404}
ONE_REPORT_VIEW = expect(200, anonymous=302, sysadmin=403, outsider=404, **NOT_REACHED)
ONE_REPORT_TRIAGE = {**ONE_REPORT_VIEW, "officer": 403, "hotline": 403}

INTAKE_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "intake:list": (lambda w: reverse("intake:list"), INBOX),
    "intake:create": (lambda w: reverse("intake:create"), CREATORS),
    "intake:sent": (lambda w: reverse("intake:sent"), CREATORS),
    "intake:detail": (report_url("intake:detail"), ONE_REPORT_VIEW),
    "intake:reporter": (report_url("intake:reporter"), expect(405, anonymous=302)),
    "intake:child-add": (report_url("intake:child-add"), ONE_REPORT_TRIAGE),
    "intake:child-match": (report_url("intake:child-match", row=True), ONE_REPORT_TRIAGE),
}
