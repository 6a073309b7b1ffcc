from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.children.choices import Relationship
from cpms.children.models import Child, PersonSensitiveFact, Visit
from cpms.children.services import family_member_add
from cpms.children.tests.factories import make_child


def names(response):
    return [c.full_name for c in response.context["page"]]


def test_it_lists_only_children_in_scope(world, client_for):
    make_child(world, full_name="Trẻ Ở An Hòa")
    make_child(
        world, full_name="Trẻ Ở Bình Đông", commune=world.commune_b, village=world.village_b1
    )
    assert names(client_for("worker").get(reverse("children:list"))) == ["Trẻ Ở An Hòa"]
    assert names(client_for("outsider").get(reverse("children:list"))) == ["Trẻ Ở Bình Đông"]
    assert names(client_for("collaborator").get(reverse("children:list"))) == ["Trẻ Ở An Hòa"]


def test_it_finds_a_child_in_any_word_order_without_diacritics(world, client_for):
    make_child(world, full_name="Đặng Thị Ánh")
    make_child(world, full_name="Nguyễn Văn Bình")
    client = client_for("worker")
    for query in ["anh dang", "DANG thi", "Đặng Ánh", "ánh"]:
        assert names(client.get(reverse("children:list"), {"q": query})) == ["Đặng Thị Ánh"]


def test_it_finds_a_child_by_parent_name_and_by_id_number(world, client_for):
    child = make_child(world, full_name="Lê Văn Tâm", sex="male", personal_id="051215001111")
    make_child(world, full_name="Phạm Thị Hoa")
    family_member_add(
        actor=None, child=child, full_name="Võ Thị Mai", relationship=Relationship.MOTHER
    )
    client = client_for("worker")
    assert names(client.get(reverse("children:list"), {"q": "vo thi mai"})) == ["Lê Văn Tâm"]
    assert names(client.get(reverse("children:list"), {"q": "051215001111"})) == ["Lê Văn Tâm"]


def test_it_lists_with_a_fixed_number_of_queries(world, client_for, django_assert_num_queries):
    client = client_for("worker")
    make_child(world)
    client.get(reverse("children:list"))
    with django_assert_num_queries(9) as few:
        client.get(reverse("children:list"))
    for i in range(15):
        make_child(world, full_name=f"Trần Văn Số {i}", sex="male")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("children:list"))


def test_it_audits_each_read_of_a_child(world, client_for):
    child = make_child(world)
    client_for("worker").get(reverse("children:detail", args=[child.uid]))
    row = AuditLog.objects.get(event_type=AuditEvent.READ, subject_id=str(child.uid))
    assert row.actor == world.personas["worker"]


def test_it_shows_sensitive_family_facts_only_to_roles_that_need_them(world, client_for):
    child = make_child(world)
    link = family_member_add(
        actor=None, child=child, full_name="Trần Văn Cường", relationship=Relationship.FATHER
    )
    PersonSensitiveFact.objects.create(
        person=link.person, kind="drugs", recorded_on=dt.date(2026, 1, 5)
    )
    url = reverse("children:detail", args=[child.uid])
    assert "Liên quan đến ma túy" in client_for("worker").get(url).content.decode()
    collaborator_page = client_for("collaborator").get(url).content.decode()
    assert "Trần Văn Cường" in collaborator_page
    assert "Liên quan đến ma túy" not in collaborator_page


def test_it_refuses_an_edit_made_on_an_old_version_with_409(world, client_for):
    child = make_child(world)
    url = reverse("children:edit", args=[child.uid])
    form = client_for("worker").get(url).context["form"]
    post = {name: ("" if value is None else value) for name, value in form.initial.items()}
    post.update(
        birth_date="14/03/2015",
        address="Tổ 5",
        village=world.village_a1.pk,
        commune=world.commune_a.pk,
    )
    assert client_for("leader").post(url, post).status_code == 302
    response = client_for("worker").post(url, {**post, "address": "Tổ 9"})
    assert response.status_code == 409
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert Child.objects.get(pk=child.pk).address == "Tổ 5"


def test_it_archives_only_after_confirmation(world, client_for):
    child = make_child(world)
    url = reverse("children:archive", args=[child.uid])
    client = client_for("worker")
    assert client.post(url, {"reason": "Chuyển đi"}).status_code == 200
    assert Child.objects.get(pk=child.pk).archived_at is None
    assert client.post(url, {"reason": "Chuyển đi", "confirm": "on"}).status_code == 302
    assert Child.objects.get(pk=child.pk).archived_at is not None


