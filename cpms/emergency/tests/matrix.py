"""Expected answers of the emergency-access pages for every persona (merged into the role
matrix). Asking is open to staff who work on cases; the list to those who audit."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.urls import reverse

from cpms.cases.tests.matrix import POST_ONLY
from cpms.children.tests.matrix import expect
from cpms.testing import World

NOT_CASE_STAFF = {
    "collaborator": 403,
    "police": 403,
    "school": 403,
    "statistician": 403,
    "hotline": 403,
    "sysadmin": 403,
}
AUDITORS = {"leader": 200, "officer": 200, "sysadmin": 200}

EMERGENCY_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "emergency:request": (
        lambda w: reverse("emergency:request"),
        expect(200, anonymous=302, **NOT_CASE_STAFF),
    ),
    "emergency:list": (
        lambda w: reverse("emergency:list"),
        expect(403, anonymous=302, **AUDITORS),
    ),
    "emergency:revoke": (
        lambda w: reverse("emergency:revoke", kwargs={"uid": uuid.uuid4()}),
        POST_ONLY,
    ),
}
