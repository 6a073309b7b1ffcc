from __future__ import annotations

import pytest

from cpms.accounts.demo import seed_demo_accounts
from cpms.geography.demo import seed_demo_geography
from cpms.reports.demo import seed_demo_reports
from cpms.reports.models import PeriodicReport


@pytest.mark.django_db
def test_the_demo_has_an_approved_and_a_draft_report_and_is_idempotent():
    geo = seed_demo_geography()
    seed_demo_accounts(geo)
    assert seed_demo_reports(geo) == 2
    assert seed_demo_reports(geo) == 0
    reports = {
        (r.period_start.month, r.status)
        for r in PeriodicReport.objects.filter(unit__name="Phường Nghĩa Lộ")
    }
    assert reports == {(1, "approved"), (7, "draft")}