def test_it_merges_two_records_after_comparison_and_keeps_everything(world, client_for):
    keep = make_child(world, full_name="Nguyễn Thị Lan")
    dup = make_child(world, full_name="Nguyen Thi Lan", address="Tổ 3")
    Visit.objects.create(child=dup, visited_on=dt.date(2026, 5, 1), observation="Ổn")
    url = reverse("children:merge", args=[keep.uid, dup.uid])
    client = client_for("worker")
    page = client.get(url).content.decode()
    assert "Nguyen Thi Lan" in page and "Nguyễn Thị Lan" in page
    response = client.post(url, {"reason": "Cùng một trẻ, nhập hai lần", "confirm": "on"})
    assert response.status_code == 302
    dup.refresh_from_db()
    keep.refresh_from_db()
    assert dup.merged_into == keep and dup.archived_at is not None
    assert keep.address == "Tổ 3"
    assert Visit.objects.get().child == keep
    assert AuditLog.objects.filter(subject_id=str(dup.uid), extra_data__merge="merged").exists()


def test_it_lets_the_collaborator_record_a_visit_from_the_village_page(world, client_for):
    child = make_child(world)
    client = client_for("collaborator")
    page = client.get(reverse("children:my-village"))
    assert [r.child for r in page.context["rows"]] == [child]
    response = client.post(
        reverse("children:visit-add", args=[child.uid]),
        {
            "visited_on": "01/11/2026",
            "observation": "Trẻ đi học đều",
            "next_visit_on": "01/12/2026",
        },
    )
    assert response.status_code == 302
    assert Visit.objects.get().next_visit_on == dt.date(2026, 12, 1)


def test_it_refuses_a_visit_in_the_future_in_vietnamese(world, client_for):
    child = make_child(world)
    response = client_for("collaborator").post(
        reverse("children:visit-add", args=[child.uid]),
        {"visited_on": "01/01/2999", "observation": "x"},
    )
    assert "Ngày thăm không được ở tương lai" in response.content.decode()


def test_it_records_a_restricted_fact_and_audits_only_its_kind(world, client_for):
    child = make_child(world)
    link = family_member_add(
        actor=None, child=child, full_name="Trần Văn Cường", relationship=Relationship.FATHER
    )
    url = reverse("children:fact-add", args=[child.uid, link.uid])
    response = client_for("worker").post(
        url, {"kind": "gambling", "recorded_on": "02/11/2026", "note": "Nợ nần do cờ bạc"}
    )
    assert response.status_code == 302
    assert PersonSensitiveFact.objects.get().kind == "gambling"
    row = AuditLog.objects.filter(subject_id=str(child.uid)).latest("id")
    assert row.extra_data["sensitive_fact"] == "gambling"
    assert "Nợ nần" not in str(row.extra_data)


def test_it_shows_the_screening_reasons_only_to_roles_with_sensitive_access(world, client_for):
    child = make_child(world, parents_marital="divorced", out_of_school=True)
    client_for("worker").post(reverse("children:screen", args=[child.uid]))
    url = reverse("children:detail", args=[child.uid])
    worker_page = client_for("worker").get(url).content.decode()
    collaborator_page = client_for("collaborator").get(url).content.decode()
    assert "Cha mẹ ly hôn hoặc ly thân" in worker_page
    assert "Cha mẹ ly hôn hoặc ly thân" not in collaborator_page
    assert "Lý do chi tiết chỉ hiển thị" in collaborator_page


def test_it_reaches_children_filed_under_a_commune_that_merged_into_mine(world, client_for):
    old = make_child(
        world, full_name="Hồ Văn Cũ", sex="male", commune=world.old_commune, village=None
    )
    assert names(client_for("worker").get(reverse("children:list"))) == ["Hồ Văn Cũ"]
    assert client_for("worker").get(reverse("children:detail", args=[old.uid])).status_code == 200
    assert client_for("outsider").get(reverse("children:detail", args=[old.uid])).status_code == 404
    assert names(client_for("outsider").get(reverse("children:list"))) == []


def test_it_keeps_the_search_in_the_page_links(world, client_for):
    for i in range(26):
        make_child(world, full_name=f"Trần Văn Số {i}", sex="male")
    html = client_for("worker").get(reverse("children:list"), {"q": "tran"}).content.decode()
    assert "?q=tran&amp;page=2" in html
