"""Public pages: every persona, signed in or not, gets them."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.children.tests.matrix import expect
from cpms.testing import World

PUBLIC_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "public:index": (lambda w: reverse("public:index"), expect(200)),
    "public:page": (
        lambda w: reverse("public:page", args=["tre-em-khi-can-giup-do"]),
        expect(200),
    ),
    "public:report": (lambda w: reverse("public:report"), expect(200)),
    "public:status": (lambda w: reverse("public:status"), expect(200)),
}
