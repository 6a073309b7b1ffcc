from __future__ import annotations

import re
import unicodedata

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.geography.models import UnitLevel
from cpms.geography.services import unit_create
from cpms.intake import selectors as intake_selectors
from cpms.intake.choices import Channel
from cpms.intake.models import Report
from cpms.public.models import PublicSubmission

URL = "/public/report/"
CODE_RE = re.compile(r'data-testid="follow-up-code">([A-Z0-9-]+)<')


def _code(response) -> str:
    match = CODE_RE.search(response.content.decode())
    assert match, "no follow-up code on the page"
    return match.group(1)


def test_an_anonymous_report_reaches_the_commune_inbox(world, report_post, client_for):
    response = Client().post(URL, report_post())
    assert response.status_code == 200
    code = _code(response)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}", code)

    report = Report.objects.get()
    assert report.channel == Channel.WEB_FORM
    assert report.commune == world.commune_a
    assert report.reporter_anonymous and report.reporter_name == report.reporter_phone == ""
    assert report.received_by.username == "public-site"
    assert not report.received_by.is_active
    child = report.children.get()
    assert (child.full_name, child.age_estimate, child.sex) == ("Bé Lan", 7, "female")
    # Only a hash of the code is kept.
    assert code.replace("-", "") not in PublicSubmission.objects.get().code_hash

    filters = intake_selectors.ReportFilters(status="new")
    worker_a = intake_selectors.report_list(viewer=world.personas["worker"], filters=filters)
    worker_b = intake_selectors.report_list(viewer=world.personas["outsider"], filters=filters)
    assert list(worker_a) == [report]
    assert list(worker_b) == []
    inbox = client_for("worker").get(reverse("intake:list"))
    assert str(report.uid) in inbox.content.decode()
    assert (
        str(report.uid) not in client_for("outsider").get(reverse("intake:list")).content.decode()
    )
    assert AuditLog.objects.filter(
        event_type=AuditEvent.CREATE, subject_type="intake.report", subject_id=str(report.uid)
    ).exists()


def test_commune_b_gets_its_own_report(world, report_post):
    Client().post(URL, report_post(commune=world.commune_b.pk))
    assert Report.objects.get().commune == world.commune_b


def test_contact_details_are_kept_only_when_asked(world, report_post):
    Client().post(URL, report_post(reporter_name="Trần Bình", reporter_phone="0905 123 456"))
    ignored = Report.objects.get()
    assert ignored.reporter_anonymous and ignored.reporter_name == ""
    Client().post(
        URL,
        report_post(contact="on", reporter_name="Trần Bình", reporter_phone="0905 123 456"),
    )
    kept = Report.objects.exclude(pk=ignored.pk).get()
    assert not kept.reporter_anonymous
    assert (kept.reporter_name, kept.reporter_phone) == ("Trần Bình", "0905 123 456")


def test_the_same_form_sent_twice_makes_one_report(world, report_post):
    data = report_post()
    first = Client().post(URL, data)
    second = Client().post(URL, data)
    assert Report.objects.count() == 1
    assert _code(first)
    assert "follow-up-code" not in second.content.decode()


def test_text_is_normalised_to_nfc(world, report_post):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    Client().post(
        URL, report_post(child_name=decomposed, description="Bé " + decomposed + " bị đánh")
    )
    report = Report.objects.get()
    assert report.children.get().full_name == unicodedata.normalize("NFC", decomposed)
    assert unicodedata.is_normalized("NFC", report.description)


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"description": ""}, "description"),
        ({"description": "x" * 4001}, "description"),
        ({"description": "aaaaaaaaaaaa"}, "description"),
        ({"commune": "999999"}, "commune"),
        ({"child_age": "25"}, "child_age"),
        ({"child_sex": "robot"}, "child_sex"),
        ({"contact": "on", "reporter_phone": ""}, "reporter_phone"),
        ({"contact": "on", "reporter_phone": "call me"}, "reporter_phone"),
    ],
)
def test_strict_validation(world, report_post, overrides, field_error):
    response = Client().post(URL, report_post(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors.get(field_error)
    assert Report.objects.count() == 0


def test_an_old_commune_is_not_offered(world, report_post):
    response = Client().post(URL, report_post(commune=world.old_commune.pk))
    assert response.context["form"].errors.get("commune")
    assert world.old_commune.name not in Client().get(URL).content.decode()


def test_the_honeypot_fakes_success_and_makes_nothing(world, report_post):
    response = Client().post(URL, report_post(website="http://spam.example"))
    assert response.status_code == 200
    assert _code(response)
    assert Report.objects.count() == 0
    assert PublicSubmission.objects.count() == 0


@override_settings(PUBLIC_REPORT_MAX_BYTES=2000)
def test_an_oversized_body_is_refused_before_parsing(world, report_post):
    response = Client().post(URL, report_post(place="x" * 3000))
    assert response.status_code == 413
    assert Report.objects.count() == 0


@override_settings(PUBLIC_REPORT_LIMIT=(2, 3600))
def test_reports_are_rate_limited_per_address(world, report_post):
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert [client.post(URL, report_post()).status_code for _ in range(2)] == [200, 200]
    refused = client.post(URL, report_post())
    assert refused.status_code == 429
    assert "Có quá nhiều yêu cầu" in refused.content.decode()
    client.post(URL, report_post())
    assert Report.objects.count() == 2
    # Another address is not affected.
    assert Client(REMOTE_ADDR="203.0.113.8").post(URL, report_post()).status_code == 200
    denials = AuditLog.objects.filter(event_type=AuditEvent.DENIED, subject_type="public.ratelimit")
    assert denials.count() == 1  # once per window, not once per refused request
    assert denials.get().ip == "203.0.113.7"


def test_the_form_says_to_call_111_or_113_without_javascript(world):
    page = Client().get(URL).content.decode()
    assert 'href="tel:111"' in page and 'href="tel:113"' in page
    assert "<script" not in page


def test_form_and_status_are_never_cached(world):
    for url in (URL, "/public/status/"):
        assert "no-store" in Client().get(url)["Cache-Control"]


def test_communes_are_grouped_by_province_when_there_are_several(world, report_post):
    assert "<optgroup" not in Client().get(URL).content.decode()
    other = unit_create(name="Tỉnh Khác", level=UnitLevel.PROVINCE, code="98")
    commune = unit_create(name="Xã Núi Xa", level=UnitLevel.COMMUNE, code="98001", parent=other)
    page = Client().get(URL).content.decode()
    assert '<optgroup label="Tỉnh Khác">' in page and '<optgroup label="Tỉnh Thử Nghiệm">' in page
    Client().post(URL, report_post(commune=commune.pk))
    assert Report.objects.get().commune == commune
