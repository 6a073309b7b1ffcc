"""The load benchmarks' site (bench/loadsite) keeps working: settings import, the reference view
answers a signed-in session made by the bench with one audit row, and needs a login."""

from __future__ import annotations

import importlib
import uuid

import pytest
from django.conf import settings
from django.test import Client

from bench.loadsite.data import signed_in_session
from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.tests.conftest import reference_data  # noqa: F401 - autouse
from cpms.cases.tests.factories import make_case
from cpms.testing import World


def test_loadsite_settings_are_production_with_the_bench_urls() -> None:
    site = importlib.import_module("bench.loadsite.settings")
    assert site.DEBUG is False
    assert site.ROOT_URLCONF == "bench.loadsite.urls"
    assert site.SECURE_SSL_REDIRECT is False
    assert "127.0.0.1" in site.ALLOWED_HOSTS
    assert site.MIDDLEWARE == settings.MIDDLEWARE  # the production stack, unchanged


@pytest.mark.urls("bench.loadsite.urls")
def test_reference_view_answers_a_bench_session_with_one_audit_row(world: World) -> None:
    case = make_case(world)
    worker = world.personas["worker"]
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = signed_in_session(worker)
    before = AuditLog.objects.count()

    response = client.get(f"/bench/reference/{case.uid}/")

    assert response.status_code == 200
    assert response.content.decode().strip() == str(case.uid)
    rows = list(AuditLog.objects.order_by("-id")[: AuditLog.objects.count() - before])
    assert [(r.event_type, r.subject_type, r.subject_id, r.actor_id) for r in rows] == [
        (AuditEvent.READ, "cases.case", str(case.uid), worker.pk)
    ]
    # the same session opens the real case page (2FA and lifetime marks as after a login)
    assert client.get(f"/cases/{case.uid}/").status_code == 200


@pytest.mark.urls("bench.loadsite.urls")
def test_reference_view_needs_a_login_and_an_existing_row(world: World) -> None:
    case = make_case(world)
    before = AuditLog.objects.count()
    response = Client().get(f"/bench/reference/{case.uid}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert AuditLog.objects.count() == before

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = signed_in_session(world.personas["worker"])
    assert client.get(f"/bench/reference/{uuid.uuid4()}/").status_code == 404
