from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from cpms.audit.models import AuditEvent, AuditLog
from cpms.children.choices import Relationship, Sex
from cpms.children.services import (
    ChildData,
    StaleEditError,
    child_archive,
    child_register,
    child_update,
    family_member_add,
)
from cpms.children.tests.factories import make_child


def data(world, **overrides):
    values = {
        "full_name": "Nguyễn Thị Lan",
        "birth_date": dt.date(2015, 3, 14),
        "sex": Sex.FEMALE,
        "commune": world.commune_a,
        "village": world.village_a1,
    }
    values.update(overrides)
    return ChildData(**values)


def test_it_stores_the_name_in_nfc_with_its_matching_keys(world):
    nfd = unicodedata.normalize("NFD", "Huỳnh  Đức Anh")
    child = child_register(actor=None, data=data(world, full_name=nfd, sex=Sex.MALE))
    assert child.full_name == unicodedata.normalize("NFC", "Huỳnh Đức Anh")
    assert (child.name_key, child.family_key, child.family_canon, child.given_key) == (
        "huynh duc anh",
        "huynh",
        "hoang",
        "anh",
    )
    assert child.unit_path == world.village_a1.path
    assert child.birth_year == 2015


@pytest.mark.parametrize(
    ("pid", "sex", "message"),
    [
        ("05130150012", Sex.FEMALE, "12 chữ số"),
        ("099315001234", Sex.FEMALE, "mã tỉnh"),
        ("051215001234", Sex.FEMALE, "giới tính"),
        ("051314001234", Sex.FEMALE, "Năm sinh"),
    ],
)
def test_it_refuses_an_inconsistent_personal_id(world, pid, sex, message):
    with pytest.raises(ValidationError) as exc:
        child_register(actor=None, data=data(world, personal_id=pid, sex=sex))
    assert message in str(exc.value.message_dict["personal_id"])


def test_it_accepts_a_consistent_personal_id_once(world):
    child_register(actor=None, data=data(world, personal_id="051 315 001234"))
    with pytest.raises(ValidationError) as exc:
        child_register(
            actor=None, data=data(world, full_name="Lê Thị Hoa", personal_id="051315001234")
        )
    assert "personal_id" in exc.value.message_dict


def test_it_refuses_a_village_of_another_commune_and_a_future_birth_date(world):
    with pytest.raises(ValidationError):
        child_register(actor=None, data=data(world, village=world.village_b1))
    with pytest.raises(ValidationError):
        child_register(actor=None, data=data(world, birth_date=dt.date(2999, 1, 1)))


def test_it_refuses_a_stale_edit_and_keeps_the_first_save(world):
    worker, leader = world.personas["worker"], world.personas["leader"]
    child = make_child(world)
    child_update(actor=worker, child=child, data=data(world, address="Tổ 1"), expected_version=1)
    with pytest.raises(StaleEditError):
        child_update(
            actor=leader, child=child, data=data(world, address="Tổ 2"), expected_version=1
        )
    child.refresh_from_db()
    assert (child.address, child.version) == ("Tổ 1", 2)


def test_it_audits_register_update_and_archive(world):
    worker = world.personas["worker"]
    child = make_child(world, actor=worker)
    child_update(
        actor=worker, child=child, data=data(world, school="THCS An Hòa"), expected_version=1
    )
    child_archive(actor=worker, child=child, reason="Chuyển đi nơi khác")
    child_archive(actor=worker, child=child, reason="lần hai")
    events = list(
        AuditLog.objects.filter(subject_id=str(child.uid))
        .order_by("id")
        .values_list("event_type", flat=True)
    )
    assert events == [AuditEvent.CREATE, AuditEvent.UPDATE, AuditEvent.ARCHIVE]


def test_it_keeps_the_mothers_name_on_the_child_for_matching(world):
    child = make_child(world)
    family_member_add(
        actor=None,
        child=child,
        full_name="Trần Thị Bích",
        relationship=Relationship.MOTHER,
        works_far_away=True,
    )
    child.refresh_from_db()
    assert child.mother_key == "tran thi bich"
