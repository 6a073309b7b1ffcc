"""The pages: lists with due dates, create, edit with the version check, the confirmed steps,
what each level sees of the figures, the files with progress, and a fixed query count."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cpms.reports.models import PeriodicReport, ReportExport
from cpms.reports.tasks import generate_export

from .factories import advance, make_report

pytestmark = pytest.mark.usefixtures("fake_tables")


def test_it_creates_a_six_month_report_for_the_chosen_half(world, client_for):
    response = client_for("worker").post(
        reverse("reports:create"),
        {"unit": world.commune_a.pk, "kind": "six_monthly", "year": 2026, "half": 2},
    )
    report = PeriodicReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[report.uid])
    assert (report.period_start, report.period_end) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert report.due_on == dt.date(2027, 1, 15)


def test_it_dates_the_month_of_action_report_20_july(world, client_for):
    client_for("worker").post(
        reverse("reports:create"),
        {"unit": world.commune_a.pk, "kind": "month_of_action", "year": 2026},
    )
    report = PeriodicReport.objects.get()
    assert (report.period_start, report.period_end) == (dt.date(2026, 6, 1), dt.date(2026, 6, 30))
    assert report.due_on == dt.date(2026, 7, 20)


def test_it_takes_the_due_date_rules_from_settings(world, client_for, settings):
    settings.CPMS_REPORT_DUE_RULES = {"month_of_action": {"month": 7, "day": 15}}
    client_for("worker").post(
        reverse("reports:create"),
        {"unit": world.commune_a.pk, "kind": "month_of_action", "year": 2026},
    )
    assert PeriodicReport.objects.get().due_on == dt.date(2026, 7, 15)


def test_it_explains_a_duplicate_or_a_unit_out_of_reach(world, client_for):
    make_report(world)
    data = {"unit": world.commune_a.pk, "kind": "six_monthly", "year": 2026, "half": 1}
    response = client_for("leader").post(reverse("reports:create"), data)
    assert "Đơn vị đã có báo cáo loại này cho kỳ này" in response.content.decode()
    response = client_for("outsider").post(reverse("reports:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert PeriodicReport.objects.count() == 1


def test_it_edits_the_narrative_and_refuses_a_stale_version(world, client_for):
    report = make_report(world)
    url = reverse("reports:edit", args=[report.uid])
    form = {
        "version": report.version,
        "results": "Đã tổ chức 3 lớp tập huấn.",
        "doc_symbol": "BC-UBND",
        "signer_position": "CHỦ TỊCH",
    }
    first = client_for("worker").post(url, form)
    assert first.status_code == 302, first.context["form"].errors
    response = client_for("leader").post(url, {**form, "results": "Ghi đè"})
    assert response.status_code == 409
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert PeriodicReport.objects.get(pk=report.pk).results == "Đã tổ chức 3 lớp tập huấn."


def test_it_confirms_before_submitting(world, client_for):
    report = make_report(world)
    url = reverse("reports:transition", args=[report.uid, "submit"])
    page = client_for("worker").get(url)
    assert "Số liệu sẽ được chốt" in page.content.decode()
    assert PeriodicReport.objects.get(pk=report.pk).status == "draft"
    response = client_for("worker").post(url, {"version": report.version})
    assert response.status_code == 302
    assert PeriodicReport.objects.get(pk=report.pk).status == "submitted"
    again = client_for("worker").post(url, {"version": report.version})  # a second click
    assert again.status_code == 409
    assert "vừa được người khác cập nhật" in again.content.decode()


def test_it_needs_a_reason_to_return(world, client_for):
    report = advance(world, make_report(world), ("worker", "submit"))
    url = reverse("reports:transition", args=[report.uid, "return"])
    response = client_for("officer").post(url, {"version": report.version, "reason": ""})
    assert "Hãy ghi lý do trả lại." in response.content.decode()
    client_for("officer").post(url, {"version": report.version, "reason": "Thiếu phần III"})
    assert PeriodicReport.objects.get(pk=report.pk).return_reason == "Thiếu phần III"
    page = client_for("worker").get(reverse("reports:detail", args=[report.uid]))
    assert "Thiếu phần III" in page.content.decode()


def test_it_answers_404_to_an_unknown_step(world, client_for):
    report = make_report(world)
    url = reverse("reports:transition", args=[report.uid, "delete"])
    assert client_for("worker").get(url).status_code == 404


def test_it_shows_the_commune_its_own_figures_and_the_province_protected_ones(
    world, client_for, fake_tables
):
    fake_tables[world.commune_a.pk] = ((2, 7), (6, 8))
    report = advance(world, make_report(world), ("worker", "submit"))
    url = reverse("reports:detail", args=[report.uid])
    own = client_for("worker").get(url).context["tables"][0]
    upper = client_for("statistician").get(url).context["tables"][0]
    assert own["body"][0]["values"] == [2, 7, 9]
    assert upper["body"][0]["values"] == [None, 7, 9]
    assert "children" not in client_for("statistician").get(url).content.decode()


def test_it_lists_my_reports_with_overdue_and_the_reports_sent_to_me(world, client_for):
    report = make_report(world)
    with time_machine.travel(dt.datetime(2026, 7, 20, 9, tzinfo=dt.UTC)):
        page = client_for("worker").get(reverse("reports:list"))
    assert report in page.context["own"]
    assert report.pk in page.context["overdue"]
    officer = client_for("officer").get(reverse("reports:list"))
    assert report not in officer.context["received"]  # a draft stays with the commune
    advance(world, report, ("worker", "submit"))
    officer = client_for("officer").get(reverse("reports:list"))
    assert [r.pk for r in officer.context["received"]] == [report.pk]


def test_it_lists_with_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    for unit in (world.commune_a,):
        advance(world, make_report(world, unit=unit), ("worker", "submit"))
    advance(world, make_report(world, kind="yearly"), ("worker", "submit"))
    client = client_for("officer")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reports:list")).status_code == 200


def test_it_generates_a_file_in_the_background_with_progress(world, client_for):
    report = make_report(world)
    client = client_for("worker")
    response = client.post(reverse("reports:export", args=[report.uid]), {"format": "xlsx"})
    export = ReportExport.objects.get()
    assert response["Location"] == reverse("reports:export-detail", args=[export.uid])
    page = client.get(response["Location"])
    assert 'hx-trigger="every 2s"' in page.content.decode()
    download = reverse("reports:export-download", args=[export.uid])
    assert client.get(download).status_code == 404  # not written yet
    generate_export(export_id=export.pk)
    page = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert download in page.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client_for("leader").get(download).status_code == 404  # only for its requester


def test_it_refuses_an_unknown_format(world, client_for):
    report = make_report(world)
    client_for("worker").post(reverse("reports:export", args=[report.uid]), {"format": "exe"})
    assert not ReportExport.objects.exists()


def test_it_shows_a_report_with_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    report = advance(world, make_report(world), ("worker", "submit"))
    url = reverse("reports:detail", args=[report.uid])
    client = client_for("officer")
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert [a.value for a in page.context["actions"]] == ["review", "return"]


def test_it_creates_an_ad_hoc_report_for_the_given_dates_only(world, client_for):
    url = reverse("reports:create")
    data = {"unit": world.commune_a.pk, "kind": "ad_hoc", "year": 2026}
    response = client_for("worker").post(url, data)
    assert "cần ngày bắt đầu và kết thúc" in response.content.decode()
    client_for("worker").post(
        url, {**data, "start": "2026-02-01", "end": "2026-02-28", "due_on": "2026-03-05"}
    )
    report = PeriodicReport.objects.get()
    assert (report.period_start, report.period_end, report.due_on) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 5),
    )


def test_it_keeps_a_draft_from_the_level_above_until_it_is_submitted(world, client_for):
    report = make_report(world)
    url = reverse("reports:detail", args=[report.uid])
    assert client_for("officer").get(url).status_code == 404
    assert client_for("statistician").get(url).status_code == 404
    advance(world, report, ("worker", "submit"), ("officer", "return"))
    assert client_for("officer").get(url).status_code == 200  # returned: still followed
