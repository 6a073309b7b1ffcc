from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from cpms.audit.models import AuditEvent, AuditLog
from cpms.care.choices import PlacementStatus, ProviderKind
from cpms.care.models import CareProvider, Placement, ProviderVerification
from cpms.care.tests.factories import make_placement, make_provider, reference_data
from cpms.children.tests.factories import make_child


def _day(value: dt.date) -> str:
    return f"{value:%d/%m/%Y}"


def test_a_worker_registers_and_verifies_a_caregiver(world, client_for):
    reference_data()
    client = client_for("worker")
    response = client.post(
        reverse("care:provider-register"),
        {
            "kind": ProviderKind.FAMILY,
            "name": "Gia đình bà  Trần Thị Mơ",
            "commune": world.commune_a.pk,
            "village": world.village_a2.pk,
            "capacity": 2,
            "registered_on": _day(timezone.localdate()),
        },
    )
    provider = CareProvider.objects.get()
    assert response.status_code == 302 and provider.name == "Gia đình bà Trần Thị Mơ"
    url = reverse("care:provider-verify", args=[provider.uid])
    page = client.get(url).content.decode()
    assert "Có tư cách đạo đức tốt" in page
    data = {"version": provider.version, "verified_on": _day(timezone.localdate())}
    data.update({f"item_{code}": "1" for code in _codes(provider)})
    data["item_good_character"] = "0"
    assert client.post(url, data).status_code == 302
    assert ProviderVerification.objects.get(provider=provider).eligible is False
    stale = client.post(url, data)  # the version moved on
    assert stale.status_code == 409 and ProviderVerification.objects.count() == 1


def _codes(provider):
    from cpms.care.services.providers import checklist_items

    return [i.code for i in checklist_items(provider)]


def test_the_placement_form_refuses_an_ineligible_caregiver_in_vietnamese(world, client_for):
    provider = make_provider(world, fails=("living_conditions",))
    child = make_child(world)
    response = client_for("worker").post(
        reverse("care:placement-create", args=[child.uid]),
        {
            "kind": "foster",
            "provider": provider.pk,
            "reason": "Trẻ bị bỏ rơi",
            "planned_start_on": _day(timezone.localdate()),
            "guardian_consent": "on",
        },
    )
    assert response.status_code == 200
    assert "Không đáp ứng điều kiện: Có điều kiện về chỗ ở" in response.content.decode()
    assert not Placement.objects.exists()


def test_propose_decide_review_and_end_through_the_pages(world, client_for):
    provider = make_provider(world)
    child = make_child(world, birth_date=dt.date(2021, 1, 1))  # under 7: opinion optional
    today = _day(timezone.localdate())
    worker, leader = client_for("worker"), client_for("leader")
    worker.post(
        reverse("care:placement-create", args=[child.uid]),
        {
            "kind": "foster",
            "provider": provider.pk,
            "reason": "Trẻ bị bỏ rơi",
            "planned_start_on": today,
            "consent_exception": "Trẻ bị bỏ rơi, không xác định được cha mẹ",
        },
    )
    placement = Placement.objects.get()
    decide = reverse("care:placement-decide", args=[placement.uid])
    assert worker.post(decide, {}).status_code == 403
    data = {
        "version": placement.version,
        "decision_number": "15/QĐ-UBND",
        "decision_date": today,
        "decision_issuer": "Chủ tịch UBND phường An Hòa",
        "start_on": today,
    }
    assert leader.post(decide, data).status_code == 302
    review = reverse("care:placement-review", args=[placement.uid])
    placement.refresh_from_db()
    response = worker.post(
        review,
        {
            "version": placement.version,
            "reviewed_on": today,
            "reviewer": "Nguyễn Thị Lan",
            "findings": "Trẻ khỏe mạnh",
            "outcome": "continue",
        },
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    end = reverse("care:placement-end", args=[placement.uid])
    ending = {"version": placement.version, "ended_on": today, "reason": "return_home"}
    assert leader.post(end, {**ending, "decision_number": "30/QĐ-UBND"}).status_code == 302
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ENDED
    assert leader.get(end).status_code == 409


def test_a_worker_of_commune_b_never_reaches_commune_a_placements(world, client_for):
    placement = make_placement(world)
    client = client_for("outsider")
    assert client.get(reverse("care:placement-detail", args=[placement.uid])).status_code == 404
    assert AuditLog.objects.filter(
        event_type=AuditEvent.OUT_OF_SCOPE, subject_id=str(placement.uid)
    ).exists()
    assert (
        placement.child.full_name not in client.get(reverse("care:placement-list")).content.decode()
    )
    provider_page = client.get(reverse("care:provider-list")).content.decode()
    assert placement.provider.name not in provider_page
    assert (
        client.get(reverse("care:provider-detail", args=[placement.provider.uid])).status_code
        == 404
    )


def test_a_facility_is_listed_province_wide_but_its_children_are_not(world, client_for):
    facility = make_provider(world, kind="facility", name="Trung tâm Công tác xã hội tỉnh")
    placement = make_placement(world, provider=facility, kind="facility")
    client = client_for("outsider")
    assert facility.name in client.get(reverse("care:provider-list")).content.decode()
    page = client.get(reverse("care:provider-detail", args=[facility.uid]))
    assert page.status_code == 200 and placement.child.full_name not in page.content.decode()
    assert client.get(reverse("care:provider-verify", args=[facility.uid])).status_code == 403


def test_the_list_pages_run_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    client = client_for("worker")
    make_placement(world)
    urls = [reverse("care:placement-list"), reverse("care:provider-list"), reverse("care:needs")]
    for url in urls:
        client.get(url)
    before = {url: _count(client, url, django_assert_max_num_queries) for url in urls}
    for i in range(4):
        provider = make_provider(world, name=f"Gia đình số {i}")
        child = make_child(world, full_name=f"Trần Văn Số {i}", birth_date=dt.date(2016, 1, i + 1))
        make_placement(world, child=child, provider=provider)
    for url in urls:
        with django_assert_max_num_queries(before[url]):
            assert client.get(url).status_code == 200


def _count(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(15) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_my_work_lists_a_review_that_is_due(world, client_for):
    placement = make_placement(world, start_on=timezone.localdate() - dt.timedelta(days=200))
    page = client_for("worker").get(reverse("cases:my-work")).content.decode()
    assert "Quá hạn rà soát" in page and placement.child.full_name in page
    outsider = client_for("outsider").get(reverse("cases:my-work")).content.decode()
    assert placement.child.full_name not in outsider


def test_a_caregiver_that_stops_keeps_its_record_and_is_no_longer_offered(world, client_for):
    provider = make_provider(world)
    client = client_for("worker")
    url = reverse("care:provider-archive", args=[provider.uid])
    assert (
        client.post(url, {"version": provider.version, "reason": "Chuyển nơi ở"}).status_code == 302
    )
    provider.refresh_from_db()
    assert provider.archived_at is not None and provider.archive_reason == "Chuyển nơi ở"
    assert provider.name not in client.get(reverse("care:provider-list")).content.decode()
    archived = client.get(reverse("care:provider-list"), {"archived": "1"}).content.decode()
    assert provider.name in archived
    form = client.get(reverse("care:placement-create", args=[make_child(world).uid]))
    assert provider.name not in form.content.decode()
    assert client.post(url, {"version": provider.version, "reason": "x"}).status_code == 409
