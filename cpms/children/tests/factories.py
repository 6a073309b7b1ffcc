"""Test data for the registry, built through the services (never raw model saves)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cpms.children.choices import Sex
from cpms.children.models import Child
from cpms.children.services import ChildData, child_register
from cpms.testing import World


def make_child(world: World, *, actor: Any = None, **overrides: Any) -> Child:
    values: dict[str, Any] = {
        "full_name": "Nguyễn Thị Lan",
        "birth_date": dt.date(2015, 3, 14),
        "sex": Sex.FEMALE,
        "commune": world.commune_a,
        "village": world.village_a1,
    }
    values.update(overrides)
    return child_register(actor=actor, data=ChildData(**values))
