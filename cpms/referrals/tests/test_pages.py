from __future__ import annotations

import datetime as dt
import io

import docx
from django.urls import reverse
from django.utils import timezone

from cpms.accounts.models import AgencyKind
from cpms.accounts.services import agency_create
from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.choices import CaseState
from cpms.cases.tests.factories import make_case
from cpms.cases.tests.walk import walk_to
from cpms.referrals.choices import ReferralKind, ReferralState, SharingBasis
from cpms.referrals.models import Referral

from .factories import send

REPORT_TEXT = "Hàng xóm nghe tiếng trẻ kêu khóc"
NEEDS_TEXT = "Hỗ trợ tâm lý, chăm sóc y tế"


def _form(agency, **overrides):
    return {
        "agency": agency.pk,
        "kind": ReferralKind.INVESTIGATION,
        "service": "Xác minh hành vi xâm hại",
        "due_on": (timezone.localdate() + dt.timedelta(days=5)).strftime("%d/%m/%Y"),
        "sharing_basis": SharingBasis.STATE_DUTY,
        "sharing_note": "",
        "idempotency_key": "0b6f1f5e-8a43-4d6b-9f3e-2f1a1a1a1a1a",
        **overrides,
    }


def test_the_worker_sends_from_the_case_and_a_double_post_sends_once(world, client_for):
    case = make_case(world)
    worker = client_for("worker")
    url = reverse("referrals:send", args=[case.uid])
    assert worker.get(url).status_code == 200
    first = worker.post(url, _form(world.police_a))
    second = worker.post(url, _form(world.police_a))
    referral = Referral.objects.get(case=case)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("referrals:detail", args=[referral.uid])
    page = worker.get(reverse("cases:detail", args=[case.uid])).content.decode()
    assert reverse("referrals:detail", args=[referral.uid]) in page


def test_sending_without_a_basis_for_sharing_is_refused_in_vietnamese(world, client_for):
    case = make_case(world)
    response = client_for("worker").post(
        reverse("referrals:send", args=[case.uid]), _form(world.police_a, sharing_basis="")
    )
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode() or "bắt buộc" in (
        response.content.decode()
    )
    assert not Referral.objects.filter(case=case).exists()


