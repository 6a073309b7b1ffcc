"""Forwarding a call to a commune's inbox in one step."""

from __future__ import annotations

from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.hotline.choices import CallType
from cpms.hotline.tests.factories import make_call
from cpms.intake.choices import Channel, ReporterRelation
from cpms.intake.models import Report


def forward(client, call, world, **overrides):
    data = {
        "commune": world.commune_a.pk,
        "description": "Hàng xóm nghe tiếng trẻ kêu khóc.",
        "setting": "family",
        "version": call.version,
    }
    data.update(overrides)
    return client.post(reverse("hotline:forward", args=[call.uid]), data)


def test_it_forwards_a_call_as_a_report_to_the_communes_inbox(world, client_for):
    call = make_call(world)
    response = forward(client_for("hotline"), call, world)
    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:detail", args=[call.uid])
    call.refresh_from_db()
    report = Report.objects.get()
    assert call.report == report
    assert call.forwarded_at is not None
    assert report.commune == world.commune_a
    assert report.channel == Channel.PROVINCIAL_HOTLINE
    assert report.received_at == call.received_at
    assert report.reporter_name == "Trần Thị Bình"
    assert report.reporter_relation == ReporterRelation.NEIGHBOUR
    assert [c.full_name for c in report.children.all()] == ["Nguyễn Thị Lan"]
    assert AuditLog.objects.filter(
        event_type=AuditEvent.UPDATE, subject_id=call.uid, extra_data__forwarded_to=str(report.uid)
    ).exists()
    inbox = client_for("worker").get(reverse("intake:list"))
    assert [r.pk for r in inbox.context["page"]] == [report.pk]
    assert (
        client_for("outsider").get(reverse("intake:list")).context["page"].object_list.count() == 0
    )


def test_a_double_click_forwards_once(world, client_for):
    call = make_call(world)
    client = client_for("hotline")
    first = forward(client, call, world)
    second = forward(client, call, world)
    assert first.status_code == second.status_code == 302
    assert Report.objects.count() == 1
    page = client.get(reverse("hotline:forward", args=[call.uid]))
    assert page.status_code == 302


def test_it_refuses_a_stale_form(world, client_for):
    call = make_call(world)
    response = forward(client_for("hotline"), call, world, version=call.version + 1)
    assert response.status_code == 409
    assert Report.objects.count() == 0


def test_it_does_not_forward_a_call_that_is_not_a_report(world, client_for):
    call = make_call(world, call_type=CallType.COUNSELLING, children=[])
    response = forward(client_for("hotline"), call, world)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Report.objects.count() == 0
    detail = client_for("hotline").get(reverse("hotline:detail", args=[call.uid]))
    assert detail.context["can_forward"] is False


def test_an_update_call_names_the_known_case_in_the_report(world, client_for):
    call = make_call(world, call_type=CallType.CASE_UPDATE, case_ref="TH-2026-0042")
    assert forward(client_for("hotline"), call, world).status_code == 302
    assert Report.objects.get().description.startswith("Cập nhật về trường hợp TH-2026-0042")


def test_it_forwards_only_to_a_commune_the_operator_reaches(world, client_for):
    call = make_call(world)
    response = forward(client_for("hotline"), call, world, commune=world.old_commune.pk)
    assert response.status_code == 200
    assert response.context["form"].errors["commune"]
    assert Report.objects.count() == 0


def test_the_forwarded_report_is_in_the_operators_own_reports(world, client_for):
    call = make_call(world)
    forward(client_for("hotline"), call, world)
    report = Report.objects.get()
    client = client_for("hotline")
    assert client.get(reverse("intake:detail", args=[report.uid])).status_code == 200


def test_an_anonymous_callers_report_stays_anonymous(world, client_for):
    call = make_call(world, caller_anonymous=True)
    assert forward(client_for("hotline"), call, world).status_code == 302
    report = Report.objects.get()
    assert report.reporter_anonymous is True
    assert (report.reporter_name, report.reporter_phone) == ("", "")
