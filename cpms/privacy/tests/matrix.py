"""Expected answers of the privacy pages for every persona (merged into the role matrix).
The child is in village A1 of commune A."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.urls import reverse

from cpms.children.tests.factories import make_child
from cpms.children.tests.matrix import OUT_OF_REACH, expect
from cpms.privacy.tests.factories import add_parent, consent
from cpms.testing import World


def child_url(name: str, **extra: uuid.UUID) -> Callable[[World], str]:
    def build(world: World) -> str:
        return reverse(name, kwargs={"uid": make_child(world).uid, **extra})

    return build


def basis_url(world: World) -> str:
    child = make_child(world)
    basis = consent(world, child, add_parent(child))
    return reverse("privacy:basis-detail", kwargs={"uid": child.uid, "basis": basis.uid})


WORKERS = expect(200, anonymous=302, collaborator=403, officer=403, sysadmin=403, **OUT_OF_REACH)
CHAIRMAN = {**WORKERS, "worker": 403}
POST_ONLY = expect(405, anonymous=302)

PRIVACY_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "privacy:child": (child_url("privacy:child"), WORKERS),
    "privacy:basis-add": (child_url("privacy:basis-add"), WORKERS),
    "privacy:basis-detail": (basis_url, WORKERS),
    "privacy:basis-withdraw": (child_url("privacy:basis-withdraw", basis=uuid.uuid4()), POST_ONLY),
    "privacy:restrict": (child_url("privacy:restrict"), CHAIRMAN),
    "privacy:restriction-lift": (
        child_url("privacy:restriction-lift", restriction=uuid.uuid4()),
        POST_ONLY,
    ),
    "privacy:subject-access": (child_url("privacy:subject-access"), CHAIRMAN),
}
