from __future__ import annotations

import pytest
from django.test import Client

from cpms.testing import World, build_world
from cpms.testing_browser import browser  # noqa: F401 - a fixture for browser tests


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _verified_force_login(monkeypatch: pytest.MonkeyPatch) -> None:
    """Client.force_login (so client_for too) gives a session that has passed the second
    factor just now, as a real login would: pages behind the two-factor middleware and
    the re-authentication check answer as they do for a signed-in user. Tests of the login
    itself post to the login and code pages instead."""
    from cpms.accounts.twofactor import mark_verified

    original = Client._login  # type: ignore[attr-defined]

    def login_verified(self: Client, user: object, backend: str | None = None) -> None:
        original(self, user, backend)
        session = self.session
        mark_verified(session, "test-session")
        session.save()

    monkeypatch.setattr(Client, "_login", login_verified)


@pytest.fixture
def client_for(world: World):
    """client_for("worker") → a test client signed in as that persona ("anonymous": none)."""

    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(world.personas[persona])
        return client

    return make


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test on a transactional database (browser tests, tests with several
    connections) restores the data the migrations loaded (concern types, deadline rules,
    special-circumstance groups…): the flush after such a test empties every table. Without
    this, the next transactional test on the same worker finds no reference data, or, if it
    asked for it, collides with the content types the flush re-created."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "transactional_db" in names or "live_server" in names:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture
def no_random_prune(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rate limits prune expired windows on one write in 200 (cpms/core/ratelimit.py), at
    random: tests that count a request's statements turn that off."""
    from cpms.core import ratelimit

    monkeypatch.setattr(ratelimit, "prune", lambda now=None: 0)
