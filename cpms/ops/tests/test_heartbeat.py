from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django import app

from cpms.ops.models import WorkerHeartbeat
from cpms.ops.services import heartbeat_record
from cpms.ops.tasks import heartbeat


@pytest.mark.django_db
def test_it_keeps_one_row_per_worker_and_counts_beats():
    heartbeat_record(worker="w1")
    beat = heartbeat_record(worker="w1")
    heartbeat_record(worker="w2")
    assert beat.beats == 2
    assert WorkerHeartbeat.objects.count() == 2


@pytest.mark.django_db
def test_it_runs_the_task_body():
    heartbeat(timestamp=0)
    assert WorkerHeartbeat.objects.get().beats == 1


def test_it_schedules_the_heartbeat_every_minute():
    app.perform_import_paths()
    periodic = {task.periodic_id: task for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic["worker-heartbeat"].cron == "* * * * *"


def test_it_shows_whether_the_worker_is_alive_on_the_admin_page(world, client_for):
    heartbeat_record(worker="demo-worker")
    url = reverse("admin:ops_workerheartbeat_changelist")
    assert "icon-yes" in client_for("sysadmin").get(url).content.decode()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10)):
        assert "icon-no" in client_for("sysadmin").get(url).content.decode()
