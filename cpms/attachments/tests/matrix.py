"""Expected answers of the attachment pages for every persona (merged into the role matrix).
Attachments of a case answer as the case does: its access helper decides."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.cases.tests.abuse_factories import add_attachment
from cpms.cases.tests.factories import make_case
from cpms.cases.tests.matrix import ONE_CASE_EDIT, ONE_CASE_VIEW, POST_ONLY
from cpms.testing import World


def attachment_url(name: str) -> Callable[[World], str]:
    def build(world: World) -> str:
        return reverse(name, kwargs={"uid": add_attachment(world, make_case(world)).uid})

    return build


def upload_url(world: World) -> str:
    case = make_case(world)
    return reverse(
        "attachments:upload", kwargs={"subject_type": "cases.case", "subject_id": case.uid}
    )


ATTACHMENTS_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "attachments:upload": (upload_url, POST_ONLY),
    "attachments:download": (attachment_url("attachments:download"), ONE_CASE_VIEW),
    "attachments:withdraw": (attachment_url("attachments:withdraw"), ONE_CASE_EDIT),
}
