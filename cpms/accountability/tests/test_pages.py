from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from cpms.accountability.choices import EntryStatus
from cpms.accountability.models import AccountabilityEntry, LegalReference
from cpms.accountability.tests.factories import make_entry
from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.tests.factories import make_case

TODAY = f"{timezone.localdate():%d/%m/%Y}"


def test_a_worker_records_an_entry_from_the_case_link(world, client_for):
    case = make_case(world)
    url = f"{reverse('accountability:create')}?case={case.uid}"
    client = client_for("worker")
    page = client.get(url)
    assert page.status_code == 200 and case.child.full_name in page.content.decode()
    reference = LegalReference.objects.get(code="decree_130_2021_art28")
    response = client.post(
        url,
        {
            "kind": "concealment",
            "description": "Chủ nhà trọ che giấu việc trẻ bị đánh",
            "person_name": "Lê Văn Cường",
            "person_role": "Chủ nhà trọ",
            "occurred_on": TODAY,
            "legal_references": [reference.pk],
        },
    )
    entry = AccountabilityEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("accountability:detail", args=[entry.uid])
    assert (entry.case, entry.status, entry.person_name) == (
        case,
        EntryStatus.PROPOSED,
        "Lê Văn Cường",
    )
    assert list(entry.legal_references.all()) == [reference]


def test_the_record_page_shows_errors_in_vietnamese(world, client_for):
    case = make_case(world)
    url = f"{reverse('accountability:create')}?case={case.uid}"
    response = client_for("worker").post(url, {"kind": "concealment", "description": ""})
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not AccountabilityEntry.objects.exists()


def test_without_a_case_or_report_the_record_page_explains_where_to_start(world, client_for):
    response = client_for("worker").get(reverse("accountability:create"))
    assert response.status_code == 200 and b'data-testid="entry-start"' in response.content
    assert client_for("worker").get(reverse("accountability:create") + "?case=x").status_code == 404


def test_the_detail_is_audited_as_a_read(world, client_for):
    entry = make_entry(world)
    response = client_for("officer").get(reverse("accountability:detail", args=[entry.uid]))
    assert response.status_code == 200
    assert "Trần Văn Bình" in response.content.decode()
    assert AuditLog.objects.filter(
        event_type=AuditEvent.READ, subject_id=str(entry.uid), actor=world.personas["officer"]
    ).exists()


def test_the_leader_confirms_through_the_page_and_a_repeat_answers_409(world, client_for):
    entry = make_entry(world)
    url = reverse("accountability:confirm", args=[entry.uid])
    leader = client_for("leader")
    assert leader.get(url).status_code == 200
    data = {"version": 1, "action": "reminder", "action_on": TODAY, "action_note": "Nhắc"}
    assert leader.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.action) == (EntryStatus.CONFIRMED, "reminder")
    assert leader.post(url, data).status_code == 409
    assert leader.get(url).status_code == 409
    assert leader.put(url).status_code == 405


def test_a_stale_form_answers_409(world, client_for):
    entry = make_entry(world)
    AccountabilityEntry.objects.filter(pk=entry.pk).update(version=2)  # someone else saved
    response = client_for("officer").post(
        reverse("accountability:dismiss", args=[entry.uid]),
        {"version": 1, "reason": "Không có căn cứ"},
    )
    assert response.status_code == 409
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PROPOSED


def test_a_dismissal_without_a_reason_is_not_saved(world, client_for):
    entry = make_entry(world)
    url = reverse("accountability:dismiss", args=[entry.uid])
    client = client_for("leader")
    response = client.post(url, {"version": 1, "reason": "  "})
    assert response.status_code == 200 and "Trường này là bắt buộc." in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PROPOSED
    assert client.post(url, {"version": 1, "reason": "Đã báo tin đúng hạn"}).status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DISMISSED


def test_a_worker_of_another_commune_neither_reaches_nor_lists_the_entry(world, client_for):
    entry = make_entry(world)
    outsider = client_for("outsider")
    assert outsider.get(reverse("accountability:detail", args=[entry.uid])).status_code == 404
    assert outsider.get(reverse("accountability:confirm", args=[entry.uid])).status_code == 404
    listing = outsider.get(reverse("accountability:list"))
    assert listing.status_code == 200 and str(entry.uid) not in listing.content.decode()
    assert AuditLog.objects.filter(
        event_type=AuditEvent.OUT_OF_SCOPE, subject_id=str(entry.uid)
    ).exists()


def test_the_list_puts_proposals_first_and_filters(world, client_for):
    decided = make_entry(world, kind="obstruction")
    AccountabilityEntry.objects.filter(pk=decided.pk).update(
        status=EntryStatus.DISMISSED, dismiss_reason="x", dismissed_at=timezone.now()
    )
    waiting = make_entry(world)
    client = client_for("worker")
    page = client.get(reverse("accountability:list")).content.decode()
    assert page.index(str(waiting.uid)) < page.index(str(decided.uid))
    only = client.get(reverse("accountability:list"), {"kind": "obstruction"}).content.decode()
    assert str(decided.uid) in only and str(waiting.uid) not in only
    proposed = client.get(reverse("accountability:list"), {"status": "proposed"}).content.decode()
    assert str(waiting.uid) in proposed and str(decided.uid) not in proposed


def test_the_list_takes_the_same_number_of_queries_for_more_entries(
    world, client_for, django_assert_max_num_queries
):
    client = client_for("officer")
    make_entry(world)
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("accountability:list")).status_code == 200
    for _n in range(4):
        make_entry(world)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("accountability:list")).status_code == 200


def test_the_legal_references_are_seeded_and_editable_in_the_admin(world, client_for):
    reference = LegalReference.objects.get(code="penal_code_art390")
    assert reference.verified is False and "UNVERIFIED" in reference.note
    admin = client_for("sysadmin")
    url = reverse("admin:accountability_legalreference_change", args=[reference.pk])
    assert admin.get(reverse("admin:accountability_legalreference_changelist")).status_code == 200
    page = admin.get(url)
    assert page.status_code == 200 and "failure_to_report" in page.content.decode()
    response = admin.post(
        url,
        {
            "title": reference.title,
            "summary": reference.summary,
            "note": "Đã đối chiếu",
            "verified": "on",
            "applies_to_kinds": "failure_to_report,concealment",
            "order": 6,
            "active": "on",
        },
    )
    assert response.status_code == 302
    reference.refresh_from_db()
    assert reference.verified and reference.applies_to_kinds == ["failure_to_report", "concealment"]
    delete = reverse("admin:accountability_legalreference_delete", args=[reference.pk])
    assert admin.get(delete).status_code == 403
