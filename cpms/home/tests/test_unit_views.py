from __future__ import annotations

from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.geography.models import UnitLevel
from cpms.geography.services import unit_create


def test_it_lists_only_units_in_scope(world, client_for):
    response = client_for("worker").get(reverse("home:unit-list"))
    names = {u.name for u in response.context["page"]}
    assert names == {"Phường An Hòa", "Tổ dân phố 1", "Tổ dân phố 2"}


def test_it_limits_a_collaborator_to_their_village(world, client_for):
    response = client_for("collaborator").get(reverse("home:unit-list"))
    assert [u.name for u in response.context["page"]] == ["Tổ dân phố 1"]


def test_it_finds_units_without_diacritics(world, client_for):
    response = client_for("officer").get(reverse("home:unit-list"), {"q": "BINH dong"})
    assert [u.name for u in response.context["page"]] == ["Xã Bình Đông"]


def test_it_renders_only_the_rows_for_htmx(world, client_for):
    response = client_for("worker").get(reverse("home:unit-list"), HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert "Tổ dân phố 1" in response.content.decode()


def test_it_uses_a_fixed_number_of_queries_per_page(world, client_for, django_assert_num_queries):
    client = client_for("officer")
    client.get(reverse("home:unit-list"))  # warm the session
    with django_assert_num_queries(8) as small:
        client.get(reverse("home:unit-list"))
    for i in range(30):
        unit_create(name=f"Thôn {i}", level=UnitLevel.VILLAGE, parent=world.commune_b)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("home:unit-list"))


def test_it_shows_predecessors_on_the_successor_page(world, client_for):
    response = client_for("worker").get(reverse("home:unit-detail", args=[world.commune_a.uid]))
    assert "Xã Nghĩa Cũ" in response.content.decode()


def test_it_refuses_out_of_scope_with_404_and_audits_it(world, client_for):
    url = reverse("home:unit-detail", args=[world.commune_a.uid])
    response = client_for("outsider").get(url)
    assert response.status_code == 404
    row = AuditLog.objects.get(event_type=AuditEvent.OUT_OF_SCOPE)
    assert row.actor == world.personas["outsider"]
    assert row.subject_id == str(world.commune_a.uid)


def test_it_refuses_in_scope_without_permission_with_403_and_audits_it(world, client_for):
    response = client_for("statistician").get(reverse("home:agency-detail", args=[world.pc_a.uid]))
    assert response.status_code == 403
    row = AuditLog.objects.get(event_type=AuditEvent.DENIED)
    assert row.subject_type == "accounts.agency"


def test_it_audits_each_agency_read_once(world, client_for):
    client_for("worker").get(reverse("home:agency-detail", args=[world.pc_a.uid]))
    rows = AuditLog.objects.filter(event_type=AuditEvent.READ, subject_id=str(world.pc_a.uid))
    assert rows.count() == 1
    assert rows.get().actor == world.personas["worker"]
