"""Expected answers of the transfer page for every persona (merged into the role matrix)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.cases.tests.factories import make_case
from cpms.cases.tests.matrix import CASE_LISTS, ONE_CASE_EDIT
from cpms.testing import World

TRANSFERS_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "transfers:list": (lambda w: reverse("transfers:list"), CASE_LISTS),
    "transfers:new": (
        lambda w: reverse("transfers:new", kwargs={"case_uid": make_case(w).uid}),
        ONE_CASE_EDIT,
    ),
}
