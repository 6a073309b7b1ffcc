"""The privacy page of a child, its forms, restriction of processing and subject access."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cpms.audit.models import AuditLog
from cpms.cases.tests.factories import make_case
from cpms.children.tests.factories import make_child
from cpms.intake.tests.factories import make_report
from cpms.privacy.models import ProcessingBasis, ProcessingRestriction
from cpms.privacy.tests.factories import add_parent, consent, purpose
from cpms.referrals.tests.factories import send


def test_the_page_lists_every_purpose_in_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    child = make_child(world)
    consent(world, child, add_parent(child))
    client = client_for("worker")
    with django_assert_max_num_queries(25):
        response = client.get(reverse("privacy:child", args=[child.uid]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Truyền thông, báo chí" in body and "Nguyễn Thị Hoa" in body
    assert AuditLog.objects.filter(subject_id=str(child.uid), event_type="read").exists()


def test_the_childs_page_shows_the_status_per_purpose(world, client_for):
    child = make_child(world)
    consent(world, child, add_parent(child))
    body = client_for("worker").get(reverse("children:detail", args=[child.uid])).content
    assert "Căn cứ xử lý dữ liệu cá nhân" in body.decode()
    body = client_for("collaborator").get(reverse("children:detail", args=[child.uid])).content
    assert "Căn cứ xử lý dữ liệu cá nhân" not in body.decode()


def test_a_worker_records_consent_through_the_form(world, client_for):
    child = make_child(world)
    mother = add_parent(child)
    today = timezone.localdate().strftime("%d/%m/%Y")
    form = {
        "purpose": purpose("referral").pk,
        "kind": "consent",
        "representative": mother.pk,
        "representative_consent_on": today,
        "representative_consent_method": "written",
        "child_consent_on": "",
    }
    url = reverse("privacy:basis-add", args=[child.uid])
    response = client_for("worker").post(url, form)
    assert response.status_code == 200  # the child is 7+: her own consent is missing
    assert "cần ghi nhận sự đồng ý của trẻ" in response.content.decode()
    response = client_for("worker").post(url, {**form, "child_consent_on": today})
    assert response.status_code == 302
    assert ProcessingBasis.objects.get(child=child).purpose.code == "referral"
    assert client_for("outsider").post(url, form).status_code == 404


def test_a_worker_withdraws_a_basis_with_a_reason(world, client_for):
    child = make_child(world)
    basis = consent(world, child, add_parent(child))
    url = reverse("privacy:basis-withdraw", args=[child.uid, basis.uid])
    client_for("worker").post(url, {"reason": ""})
    basis.refresh_from_db()
    assert basis.withdrawn_at is None
    client_for("worker").post(url, {"reason": "Người đại diện rút lại sự đồng ý"})
    basis.refresh_from_db()
    assert basis.withdrawn_reason == "Người đại diện rút lại sự đồng ý"
    other = make_child(world, full_name="Lê Văn Nam")
    wrong = reverse("privacy:basis-withdraw", args=[other.uid, basis.uid])
    assert client_for("worker").post(wrong, {"reason": "x"}).status_code == 404


def test_a_restricted_child_is_not_referred(world, client_for):
    case = make_case(world)
    earlier = send(world, case)
    url = reverse("privacy:restrict", args=[case.child.uid])
    assert client_for("worker").post(url, {"reason": "Mẹ phản đối"}).status_code == 403
    assert client_for("leader").post(url, {"reason": "Mẹ phản đối"}).status_code == 302
    with pytest.raises(ValidationError) as err:
        send(world, case)
    assert "đang bị hạn chế" in str(err.value)
    letter = reverse("referrals:letter", args=[earlier.uid, "docx"])
    response = client_for("worker").get(letter)
    assert response.status_code == 302  # back to the referral, with the reason
    assert not AuditLog.objects.filter(event_type="export", subject_id=str(earlier.uid)).exists()
    page = client_for("worker").get(reverse("privacy:child", args=[case.child.uid]))
    assert "Đang hạn chế xử lý dữ liệu" in page.content.decode()

    restriction = ProcessingRestriction.objects.get(child=case.child)
    lift = reverse("privacy:restriction-lift", args=[case.child.uid, restriction.uid])
    client_for("leader").post(lift, {"reason": "Đã có quyết định của cơ quan có thẩm quyền"})
    assert client_for("worker").get(letter).status_code == 200


def test_the_subject_access_export_holds_the_file_but_masks_the_reporter(world, client_for):
    case = make_case(world, reporter_name="Trần Thị Bình", description="Trẻ bị đánh")
    consent(world, case.child, add_parent(case.child))
    make_report(world, child=case.child, commune=world.commune_b, description="Ngoài phạm vi")
    url = reverse("privacy:subject-access", args=[case.child.uid])
    assert client_for("leader").post(url, {"reason": ""}).status_code == 200
    response = client_for("leader").post(url, {"reason": "Mẹ của trẻ yêu cầu ngày 01/12"})
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    reports = json.loads(archive.read("06-thong-tin-tiep-nhan.json"))
    assert reports[0]["họ và tên người báo tin"] == "***"
    assert [r["nội dung thông tin"] for r in reports] == ["Trẻ bị đánh"]  # not commune B's
    assert "Trần Thị Bình" not in b"".join(archive.read(n) for n in archive.namelist()).decode()
    assert json.loads(archive.read("08-truong-hop.json"))
    assert json.loads(archive.read("13-can-cu-xu-ly-du-lieu.json"))
    log = json.loads(archive.read("16-nhat-ky-truy-cap.json"))
    assert any(row["actor"] == world.personas["worker"].username for row in log)
    assert (
        AuditLog.objects.filter(
            subject_id=str(case.child.uid), event_type="export", extra_data__subject_access=True
        ).count()
        == 1
    )


def test_a_restricted_childs_case_forms_are_not_exported(world, client_for):
    from cpms.cases.tests.official_forms_helpers import walked_case
    from cpms.privacy.services import restriction_start

    case = walked_case(world)
    restriction_start(actor=world.personas["leader"], child=case.child, reason="Mẹ phản đối")
    response = client_for("worker").post(
        reverse("cases:form", kwargs={"uid": case.uid, "code": "07"}),
        {
            "number": "7",
            "symbol": "QĐ-UBND",
            "archive": "VT",
            "signature": "tm",
            "file_format": "pdf",
        },
    )
    assert response.status_code == 200 and "đang bị hạn chế" in response.content.decode()
    assert not AuditLog.objects.filter(event_type="export", subject_id=str(case.uid)).exists()
