"""Expected answers of the notification pages for every persona (merged into the role
matrix). Everyone signed in has their own notifications; opening one is POST only."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.children.tests.matrix import expect
from cpms.testing import World

from .factories import make_notification


def open_url(world: World) -> str:
    row = make_notification(world.personas["worker"])
    return reverse("notifications:open", args=[row.uid])


OWN = expect(200, anonymous=302)
POST_ONLY = expect(405, anonymous=302)

NOTIFICATIONS_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "notifications:list": (lambda w: reverse("notifications:list"), OWN),
    "notifications:preferences": (lambda w: reverse("notifications:preferences"), OWN),
    "notifications:badge": (lambda w: reverse("notifications:badge"), OWN),
    "notifications:read-all": (lambda w: reverse("notifications:read-all"), POST_ONLY),
    "notifications:open": (open_url, POST_ONLY),
}
