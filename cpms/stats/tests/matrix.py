"""Expected answers of the statistics pages for every persona (merged into the role matrix)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.testing import PERSONAS, World


def expect(default: int, **overrides: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table.update(overrides)
    return table


NO_STATS = {"collaborator": 403, "police": 403, "school": 403, "hotline": 403, "sysadmin": 403}


def commune_a_dashboard(world: World) -> str:
    return f"{reverse('stats:dashboard')}?unit={world.commune_a.uid}"


STATS_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    # commune A chosen: the worker of commune B is out of scope (404)
    "stats:dashboard": (commune_a_dashboard, expect(200, anonymous=302, outsider=404, **NO_STATS)),
}
