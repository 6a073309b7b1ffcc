from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace
from typing import Any

import pytest
from django.utils import translation

from cpms.accounts.models import User
from cpms.children.choices import DatePrecision, Relationship, Sex
from cpms.children.dedup import (
    MatchLabel,
    Probe,
    duplicate_candidates,
    probe_keys,
    related_commune_ids,
    score_pair,
)
from cpms.children.models import Child
from cpms.children.services import child_archive, family_member_add
from cpms.children.tests.factories import make_child
from cpms.testing import World

D = dt.date


def child_with_parents(world: World, *, mother: str = "", father: str = "", **values) -> Child:
    child = make_child(world, **values)
    if mother:
        family_member_add(
            actor=None, child=child, full_name=mother, relationship=Relationship.MOTHER
        )
    if father:
        family_member_add(
            actor=None, child=child, full_name=father, relationship=Relationship.FATHER
        )
    child.refresh_from_db()
    return child


@pytest.fixture
def registry(world: World) -> dict[str, Child]:
    """True records and the look-alikes that compete with them."""
    a1, a2, b = (world.village_a1, world.village_a2, world.commune_b)
    male = Sex.MALE
    records = {
        "nhung": child_with_parents(
            world,
            full_name="Nguyễn Thị Hồng Nhung",
            birth_date=D(2015, 3, 9),
            mother="Lê Thị Hoa",
            father="Nguyễn Văn Bình",
        ),
        # Her twin: same parents, same day, another name.
        "twin": child_with_parents(
            world,
            full_name="Nguyễn Thị Hồng Nhàn",
            birth_date=D(2015, 3, 9),
            mother="Lê Thị Hoa",
            father="Nguyễn Văn Bình",
        ),
        "namesake_same_day": child_with_parents(
            world, full_name="Nguyễn Thị Nhung", birth_date=D(2015, 3, 9), mother="Phan Thị Lý"
        ),
        "namesake_commune_b": make_child(
            world,
            full_name="Nguyễn Thị Hồng Nhung",
            birth_date=D(2015, 3, 9),
            commune=b,
            village=None,
        ),
        "other_family_same_day": make_child(
            world, full_name="Trần Thị Hồng Nhung", birth_date=D(2015, 3, 9), village=a2
        ),
        "duc": child_with_parents(
            world,
            full_name="Huỳnh Văn Đức",
            birth_date=D(2012, 11, 20),
            sex=male,
            village=None,
            mother="Phạm Thị Thu",
        ),
        "duc_lookalike": make_child(
            world, full_name="Hoàng Văn Đức", birth_date=D(2012, 11, 2), sex=male, village=a2
        ),
        "mai": child_with_parents(
            world, full_name="Võ Thị Mai", birth_date=D(2010, 6, 1), mother="Đỗ Thị Hạnh"
        ),
        "mai_elsewhere": make_child(
            world, full_name="Vũ Thị Mai", birth_date=D(2010, 6, 1), commune=b, village=None
        ),
        "lan": child_with_parents(
            world, full_name="Đặng Thị Lan", birth_date=D(2016, 7, 4), mother="Bùi Thị Nga"
        ),
        "tuan": child_with_parents(
            world,
            full_name="Trần Minh Tuấn",
            birth_date=D(2014, 5, 17),
            sex=male,
            village=a1,
            mother="Ngô Thị Yến",
        ),
        "tuan_lookalike": make_child(
            world, full_name="Trần Minh Tuấn", birth_date=D(2011, 5, 17), sex=male, village=a2
        ),
    }
    return records


MOTHERS = {
    "nhung": "Lê Thị Hoa",
    "duc": "Phạm Thị Thu",
    "mai": "Đỗ Thị Hạnh",
    "lan": "Bùi Thị Nga",
    "tuan": "Ngô Thị Yến",
}


def probe_of(child: Child, world: World, **changes) -> Probe:
    probe = Probe(
        full_name=child.full_name,
        birth_date=child.birth_date,
        birth_precision=child.birth_precision,
        sex=child.sex,
        commune=child.commune,
        village=child.village,
        mother_name=MOTHERS.get(child.given_key, ""),
    )
    return replace(probe, **changes)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# noise: (true record, changes to the probe; a callable gets the world)
