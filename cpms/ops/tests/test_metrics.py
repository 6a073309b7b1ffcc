"""GET /metrics/: off without a token, refused with a wrong one, figures that follow the data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from cpms.cases.models import CaseDeadline
from cpms.cases.tests.factories import make_case
from cpms.children.tasks import validate_import
from cpms.ops.services import heartbeat_record
from cpms.stats.cube.build import build_cube
from cpms.testing import fill_reference_data

TOKEN = "s3cret-scrape-token"


@pytest.fixture
def scrape(client, settings):
    settings.CPMS_METRICS_TOKEN = TOKEN

    def get() -> dict[str, float]:
        response = client.get(reverse("home:metrics"), HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain; version=0.0.4")
        samples = {}
        for line in response.content.decode().splitlines():
            if not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                samples[name] = float(value)
        return samples

    return get


def test_it_is_off_without_a_token_and_refuses_a_wrong_one(client, settings, db):
    settings.CPMS_METRICS_TOKEN = ""
    assert client.get(reverse("home:metrics")).status_code == 404
    settings.CPMS_METRICS_TOKEN = TOKEN
    assert client.get(reverse("home:metrics")).status_code == 401
    wrong = client.get(reverse("home:metrics"), HTTP_AUTHORIZATION="Bearer guess")
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"] == "Bearer"


def test_the_worker_and_the_queue(scrape, db):
    first = scrape()
    assert "cpms_worker_heartbeat_age_seconds" not in first  # no heartbeat yet: unknown
    assert first['cpms_jobs{status="todo"}'] == 0
    heartbeat_record(worker="w1")
    validate_import.defer(job_id=1)
    with time_machine.travel(dt.timedelta(minutes=3)):
        later = scrape()
    assert 170 <= later["cpms_worker_heartbeat_age_seconds"] <= 200
    assert later['cpms_jobs{status="todo"}'] == 1
    assert 170 <= later["cpms_jobs_oldest_waiting_seconds"] <= 200


def test_overdue_clocks_the_cube_and_the_audit_partitions(scrape, world):
    fill_reference_data()
    make_case(world)
    before = scrape()
    assert before["cpms_case_clocks_overdue"] == 0
    assert before["cpms_audit_default_partition_rows"] == 0
    assert before["cpms_audit_partitions_ahead"] >= 12
    assert "cpms_stats_cube_age_seconds" not in before  # never built
    build_cube()
    open_clocks = CaseDeadline.objects.filter(met_at=None, cancelled_at=None)
    assert open_clocks.exists()
    with time_machine.travel(open_clocks.order_by("-due_at")[0].due_at + dt.timedelta(hours=1)):
        after = scrape()
    assert after["cpms_case_clocks_overdue"] == open_clocks.count()
    assert after["cpms_stats_cube_age_seconds"] > 0
    assert "cpms_stats_cube_build_seconds" in after


def test_no_personal_data_is_exposed(scrape, world, client):
    fill_reference_data()
    case = make_case(world)
    body = client.get(reverse("home:metrics"), HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    text = body.content.decode()
    assert case.child.full_name not in text and str(case.uid) not in text
    names = {line.split("{")[0].split(" ")[0] for line in text.splitlines() if line[:1] != "#"}
    assert names and all(re.fullmatch(r"cpms_[a-z_]+", name) for name in names)
