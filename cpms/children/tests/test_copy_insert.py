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


def _event_values(model_name: str, pk: int) -> dict[str, object]:
    event = apps.get_model("children", model_name).objects.get(pgh_obj_id=pk)
    values = {f.attname: getattr(event, f.attname) for f in event._meta.concrete_fields}
    for name in ("pgh_id", "pgh_created_at", "pgh_obj_id", "id", "uid", "created_at", "updated_at"):
        values.pop(name)
    return values


def test_bulk_history_matches_the_row_trigger_and_leaves_it_on_afterwards(world):
    """copy_insert records the insert events itself, once per row, with the values the row
    trigger records for a single save; afterwards the trigger works again."""
    child = make_child(world)
    one_by_one = Person(full_name="Lê Thị Hoa", name_key="le thi hoa", birth_year=1985)
    one_by_one.save()
    in_bulk = [
        Person(full_name="Lê Thị Hoa", name_key="le thi hoa", birth_year=1985) for _ in range(4)
    ]
    copy_insert(in_bulk)
    history = apps.get_model("children", "PersonEvent")
    for person in in_bulk:
        assert history.objects.filter(pgh_obj_id=person.pk, pgh_label="insert").count() == 1
        assert _event_values("PersonEvent", person.pk) == _event_values(
            "PersonEvent", one_by_one.pk
        )
    links = copy_insert([FamilyLink(child=child, person=p, relationship="mother") for p in in_bulk])
    link_history = apps.get_model("children", "FamilyLinkEvent")
    assert link_history.objects.filter(pgh_obj_id__in=[x.pk for x in links]).count() == 4
    later = Person.objects.create(full_name="Trần Văn Nam", name_key="tran van nam")
    assert history.objects.filter(pgh_obj_id=later.pk, pgh_label="insert").count() == 1


def test_bulk_history_keeps_an_outer_ignore(world):
    import pgtrigger

    with pgtrigger.ignore("children.Person:update_update"):
        (person,) = copy_insert([Person(full_name="Lê Thị Hoa", name_key="le thi hoa")])
        Person.objects.filter(pk=person.pk).update(phone="0912345678")
    history = apps.get_model("children", "PersonEvent")
    assert list(
        history.objects.filter(pgh_obj_id=person.pk).values_list("pgh_label", flat=True)
    ) == ["insert"]


def test_ignored_switches_the_insert_trigger_off_for_its_block_only(world):
    from django.db import connection, transaction

    from cpms.core.bulk_history import ignored, insert_histories

    histories = insert_histories(Person)
    assert [h.pgid for h in histories] and all("ANY(%s)" in h.sql for h in histories)
    history = apps.get_model("children", "PersonEvent")
    with transaction.atomic():
        raw = connection.connection
        with raw.cursor() as cursor, ignored(cursor, histories):
            quiet = Person.objects.create(full_name="Lê Thị Hoa", name_key="le thi hoa")
        loud = Person.objects.create(full_name="Lê Thị Hoa", name_key="le thi hoa")
    assert not history.objects.filter(pgh_obj_id=quiet.pk).exists()
    assert history.objects.filter(pgh_obj_id=loud.pk).count() == 1


def test_uuids_are_distinct_random_version_4():
    from cpms.core.bulk import Uuids

    new_uid = Uuids(chunk=8)
    values = [new_uid() for _ in range(50)]  # several refills
    assert len(set(values)) == 50
    assert {v.version for v in values} == {4} and {v.variant for v in values} == {
        "specified in RFC 4122"
    }
