from __future__ import annotations

import pytest
from django.test import Client

from cpms.testing import World, build_world
from cpms.testing_browser import browser  # noqa: F401 - a fixture for browser tests


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World):
    """client_for("worker") → a test client signed in as that persona ("anonymous": none)."""

    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(world.personas[persona])
        return client

    return make
