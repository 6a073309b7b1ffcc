from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cpms.audit.models import AuditEvent, AuditLog
from cpms.children.choices import Relationship, Sex
from cpms.children.models import Child, FamilyLink, Person
from cpms.children.services import (
    ChildData,
    FamilySeed,
    child_register,
    child_register_many,
    family_member_add,
)

COMPARED = [
    f.attname
    for f in Child._meta.concrete_fields
    if f.attname not in ("id", "uid", "created_at", "updated_at")
]


def data(world, **overrides):
    values = {
        "full_name": "  Huỳnh  Thị Mai ",
        "birth_date": dt.date(2016, 2, 5),
        "sex": Sex.FEMALE,
        "commune": world.commune_a,
        "village": world.village_a1,
        "personal_id": "001316 012345",
        "school": "Trường  Tiểu học",
    }
    values.update(overrides)
    return ChildData(**values)


def seeds():
    return [
        FamilySeed(full_name="Trần Thị  Hoa", relationship=Relationship.MOTHER, birth_year=1988),
        FamilySeed(full_name="Nguyễn Văn Nam", relationship=Relationship.FATHER),
    ]


def test_it_stores_the_same_values_as_child_register(world):
    actor = world.personas["worker"]
    one = child_register(actor=actor, data=data(world))
    family_member_add(
        actor=actor,
        child=one,
        full_name="Trần Thị  Hoa",
        relationship=Relationship.MOTHER,
        birth_year=1988,
    )
    family_member_add(
        actor=actor, child=one, full_name="Nguyễn Văn Nam", relationship=Relationship.FATHER
    )
    expected = {name: getattr(Child.objects.get(pk=one.pk), name) for name in COMPARED}
    Child.objects.filter(pk=one.pk).update(personal_id="", archived_at=one.created_at)

    (many,) = child_register_many(actor=actor, items=[(data(world), seeds())])
    stored = Child.objects.get(pk=many.pk)
    values = {name: getattr(stored, name) for name in COMPARED}
    assert values == expected
    assert stored.mother_key == "tran thi hoa"
    assert stored.father_key == "nguyen van nam"


def test_it_links_the_family(world):
    (child,) = child_register_many(actor=None, items=[(data(world), seeds())])
    links = {
        (link.relationship, link.person.full_name, link.person.name_key, link.person.birth_year)
        for link in FamilyLink.objects.filter(child=child).select_related("person")
    }
    assert links == {
        (Relationship.MOTHER, "Trần Thị Hoa", "tran thi hoa", 1988),
        (Relationship.FATHER, "Nguyễn Văn Nam", "nguyen van nam", None),
    }


def test_it_writes_one_audit_row_per_child(world):
    actor = world.personas["worker"]
    before = AuditLog.objects.count()
    children = child_register_many(
        actor=actor,
        items=[
            (data(world, personal_id=""), seeds()),
            (data(world, personal_id="", full_name="Lê Văn Bình", sex=Sex.MALE), []),
        ],
    )
    assert AuditLog.objects.count() == before + 2
    for child in children:
        row = AuditLog.objects.get(subject_id=str(child.uid))
        assert (row.event_type, row.subject_type, row.actor_id, row.admin_unit_id) == (
            AuditEvent.CREATE,
            "children.child",
            actor.pk,
            world.commune_a.pk,
        )
    family = AuditLog.objects.get(subject_id=str(children[0].uid)).extra_data["family_added"]
    assert [f["relationship"] for f in family] == [Relationship.MOTHER, Relationship.FATHER]


def test_it_refuses_a_personal_id_repeated_in_the_batch(world):
    with pytest.raises(ValidationError) as exc:
        child_register_many(
            actor=None,
            items=[(data(world), []), (data(world, full_name="Lê Thị Hà"), [])],
        )
    assert "bị trùng giữa các trẻ đang được thêm" in exc.value.message_dict["personal_id"][0]
    assert Child.objects.count() == 0
    assert Person.objects.count() == 0


def test_it_refuses_a_personal_id_already_in_the_registry(world):
    child_register(actor=None, data=data(world))
    with pytest.raises(ValidationError) as exc:
        child_register_many(
            actor=None,
            items=[
                (data(world, personal_id="", full_name="Lê Thị Hà"), seeds()),
                (data(world, full_name="Lê Thị Hà"), []),
            ],
        )
    assert exc.value.message_dict["personal_id"] == [
        "Số định danh này đã có trong sổ theo dõi (có thể trùng hồ sơ)."
    ]
    assert Child.objects.count() == 1
    assert Person.objects.count() == 0


def test_it_runs_the_registry_checks(world):
    with pytest.raises(ValidationError) as exc:
        child_register_many(
            actor=None, items=[(data(world, birth_date=dt.date.today() + dt.timedelta(days=1)), [])]
        )
    assert "birth_date" in exc.value.message_dict
