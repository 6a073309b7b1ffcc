from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from cpms.audit.models import AuditLog
from cpms.children.tests.factories import make_child
from cpms.intake.choices import Channel
from cpms.intake.models import ConcernType, Report
from cpms.intake.services import StaleEditError, report_child_link
from cpms.intake.tests.factories import make_report


def form_data(world, **extra):
    data = {
        "channel": Channel.PROVINCIAL_HOTLINE,
        "received_at": f"{timezone.localtime() - dt.timedelta(hours=1):%d/%m/%Y %H:%M}",
        "commune": world.commune_a.pk,
        "concern_types": [ConcernType.objects.get(code="molestation").pk],
        "setting": "family",
        "description": "Trẻ bị  người que\u0301n sàm sỡ.\nĐã báo công an.",
        "immediate_danger": "on",
        "reporter_name": "Lê Văn Nam",
        "reporter_phone": "0912345678",
        "reporter_relation": "neighbour",
        "idempotency_key": str(uuid.uuid4()),
        "child-full_name": "Phạm Thị Hoa",
        "child-age_estimate": "9",
        "child-sex": "female",
    }
    data.update(extra)
    return data


def test_it_seeds_the_concern_types_of_the_law(db):
    sexual = ConcernType.objects.get(code="sexual_abuse")
    assert set(sexual.children.values_list("code", flat=True)) == {
        "rape",
        "forced_sex",
        "intercourse",
        "molestation",
        "prostitution_pornography",
    }
    assert not ConcernType.objects.get(code="at_risk").is_abuse
    assert ConcernType.objects.filter(parent=None).count() == 8


def test_it_creates_one_report_for_a_double_submission(world, client_for):
    client = client_for("hotline")
    data = form_data(world)
    first = client.post(reverse("intake:create"), data)
    second = client.post(reverse("intake:create"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    report = Report.objects.get()
    assert report.created_by == world.personas["hotline"]
    assert report.children.get().age_estimate == 9
    assert report.description == "Trẻ bị người quén sàm sỡ.\nĐã báo công an."


def test_it_refuses_a_second_row_with_the_same_key_in_the_database(world):
    key = uuid.uuid4()
    make_report(world, key=key)
    assert make_report(world, key=key).pk == Report.objects.get().pk
    with pytest.raises(IntegrityError):
        Report.objects.filter(pk=Report.objects.get().pk).update(reporter_anonymous=True)


def test_it_keeps_no_identity_for_an_anonymous_reporter(world):
    report = make_report(world, reporter_anonymous=True)
    assert (report.reporter_name, report.reporter_phone) == ("", "")


def test_it_refuses_a_report_without_a_child_or_in_the_future(world):
    with pytest.raises(ValidationError):
        make_report(world, children=[])
    with pytest.raises(ValidationError):
        make_report(world, received_at=timezone.now() + dt.timedelta(hours=2))


def test_it_shows_the_reporter_masked_and_reveals_with_an_audit_row(world, client_for):
    report = make_report(world)
    page = client_for("worker").get(reverse("intake:detail", args=[report.uid])).content.decode()
    assert "0905123456" not in page and "Trần Thị Bình" not in page
    assert "T*** T*** B***" in page and "******456" in page
    url = reverse("intake:reporter", args=[report.uid])
    revealed = client_for("worker").post(url).content.decode()
    assert "0905123456" in revealed and "Trần Thị Bình" in revealed
    reveals = AuditLog.objects.filter(
        subject_id=str(report.uid), extra_data__reveal="reporter_identity"
    )
    assert reveals.count() == 1
    assert client_for("officer").post(url).status_code == 403
    assert client_for("outsider").post(url).status_code == 404
    assert reveals.count() == 1


def test_hotline_sees_only_the_reports_it_logged(world, client_for):
    own = make_report(world)
    other = make_report(world, actor=world.personas["worker"], description="Báo cáo của xã")
    client = client_for("hotline")
    inbox = client.get(reverse("intake:list"), {"status": "all"}).content.decode()
    assert str(own.uid) in inbox and str(other.uid) not in inbox
    assert client.get(reverse("intake:detail", args=[other.uid])).status_code == 404
    assert client.get(reverse("intake:detail", args=[own.uid])).status_code == 200


def test_a_worker_of_another_commune_gets_404_and_an_empty_inbox(world, client_for):
    report = make_report(world)
    client = client_for("outsider")
    assert client.get(reverse("intake:detail", args=[report.uid])).status_code == 404
    assert str(report.uid) not in client.get(reverse("intake:list")).content.decode()


def test_a_collaborator_sees_the_status_of_what_they_sent(world, client_for):
    client = client_for("collaborator")
    response = client.post(reverse("intake:create"), form_data(world, channel="collaborator"))
    assert response["Location"] == reverse("intake:sent")
    assert "Mới, chưa phân loại" in client.get(reverse("intake:sent")).content.decode()


def test_the_inbox_runs_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    for _ in range(3):
        make_report(world)
    client = client_for("worker")
    client.get(reverse("intake:list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("intake:list"))
    for _ in range(10):
        make_report(world)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("intake:list")).status_code == 200


def test_it_links_a_reported_child_and_refuses_a_stale_version(world, client_for):
    report = make_report(world)
    row = report.children.get()
    child = make_child(world)
    url = reverse("intake:child-match", args=[report.uid, row.uid])
    page = client_for("worker").get(url).content.decode()
    assert str(child.uid) in page  # the duplicate panel offers the registry record
    response = client_for("worker").post(
        url, {"action": "link", "child": str(child.uid), "version": report.version}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.child == child
    with pytest.raises(StaleEditError):
        report_child_link(
            actor=world.personas["worker"],
            report_child=row,
            child=child,
            expected_version=report.version,
        )


def test_it_registers_a_new_child_from_the_match_page(world, client_for):
    report = make_report(world)
    row = report.children.get()
    url = reverse("intake:child-match", args=[report.uid, row.uid])
    data = {
        "action": "register",
        "version": report.version,
        "reg-full_name": "Nguyễn Thị Lan",
        "reg-birth_date": "14/03/2015",
        "reg-birth_precision": "exact",
        "reg-sex": "female",
        "reg-commune": world.commune_a.pk,
        "reg-living_situation": "both_parents",
        "reg-parents_marital": "unknown",
    }
    assert client_for("worker").post(url, data).status_code == 302
    row.refresh_from_db()
    assert row.child is not None and row.child.full_name == "Nguyễn Thị Lan"


def test_the_match_page_answers_409_to_a_stale_version(world, client_for):
    report = make_report(world)
    row = report.children.get()
    child = make_child(world)
    url = reverse("intake:child-match", args=[report.uid, row.uid])
    stale = report.version - 1
    response = client_for("worker").post(
        url, {"action": "link", "child": str(child.uid), "version": stale}
    )
    assert response.status_code == 409
    assert "vừa được người khác cập nhật" in response.content.decode()
    row.refresh_from_db()
    assert row.child is None
