"""Expected answers of the referral pages for every persona (merged into the role matrix).

The referral goes from a case of commune A to the police of commune A (police_a)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.cases.tests.factories import make_case
from cpms.cases.tests.matrix import ONE_CASE_EDIT, ONE_CASE_VIEW, POST_ONLY
from cpms.children.tests.matrix import expect
from cpms.testing import World

from .factories import send

# The queue: receiving agencies (police, school) and whoever views cases in an area.
INBOX = expect(
    200,
    anonymous=302,
    collaborator=403,
    statistician=403,
    hotline=403,
    sysadmin=403,
)


def referral_url(name: str, **kwargs: str) -> Callable[[World], str]:
    def build(world: World) -> str:
        referral = send(world, make_case(world))
        return reverse(name, kwargs={"uid": referral.uid, **kwargs})

    return build


REFERRALS_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "referrals:inbox": (lambda w: reverse("referrals:inbox"), INBOX),
    "referrals:send": (
        lambda w: reverse("referrals:send", kwargs={"case_uid": make_case(w).uid}),
        ONE_CASE_EDIT,
    ),
    "referrals:detail": (referral_url("referrals:detail"), {**ONE_CASE_VIEW, "police": 200}),
    "referrals:step": (referral_url("referrals:step", code="accept"), POST_ONLY),
    "referrals:assign": (referral_url("referrals:assign"), POST_ONLY),
    "referrals:letter": (
        referral_url("referrals:letter", file_format="docx"),
        {**ONE_CASE_EDIT, "police": 403},
    ),
}