NOISE: dict[str, tuple[str, dict[str, Any]]] = {
    "accents_dropped": ("nhung", {"full_name": strip_accents("Nguyễn Thị Hồng Nhung")}),
    "d_for_dj": ("lan", {"full_name": "Dặng Thị Lan"}),
    "nfd_input": ("nhung", {"full_name": unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung")}),
    "upper_case": ("nhung", {"full_name": "NGUYỄN THỊ HỒNG NHUNG"}),
    "huynh_hoang": ("duc", {"full_name": "Hoàng Văn Đức"}),
    "vu_vo": ("mai", {"full_name": "Vũ Thị Mai"}),
    "given_typo": ("nhung", {"full_name": "Nguyễn Thị Hồng Nhunh"}),
    "given_wrong_tone": ("tuan", {"full_name": "Trần Minh Tuân"}),
    "given_name_first": ("nhung", {"full_name": "Nhung Thị Hồng Nguyễn"}),
    "middle_dropped": ("nhung", {"full_name": "Nguyễn Nhung"}),
    "day_month_swap": ("nhung", {"birth_date": D(2015, 9, 3)}),
    "date_off_days": ("nhung", {"birth_date": D(2015, 3, 14)}),
    "year_only": ("tuan", {"birth_date": D(2014, 1, 1), "birth_precision": DatePrecision.YEAR}),
    "moved_commune": ("lan", {"commune": "commune_b", "village": None}),
    "missing_parents": ("nhung", {"mother_name": ""}),
    "all_text_noise": ("duc", {"full_name": "HOANG VAN DUC"}),
}


@pytest.mark.parametrize("noise", NOISE)
def test_it_finds_the_true_record_first_whatever_the_noise(world, registry, noise):
    name, changes = NOISE[noise]
    changes = {k: getattr(world, v) if k == "commune" else v for k, v in changes.items()}
    probe = probe_of(registry[name], world, **changes)
    candidates = duplicate_candidates(viewer=world.personas["officer"], probe=probe)
    assert candidates, noise
    assert candidates[0].child.pk == registry[name].pk, [
        (c.child.full_name, c.child.birth_date, c.score, c.label) for c in candidates
    ]
    if noise != "given_typo":  # a typo with the same mother could be a twin: see below
        assert candidates[0].label == MatchLabel.LIKELY_DUPLICATE


def test_it_labels_a_typo_with_the_same_mother_as_a_possible_twin_but_ranks_it_first(
    world, registry
):
    probe = probe_of(registry["nhung"], world, full_name="Nguyễn Thị Hồng Nhunh")
    first = duplicate_candidates(viewer=world.personas["officer"], probe=probe)[0]
    assert first.child.pk == registry["nhung"].pk
    assert first.label == MatchLabel.TWIN_OR_SIBLING


def test_it_labels_twins_as_twins_or_siblings_never_as_likely_duplicates(world, registry):
    twin, other = registry["twin"], registry["nhung"]
    for mother in ("Lê Thị Hoa", ""):  # with the parents, and without (the register form)
        probe = probe_of(twin, world, mother_name=mother, exclude_pk=twin.pk)
        candidates = duplicate_candidates(viewer=world.personas["officer"], probe=probe)
        found = {c.child.pk: c for c in candidates}
        assert other.pk in found or not mother
        if other.pk in found:
            assert found[other.pk].label != MatchLabel.LIKELY_DUPLICATE
        if mother:
            assert found[other.pk].label == MatchLabel.TWIN_OR_SIBLING
            assert "Cùng cha hoặc mẹ nhưng khác tên" in " ".join(found[other.pk].reasons)


def test_it_never_offers_a_child_outside_the_viewers_area(world, registry):
    outsider = world.personas["outsider"]  # a worker of commune B
    probe = probe_of(registry["nhung"], world)
    candidates = duplicate_candidates(viewer=outsider, probe=probe)
    assert candidates  # the commune-B namesake is in reach
    assert all(c.child.commune_id == world.commune_b.pk for c in candidates)
    assert registry["namesake_commune_b"].pk in {c.child.pk for c in candidates}


def test_it_offers_nothing_to_users_without_personal_data_scope(world, registry):
    probe = probe_of(registry["nhung"], world)
    for persona in ("statistician", "hotline"):
        assert duplicate_candidates(viewer=world.personas[persona], probe=probe) == []


def test_it_finds_the_child_of_the_commune_an_old_commune_was_merged_into(world, registry):
    assert related_commune_ids(world.old_commune) == {world.old_commune.pk, world.commune_a.pk}
    probe = probe_of(registry["lan"], world, commune=world.old_commune, village=None)
    first = duplicate_candidates(viewer=world.personas["officer"], probe=probe)[0]
    assert first.child.pk == registry["lan"].pk
    assert first.label == MatchLabel.LIKELY_DUPLICATE
    assert "Cùng địa bàn (đơn vị hành chính trước và sau sắp xếp)" in first.reasons


def test_it_marks_the_same_personal_id_as_a_likely_duplicate(world):
    child = make_child(world, full_name="Phạm Gia Huy", sex=Sex.MALE, personal_id="051215000123")
    child = make_child(  # a record of the same child, ID missing, name misspelt
        world, full_name="Phạm Gia Hy", sex=Sex.MALE, birth_date=D(2015, 3, 14), village=None
    )
    probe = Probe(
        full_name="Pham Huy",
        birth_date=D(2015, 1, 1),
        birth_precision=DatePrecision.YEAR,
        personal_id="051 215 000 123",
    )
    candidates = duplicate_candidates(viewer=world.personas["worker"], probe=probe)
    assert candidates[0].child.personal_id == "051215000123"
    assert candidates[0].label == MatchLabel.LIKELY_DUPLICATE
    assert candidates[0].reasons[0] == "Trùng số định danh"
    assert child.pk != candidates[0].child.pk


def test_it_skips_archived_children_and_the_record_itself(world, registry):
    officer = world.personas["officer"]
    probe = probe_of(registry["mai"], world, exclude_pk=registry["mai"].pk)
    found = {c.child.pk for c in duplicate_candidates(viewer=officer, probe=probe)}
    assert registry["mai"].pk not in found
    assert registry["mai_elsewhere"].pk in found
    actor = User.objects.get(username="worker")
    child_archive(actor=actor, child=registry["mai_elsewhere"], reason="Chuyển đi")
    found = {c.child.pk for c in duplicate_candidates(viewer=officer, probe=probe)}
    assert registry["mai_elsewhere"].pk not in found


def test_it_explains_an_exact_match_in_vietnamese(world, registry):
    probe = probe_of(registry["nhung"], world)
    keys = probe_keys(probe, related_commune_ids(world.commune_a))
    score, reasons = score_pair(keys, registry["nhung"])
    assert reasons[:1] == ["Cùng họ tên và ngày sinh"]
    assert "Cùng họ tên mẹ" in reasons
    assert score == max(score_pair(keys, child)[0] for child in registry.values())


def test_it_explains_in_the_language_of_each_request(world, registry):
    probe = probe_of(registry["nhung"], world)
    keys = probe_keys(probe, related_commune_ids(world.commune_a))
    with translation.override("en"):
        assert score_pair(keys, registry["nhung"])[1][:1] == ["Same full name and date of birth"]
    with translation.override("vi"):
        assert score_pair(keys, registry["nhung"])[1][:1] == ["Cùng họ tên và ngày sinh"]


def test_it_uses_a_fixed_number_of_queries_whatever_the_number_of_records(
    world, registry, django_assert_max_num_queries
):
    officer = world.personas["officer"]
    probe = probe_of(registry["nhung"], world, personal_id="051315000001")
    with django_assert_max_num_queries(4):  # grants + their merged units, communes, candidates
        few = duplicate_candidates(viewer=officer, probe=probe)
    for i in range(40):
        make_child(
            world, full_name=f"Nguyễn Thị Hồng Nhung{'h' * (i % 3)}", birth_date=D(2015, 3, 9)
        )
    with django_assert_max_num_queries(2):  # grants are cached on the user
        many = duplicate_candidates(viewer=officer, probe=probe)
    assert few[0].child.pk == many[0].child.pk == registry["nhung"].pk
    old = replace(probe, commune=world.old_commune, village=None)
    with django_assert_max_num_queries(3):  # one more per succession hop
        duplicate_candidates(viewer=officer, probe=old)


def test_it_finds_a_record_known_only_by_year_from_an_exact_date(world):
    record = make_child(
        world,
        full_name="Lê Văn Tài",
        sex=Sex.MALE,
        birth_date=D(2014, 1, 1),
        birth_precision=DatePrecision.YEAR,
    )
    make_child(world, full_name="Lê Văn Tài", sex=Sex.MALE, birth_date=D(2012, 8, 10))
    probe = Probe(
        full_name="Le Van Tai", birth_date=D(2014, 8, 10), sex=Sex.MALE, commune=world.commune_a
    )
    first = duplicate_candidates(viewer=world.personas["worker"], probe=probe)[0]
    assert first.child.pk == record.pk
    assert "Cùng năm sinh" in first.reasons
