"""Expected answers of the call-log pages for every persona (merged into the
role matrix). The call was logged by the hotline persona; only the hotline role holds
call.log, and its scope is own."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.children.tests.matrix import expect
from cpms.hotline.tests.factories import make_call
from cpms.testing import World


def call_url(name: str) -> Callable[[World], str]:
    def build(world: World) -> str:
        return reverse(name, kwargs={"uid": make_call(world).uid})

    return build


OPERATOR_ONLY = expect(403, anonymous=302, hotline=200)

HOTLINE_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "hotline:list": (lambda w: reverse("hotline:list"), OPERATOR_ONLY),
    "hotline:create": (lambda w: reverse("hotline:create"), OPERATOR_ONLY),
    "hotline:detail": (call_url("hotline:detail"), OPERATOR_ONLY),
    "hotline:forward": (call_url("hotline:forward"), OPERATOR_ONLY),
    "hotline:caller": (call_url("hotline:caller"), expect(403, anonymous=302, hotline=405)),
}
