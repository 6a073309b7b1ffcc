"""`Blank` and `FieldCheck` must give exactly what `Model()` and `clean_fields` give."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import signals

from cpms.children.models import Child, FamilyLink, Person
from cpms.core.fastmodel import Blank, FieldCheck

MODELS = (Child, Person, FamilyLink)


def _state(obj: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_blank_instance_has_the_defaults_of_a_new_one(model: type[models.Model]) -> None:
    made, reference = Blank(model)(), model()
    uid_fields = {"uid"}  # a fresh random default on each instance
    assert {k: v for k, v in _state(made).items() if k not in uid_fields} == {
        k: v for k, v in _state(reference).items() if k not in uid_fields
    }
    assert made._state.adding and made._state.db is None
    made_uid, reference_uid = made.__dict__["uid"], reference.__dict__["uid"]
    assert isinstance(made_uid, uuid.UUID) and made_uid != reference_uid  # computed per call


def test_values_go_through_the_descriptors() -> None:
    person = Person(full_name="Lê Thị Hoa", name_key="le thi hoa")
    link = Blank(FamilyLink)(person=person, relationship="mother")
    assert link.person is person
    assert link.relationship == "mother"


def test_a_listener_on_init_gets_the_real_constructor() -> None:
    seen: list[object] = []

    def receiver(sender: object, instance: object, **kwargs: object) -> None:
        seen.append(instance)

    signals.post_init.connect(receiver, sender=Person)
    try:
        made = Blank(Person)(full_name="Hoa")  # made after the receiver connected
    finally:
        signals.post_init.disconnect(receiver, sender=Person)
    assert seen == [made]


def _django_errors(obj: models.Model, names: list[str]) -> dict[str, list[str]] | None:
    exclude = [f.name for f in obj._meta.concrete_fields if f.name not in names]
    try:
        obj.clean_fields(exclude=exclude)
    except ValidationError as exc:
        return exc.message_dict
    return None


def _fast_errors(obj: models.Model, names: list[str]) -> dict[str, list[str]] | None:
    try:
        FieldCheck(type(obj), names)(obj)
    except ValidationError as exc:
        return exc.message_dict
    return None


CHILD_CASES: list[dict[str, Any]] = [
    {},  # valid
    {"full_name": "x" * 201},  # too long
    {"full_name": ""},  # required
    {"sex": "other"},  # not a choice
    {"sex": None},  # null on a not-null field
    {"birth_precision": "decade"},
    {"birth_date": "31/02/2024"},  # not a date
    {"birth_date": dt.datetime(2020, 1, 2, 3, 4)},  # a datetime becomes a date
    {"birth_year": 40000},  # over a small integer's range
    {"birth_year": "2019"},  # text converted
    {"out_of_school": "maybe"},
    {"ethnicity": ""},  # blank allowed
    {"living_situation": "on the moon", "personal_id": "1" * 13},  # two errors at once
]


@pytest.mark.parametrize("change", CHILD_CASES, ids=lambda c: ",".join(c) or "valid")
def test_field_check_agrees_with_clean_fields(change: dict[str, Any]) -> None:
    names = [
        "full_name",
        "sex",
        "birth_precision",
        "birth_date",
        "birth_year",
        "out_of_school",
        "ethnicity",
        "living_situation",
        "personal_id",
        "uid",
    ]
    values: dict[str, Any] = {
        "full_name": "Nguyễn Văn An",
        "sex": "male",
        "birth_precision": "exact",
        "birth_date": dt.date(2019, 5, 1),
        "birth_year": 2019,
        **change,
    }
    fast, slow = Child(**values), Child(**values)
    fast.uid = slow.uid
    assert _fast_errors(fast, names) == _django_errors(slow, names)
    assert _state(fast) == _state(slow)  # the same conversions


def test_unknown_names_are_refused() -> None:
    with pytest.raises(AssertionError):
        FieldCheck(Person, ["full_name", "no_such_field"])
