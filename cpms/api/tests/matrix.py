"""Expected answers of the API's URLs for every persona (merged into the role matrix).

The API ignores the signed-in session: without a bearer token every persona gets 401 (the
report URL answers 405 to GET, before authentication). The published schema and its docs
page are public; the API root has no page."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.children.tests.matrix import expect
from cpms.testing import World

NO_REPORT = "00000000-0000-0000-0000-000000000000"

API_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "api:api-root": (lambda w: reverse("api:api-root"), expect(404)),
    "api:openapi-json": (lambda w: reverse("api:openapi-json"), expect(200)),
    "api:openapi-view": (lambda w: reverse("api:openapi-view"), expect(200)),
    "api:report-create": (lambda w: reverse("api:report-create"), expect(405)),
    "api:commune-list": (lambda w: reverse("api:commune-list"), expect(401)),
    "api:concern-type-list": (lambda w: reverse("api:concern-type-list"), expect(401)),
    "api:report-detail": (
        lambda w: reverse("api:report-detail", kwargs={"report_id": NO_REPORT}),
        expect(401),
    ),
}