def test_the_police_take_accept_and_see_only_the_police_groups(world, client_for):
    case = walk_to(world, CaseState.NEEDS_ASSESSED)
    referral = send(world, case)
    police = client_for("police")
    inbox = police.get(reverse("referrals:inbox") + "?box=unassigned").content.decode()
    assert reverse("referrals:detail", args=[referral.uid]) in inbox
    response = police.post(
        reverse("referrals:assign", args=[referral.uid]), {"version": 1, "take": "1"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.assigned_to == world.personas["police"]
    mine = police.get(reverse("referrals:inbox") + "?box=mine").content.decode()
    assert reverse("referrals:detail", args=[referral.uid]) in mine
    police.post(reverse("referrals:step", args=[referral.uid, "accept"]), {"version": 2})
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED
    page = police.get(reverse("cases:detail", args=[case.uid]))
    body = page.content.decode()
    assert page.templates[0].name == "cases/case_shared.html"
    assert REPORT_TEXT in body  # abuse details: the report travels with the referral
    assert NEEDS_TEXT not in body  # support needs are not the police's
    assert reverse("cases:justice-add", args=[case.uid]) in body
    assert AuditLog.objects.filter(
        event_type=AuditEvent.READ, subject_id=str(case.uid), actor=world.personas["police"]
    ).exists()


def test_a_school_sees_support_needs_but_not_the_abuse_details(world, client_for):
    case = walk_to(world, CaseState.NEEDS_ASSESSED)
    referral = send(world, case, world.school_a, kind=ReferralKind.EDUCATION)
    school = client_for("school")
    for url in (
        reverse("referrals:detail", args=[referral.uid]),
        reverse("cases:detail", args=[case.uid]),
    ):
        body = school.get(url).content.decode()
        assert NEEDS_TEXT in body
        assert REPORT_TEXT not in body
        assert reverse("cases:perpetrators", args=[case.uid]) not in body
    assert school.get(reverse("cases:perpetrators", args=[case.uid])).status_code == 403
    assert school.get(reverse("cases:justice-add", args=[case.uid])).status_code == 403


def test_a_school_never_referred_gets_404_on_the_case_and_referral(world, client_for):
    case = make_case(world)
    referral = send(world, case)
    school = client_for("school")
    assert school.get(reverse("cases:detail", args=[case.uid])).status_code == 404
    assert school.get(reverse("referrals:detail", args=[referral.uid])).status_code == 404
    assert (
        school.post(reverse("referrals:step", args=[referral.uid, "accept"]), {"version": 1})
    ).status_code == 404


def test_the_police_lose_the_case_when_the_referral_is_declined(world, client_for):
    case = make_case(world)
    referral = send(world, case)
    police = client_for("police")
    missing = police.post(reverse("referrals:step", args=[referral.uid, "decline"]), {"version": 1})
    assert missing.status_code == 200 and "Hãy ghi lý do" in missing.content.decode()
    police.post(
        reverse("referrals:step", args=[referral.uid, "decline"]),
        {"version": 1, "reason": "Không thuộc địa bàn"},
    )
    referral.refresh_from_db()
    assert referral.state == ReferralState.DECLINED
    assert police.get(reverse("cases:detail", args=[case.uid])).status_code == 404
    detail = police.get(reverse("referrals:detail", args=[referral.uid])).content.decode()
    assert REPORT_TEXT not in detail


def test_a_stale_step_answers_409(world, client_for):
    referral = send(world, make_case(world))
    police = client_for("police")
    police.post(reverse("referrals:step", args=[referral.uid, "accept"]), {"version": 1})
    response = police.post(reverse("referrals:step", args=[referral.uid, "start"]), {"version": 1})
    assert response.status_code == 409


def test_for_an_agency_without_users_the_worker_records_the_answer(world, client_for):
    ngo = agency_create(
        actor=None, name="Trung tâm Hy Vọng", kind=AgencyKind.NGO, admin_unit=world.province
    )
    referral = send(world, make_case(world), ngo, kind=ReferralKind.PSYCHOLOGICAL)
    worker = client_for("worker")
    url = reverse("referrals:step", args=[referral.uid, "accept"])
    refused = worker.post(url, {"version": 1})
    assert "Hãy ghi văn bản" in refused.content.decode()
    worker.post(url, {"version": 1, "reply_reference": "Công văn 15/HV ngày 02/12/2026"})
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED
    assert referral.reply_reference == "Công văn 15/HV ngày 02/12/2026"
    # ... but not for the police, who answer in the app themselves
    police_referral = send(world, make_case(world))
    response = worker.post(
        reverse("referrals:step", args=[police_referral.uid, "accept"]),
        {"version": 1, "reply_reference": "x"},
    )
    assert response.status_code == 403


def test_the_letter_is_a_docx_with_only_the_shared_groups(world, client_for):
    case = make_case(world)
    referral = send(world, case, world.school_a, kind=ReferralKind.EDUCATION)
    response = client_for("worker").get(reverse("referrals:letter", args=[referral.uid, "docx"]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert world.school_a.name in text
    assert case.child.full_name in text
    assert "Loại xâm hại" not in text  # abuse details are not a school's
    # The letter went to the school: the police do not reach this referral.
    police_get = client_for("police").get(reverse("referrals:letter", args=[referral.uid, "docx"]))
    assert police_get.status_code == 404
    pdf = client_for("worker").get(reverse("referrals:letter", args=[referral.uid, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


def test_the_inbox_has_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    for _ in range(3):
        send(world, make_case(world))
    police = client_for("police")
    police.get(reverse("referrals:inbox"))
    with django_assert_max_num_queries(12):
        response = police.get(reverse("referrals:inbox"))
    assert response.content.decode().count("/referrals/") >= 3
    for _ in range(5):
        send(world, make_case(world))
    with django_assert_max_num_queries(12):
        police.get(reverse("referrals:inbox"))
