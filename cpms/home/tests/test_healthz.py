from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cpms.ops.services import heartbeat_record

pytestmark = pytest.mark.django_db


def test_it_reports_the_database_and_the_worker_without_login(client):
    assert client.get(reverse("home:healthz")).json() == {
        "status": "ok",
        "database": "ok",
        "worker": "stale",
    }
    heartbeat_record(worker="w1")
    assert client.get(reverse("home:healthz")).json()["worker"] == "ok"
    with time_machine.travel(dt.timedelta(minutes=6)):
        assert client.get(reverse("home:healthz")).json()["worker"] == "stale"
