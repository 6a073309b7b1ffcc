from __future__ import annotations

from django.apps import apps

from cpms.audit.models import AuditLog
from cpms.children.models import FamilyLink, Person
from cpms.children.tests.factories import make_child
from cpms.core.bulk import copy_insert


def test_it_inserts_with_ids_foreign_keys_defaults_and_history(world):
    child = make_child(world)
    people = [Person(full_name=f"Lê Thị Hoa {n}", name_key=f"le thi hoa {n}") for n in range(3)]
    links = [FamilyLink(child=child, person=person, relationship="mother") for person in people]
    copy_insert(people)
    copy_insert(links)
    assert all(p.pk for p in people) and len({p.pk for p in people}) == 3
    saved = Person.objects.filter(pk__in=[p.pk for p in people]).order_by("pk")
    assert [p.full_name for p in saved] == [p.full_name for p in people]
    assert all(p.created_at and p.updated_at and p.uid for p in saved)
    assert set(FamilyLink.objects.filter(child=child).values_list("person_id", flat=True)) == {
        p.pk for p in people
    }
    # Row triggers fire as for INSERT: the change history has the new rows.
    history = apps.get_model("children", "PersonEvent")
    assert history.objects.filter(pgh_obj_id__in=[p.pk for p in people]).count() == 3
    # A later save() updates the same row (the instance knows it is saved).
    people[0].phone = "0912345678"
    people[0].save()
    assert Person.objects.get(pk=people[0].pk).phone == "0912345678"


def test_it_writes_json_values(world):
    (row,) = copy_insert([AuditLog(event_type="read", extra_data={"viết": ["ữ", 1]})])
    assert AuditLog.objects.get(pk=row.pk).extra_data == {"viết": ["ữ", 1]}
