from __future__ import annotations

import uuid

import pytest

from cpms.testing import World


@pytest.fixture
def report_post(world: World):
    """A valid public-form POST for commune A; keyword arguments override fields."""

    def build(**overrides: object) -> dict[str, object]:
        data: dict[str, object] = {
            "commune": world.commune_a.pk,
            "description": "Em bé hàng xóm thường bị đánh, khóc cả đêm.",
            "child_name": "Bé Lan",
            "child_age": "7",
            "child_sex": "female",
            "place": "Tổ dân phố 1",
            "reporter_relation": "neighbour",
            "form_token": str(uuid.uuid4()),
            "website": "",
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    return build
