"""Retention: closed cases past the period are archived, hidden from lists, read-only."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cpms.audit.models import AuditLog
from cpms.cases.choices import CaseState
from cpms.cases.models import Case
from cpms.cases.tests.factories import step
from cpms.cases.tests.walk import walk_to
from cpms.privacy.models import CaseArchive
from cpms.privacy.retention import retention_apply

CLOSED_ON = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


def closed_case(world) -> Case:
    with time_machine.travel(CLOSED_ON, tick=False):
        return walk_to(world, CaseState.CLOSED)


def run(*args: str) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_it_lists_by_default_and_archives_only_with_apply(world, settings):
    settings.CPMS_RETENTION_YEARS_AFTER_CLOSURE = 5
    case = closed_case(world)
    with time_machine.travel(CLOSED_ON + dt.timedelta(days=5 * 365 - 5), tick=False):
        assert "0 closed cases" in run("--apply")
    with time_machine.travel(CLOSED_ON + dt.timedelta(days=5 * 365 + 2), tick=False):
        assert "1 closed cases older than 5 years would be archived" in run()
        assert not CaseArchive.objects.exists()
        assert str(case.uid) in run("--apply")
        assert "0 closed cases" in run("--apply")  # idempotent
    archive = CaseArchive.objects.get(case=case)
    assert archive.retention_years == 5 and archive.closed_at == case.closed_at
    assert AuditLog.objects.filter(subject_id=str(case.uid), event_type="archive").count() == 1


def test_the_period_is_a_setting(world, settings):
    closed_case(world)
    settings.CPMS_RETENTION_YEARS_AFTER_CLOSURE = 1
    with time_machine.travel(CLOSED_ON + dt.timedelta(days=400), tick=False):
        assert len(retention_apply(apply=True)) == 1


def test_an_archived_case_leaves_the_list_and_is_read_only(world, client_for):
    case = closed_case(world)
    listed = client_for("worker").get(reverse("cases:list") + "?state=closed").content.decode()
    assert str(case.uid) in listed
    with time_machine.travel(timezone.now() + dt.timedelta(days=6 * 365), tick=False):
        retention_apply(apply=True)
    body = client_for("worker").get(reverse("cases:list") + "?state=closed").content.decode()
    assert str(case.uid) not in body
    assert client_for("worker").get(reverse("cases:detail", args=[case.uid])).status_code == 200
    with pytest.raises(ValidationError):
        step(world, case, "reopen", reason="Tái diễn")
    assert Case.objects.filter(pk=case.pk).count() == 1  # statistics still count it


def test_an_open_case_is_never_archived(world):
    case = walk_to(world, CaseState.NEEDS_ASSESSED)
    with time_machine.travel(timezone.now() + dt.timedelta(days=20 * 365), tick=False):
        assert case not in retention_apply(apply=True)
