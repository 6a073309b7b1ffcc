"""The seed letter as the demo directive: clauses, cited documents, assignments as the letter
gives them, and gaps on clause 1.2 in the latest half-year; loading twice adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cpms.accounts.demo import seed_demo_accounts
from cpms.accounts.models import User
from cpms.directives.demo import seed_demo_directives
from cpms.directives.models import ClauseAssignment, Directive, LegalReference, ProgressReport
from cpms.geography.demo import seed_demo_geography

pytestmark = pytest.mark.django_db

LATE_WARDS = {"UBND phường Nghĩa Lộ", "UBND phường Trương Quang Trọng", "UBND xã Tịnh Khê"}


def load() -> int:
    geo = seed_demo_geography()
    seed_demo_accounts(geo)
    return seed_demo_directives(geo)


def test_the_seed_letter_is_the_demo_directive_and_loading_is_idempotent(client):
    submitted = load()
    counts = (
        Directive.objects.count(),
        LegalReference.objects.count(),
        ClauseAssignment.objects.count(),
        ProgressReport.objects.count(),
    )
    assert load() == submitted
    assert counts == (
        Directive.objects.count(),
        LegalReference.objects.count(),
        ClauseAssignment.objects.count(),
        ProgressReport.objects.count(),
    )
    directive = Directive.objects.get()
    assert directive.number_symbol == "…/UBND-VX" and directive.issued_year == 2023
    assert directive.lead_agency is not None
    assert directive.lead_agency.name == "Sở Y tế tỉnh Quảng Ngãi"
    numbers = list(directive.clauses.values_list("number", flat=True))
    assert numbers == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2"]
    symbols = set(directive.references.values_list("symbol", flat=True))
    assert {"121/2020/QH14", "18/CT-TTg", "3654/QCPH-LĐTBXH-GDĐT-YT-CA", "52/KH-UBND"} <= symbols
    assert len(symbols) == 13
    lead = ClauseAssignment.objects.get(clause__number="2", is_lead=True)
    assert lead.agency == directive.lead_agency
    assert ClauseAssignment.objects.filter(clause__number="1.2").count() == 7
    assert ProgressReport.objects.filter(period_start=dt.date(2025, 7, 1)).count() == 7 * 7 + 2

    client.force_login(User.objects.get(username="soyte.quangngai"))
    url = reverse("directives:detail", kwargs={"uid": directive.uid})
    page = client.get(url + "?missing=1").content.decode()
    section = page.split('data-testid="clause-1.2"')[1].split("</section>")[0]
    shown = {
        name
        for name in LATE_WARDS | {"UBND phường Cẩm Thành", "UBND xã An Phú"}
        if f'data-agency="{name}"' in section
    }
    assert shown == LATE_WARDS
