from __future__ import annotations

import datetime as dt
from collections import Counter

from django.apps import apps
from django.template.loader import render_to_string
from django.utils import timezone

from cpms.audit.models import AuditEvent, AuditLog
from cpms.children.choices import LivingSituation, ParentsMarital, ProtectionLevel, RiskLevel
from cpms.children.circumstances import (
    circumstance_add,
    circumstance_end,
    risk_factor_add,
    risk_factor_resolve,
)
from cpms.children.models import (
    FollowUp,
    RiskFactor,
    RiskScreening,
    SpecialCircumstanceGroup,
)
from cpms.children.screening import (
    HIGH_FROM,
    MEDIUM_FROM,
    ChildFacts,
    FactorFact,
    FactOrigin,
    HarmFact,
    assess,
    child_facts,
    child_risk_context,
    child_screen,
    follow_up_list,
    protection_level,
)
from cpms.children.services import child_archive, family_member_add, sensitive_fact_record
from cpms.children.tests.factories import make_child

LETTERS_THREE = {
    "parents_divorced_separated": "Cha mẹ ly hôn hoặc ly thân",
    "parents_far_away": "Cha, mẹ đi làm ăn xa",
    "relative_social_evils": "Người thân liên quan đến tệ nạn xã hội",
}


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def fact(code: str, weight: int, origin: FactOrigin = FactOrigin.RECORDED) -> FactorFact:
    return FactorFact(code=code, name=f"Yếu tố {code}", weight=weight, origin=origin)


def factor(code: str) -> RiskFactor:
    return RiskFactor.objects.get(code=code)


def group(code: str) -> SpecialCircumstanceGroup:
    return SpecialCircumstanceGroup.objects.get(code=code)


def letters_child(world):
    """A child with the three factors of the city's letter, all read from the record."""
    worker = world.personas["worker"]
    child = make_child(world, parents_marital=ParentsMarital.DIVORCED)
    family_member_add(
        actor=worker,
        child=child,
        full_name="Nguyễn Văn Hùng",
        relationship="father",
        works_far_away=True,
        lives_with_child=False,
    )
    uncle = family_member_add(
        actor=worker, child=child, full_name="Nguyễn Văn Tài", relationship="relative"
    )
    sensitive_fact_record(
        actor=worker, child=child, link=uncle, kind="gambling", recorded_on=days_ago(60)
    )
    return child


# --- the pure assessment -------------------------------------------------------------


def test_it_rates_a_child_without_facts_low_and_says_so():
    result = assess(ChildFacts())
    assert result.level == RiskLevel.LOW
    assert result.score == 0
    assert result.reasons[0] == "Không có yếu tố nguy cơ nào được ghi nhận."
    assert "Tổng điểm 0" in result.reasons[-1]


def test_it_uses_the_thresholds_on_the_sum_of_weights():
    assert assess(ChildFacts(factors=(fact("x", MEDIUM_FROM - 1),))).level == RiskLevel.LOW
    assert assess(ChildFacts(factors=(fact("x", MEDIUM_FROM),))).level == RiskLevel.MEDIUM
    two = ChildFacts(factors=(fact("x", HIGH_FROM - 1), fact("y", 1)))
    assert assess(two).level == RiskLevel.HIGH
    assert assess(two).score == HIGH_FROM


def test_it_names_every_factor_with_its_weight_and_origin():
    result = assess(ChildFacts(factors=(fact("x", 3, FactOrigin.CHILD_RECORD),)))
    assert result.reasons[0] == "Yếu tố x (theo hồ sơ của trẻ): trọng số 3."
    assert result.reasons[-1] == (
        f"Tổng điểm 3: mức trung bình (trung bình từ {MEDIUM_FROM} điểm, cao từ {HIGH_FROM} điểm)."
    )


def test_it_counts_a_factor_found_two_ways_once():
    facts = ChildFacts(factors=(fact("x", 2), fact("x", 2, FactOrigin.CHILD_RECORD)))
    result = assess(facts)
    assert result.score == 2
    assert result.reasons[0] == "Yếu tố x (cán bộ ghi nhận, theo hồ sơ của trẻ): trọng số 2."


def test_it_rates_an_already_harmed_child_high_whatever_the_score():
    harmed = HarmFact(group_code="l.4", group_name="l.4. Trẻ em bị dâm ô")
    result = assess(ChildFacts(harmed=(harmed,)))
    assert result.level == RiskLevel.HIGH
    assert result.score == 0
    assert "l.4. Trẻ em bị dâm ô" in result.reasons[0]


# --- facts read from the registry -----------------------------------------------------


def test_it_gives_each_of_the_letters_three_factors_as_a_reason(world):
    result = assess(child_facts(letters_child(world)))
    for name in LETTERS_THREE.values():
        assert any(reason.startswith(name) for reason in result.reasons), name
    weights = sum(factor(code).weight for code in LETTERS_THREE)
    assert result.score == weights


def test_it_reads_the_child_record(world):
    child = make_child(
        world,
        out_of_school=True,
        disability="Khiếm thính",
        living_situation=LivingSituation.ALONE,
    )
    codes = {f.code for f in child_facts(child).factors}
    assert codes == {"out_of_school", "disability", "living_alone"}
    with_grandparents = make_child(world, living_situation=LivingSituation.GRANDPARENTS)
    assert {f.code for f in child_facts(with_grandparents).factors} == {"elderly_carers"}


def test_it_reads_violence_of_someone_in_the_household(world):
    worker = world.personas["worker"]
    child = make_child(world)
    stepfather = family_member_add(
        actor=worker, child=child, full_name="Trần Văn Bạo", relationship="stepfather"
    )
    sensitive_fact_record(
        actor=worker, child=child, link=stepfather, kind="violence", recorded_on=days_ago(3)
    )
    assert {f.code for f in child_facts(child).factors} == {"household_violence"}


def test_it_ignores_facts_about_someone_not_living_with_the_child(world):
    worker = world.personas["worker"]
    child = make_child(world)
    aunt = family_member_add(
        actor=worker,
        child=child,
        full_name="Lê Thị Xa",
        relationship="relative",
        lives_with_child=False,
    )
    sensitive_fact_record(
        actor=worker, child=child, link=aunt, kind="drugs", recorded_on=days_ago(3)
    )
    assert child_facts(child).factors == ()


def test_it_ignores_resolved_and_switched_off_factors(world):
    worker = world.personas["worker"]
    child = make_child(world, out_of_school=True)
    record = risk_factor_add(
        actor=worker, child=child, factor=factor("earlier_abuse"), observed_on=days_ago(9)
    )
    risk_factor_resolve(actor=worker, child_factor=record, resolved_on=days_ago(1))
    RiskFactor.objects.filter(code="out_of_school").update(active=False)
    assert child_facts(child).factors == ()


def test_it_takes_the_weight_an_officer_set(world):
    worker = world.personas["worker"]
    child = make_child(world)
    risk_factor_add(
        actor=worker, child=child, factor=factor("poor_household"), observed_on=days_ago(2)
    )
    RiskFactor.objects.filter(code="poor_household").update(weight=HIGH_FROM)
    assert assess(child_facts(child)).level == RiskLevel.HIGH


def test_it_treats_a_sub_group_of_an_already_harmed_group_as_harm(world):
    child = make_child(world)
    circumstance_add(
        actor=world.personas["worker"], child=child, group=group("l.4"), from_date=days_ago(2)
    )
    facts = child_facts(child)
    assert [h.group_code for h in facts.harmed] == ["l.4"]
    assert assess(facts).level == RiskLevel.HIGH


def test_it_loads_the_facts_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    plain = make_child(world)
    busy = letters_child(world)
    circumstance_add(
        actor=world.personas["worker"], child=busy, group=group("i"), from_date=days_ago(2)
    )
    risk_factor_add(
        actor=world.personas["worker"],
        child=busy,
        factor=factor("poor_household"),
        observed_on=days_ago(2),
    )
    with django_assert_num_queries(5):
        child_facts(plain)
    with django_assert_num_queries(5):
        child_facts(busy)


# --- screening, follow-up list ------------------------------------------------------------


def test_it_saves_the_screening_and_puts_the_child_on_the_follow_up_list_once(world):
    worker = world.personas["worker"]
    child = letters_child(world)
    first = child_screen(actor=worker, child=child)
    second = child_screen(actor=worker, child=child)
    assert first.level == second.level == RiskLevel.MEDIUM
    assert first.screened_by == worker
    assert any(r.startswith(LETTERS_THREE["parents_far_away"]) for r in first.reasons)
    assert RiskScreening.objects.filter(child=child).count() == 2
    open_ = FollowUp.objects.filter(child=child, done_at__isnull=True)
    assert open_.count() == 1
    follow_up = open_.get()
    assert follow_up.due_on == timezone.localdate() + dt.timedelta(days=30)
    assert follow_up.screening == first
    assert follow_up.created_by == worker


def test_it_brings_the_follow_up_forward_when_the_child_becomes_high(world):
    worker = world.personas["worker"]
    child = letters_child(world)
    child_screen(actor=worker, child=child)
    circumstance_add(actor=worker, child=child, group=group("k"), from_date=days_ago(1))
    high = child_screen(actor=worker, child=child)
    assert high.level == RiskLevel.HIGH
    follow_up = FollowUp.objects.get(child=child, done_at__isnull=True)
    assert follow_up.due_on == timezone.localdate() + dt.timedelta(days=7)


def test_it_gives_a_high_child_a_follow_up_within_a_week(world):
    child = make_child(world)
    circumstance_add(
        actor=world.personas["worker"], child=child, group=group("m"), from_date=days_ago(1)
    )
    child_screen(actor=world.personas["worker"], child=child)
    follow_up = FollowUp.objects.get(child=child)
    assert follow_up.due_on == timezone.localdate() + dt.timedelta(days=7)


def test_it_adds_no_follow_up_for_a_low_child(world):
    child = make_child(world)
    screening = child_screen(actor=world.personas["worker"], child=child)
    assert screening.level == RiskLevel.LOW
    assert not FollowUp.objects.filter(child=child).exists()


def test_it_writes_one_audit_row_per_screening(world):
    worker = world.personas["worker"]
    child = letters_child(world)
    before = AuditLog.objects.count()
    screening = child_screen(actor=worker, child=child)
    assert AuditLog.objects.count() == before + 1
    row = AuditLog.objects.latest("event_time")
    assert row.event_type == AuditEvent.UPDATE
    assert row.subject_id == str(child.uid)
    assert row.admin_unit_id == world.commune_a.pk
    assert row.extra_data["screening"] == str(screening.uid)
    assert row.extra_data["level"] == "medium"
    assert row.extra_data["follow_up_action"] == "created"


def _row_counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    for model in apps.get_models():
        if model._meta.app_label in ("pghistory", "sessions") or model.__name__.endswith("Event"):
            continue
        counts[model._meta.label] = model._default_manager.count()
    return counts


def test_it_never_opens_a_case_only_a_screening_and_a_follow_up(world):
    child = make_child(world)
    circumstance_add(
        actor=world.personas["worker"], child=child, group=group("i"), from_date=days_ago(1)
    )
    before = _row_counts()
    child_screen(actor=world.personas["worker"], child=child)
    changed = {label: n for label, n in (_row_counts() - before).items() if n}
    assert changed == {"children.RiskScreening": 1, "children.FollowUp": 1, "audit.AuditLog": 1}


def test_it_lists_open_follow_ups_in_the_viewers_area_soonest_first(world):
    worker = world.personas["worker"]
    medium = letters_child(world)
    high = make_child(world, full_name="Trần Văn Nam")
    circumstance_add(actor=worker, child=high, group=group("i"), from_date=days_ago(1))
    elsewhere = make_child(
        world, full_name="Phạm Thị Hoa", commune=world.commune_b, village=world.village_b1
    )
    circumstance_add(actor=worker, child=elsewhere, group=group("i"), from_date=days_ago(1))
    for child in (medium, high, elsewhere):
        child_screen(actor=worker, child=child)

    assert [f.child for f in follow_up_list(viewer=worker)] == [high, medium]
    assert [f.child for f in follow_up_list(viewer=world.personas["outsider"])] == [elsewhere]


def test_it_leaves_done_follow_ups_and_archived_children_off_the_list(world):
    worker = world.personas["worker"]
    done = letters_child(world)
    archived = letters_child(world)
    child_screen(actor=worker, child=done)
    child_screen(actor=worker, child=archived)
    FollowUp.objects.filter(child=done).update(done_at=timezone.now())
    child_archive(actor=worker, child=archived, reason="Chuyển đi nơi khác")
    assert list(follow_up_list(viewer=worker)) == []


def test_it_shows_no_follow_ups_to_someone_without_an_area(world):
    child = letters_child(world)
    child_screen(actor=world.personas["worker"], child=child)
    assert list(follow_up_list(viewer=world.personas["hotline"])) == []
    assert list(follow_up_list(viewer=world.personas["police"])) == []


# --- protection level ------------------------------------------------------------------


def test_it_puts_a_child_without_anything_at_prevention(world):
    child = make_child(world)
    low = child_screen(actor=world.personas["worker"], child=child)
    assert (
        protection_level(child, latest_screening=low, has_open_case=False)
        == ProtectionLevel.PREVENTION
    )
    assert (
        protection_level(child, latest_screening=None, has_open_case=False)
        == ProtectionLevel.PREVENTION
    )


def test_it_puts_a_child_in_special_circumstances_or_at_risk_at_support(world):
    worker = world.personas["worker"]
    orphan = make_child(world)
    circumstance_add(actor=worker, child=orphan, group=group("a.3"), from_date=days_ago(9))
    assert (
        protection_level(orphan, latest_screening=None, has_open_case=False)
        == ProtectionLevel.SUPPORT
    )
    at_risk = letters_child(world)
    medium = child_screen(actor=worker, child=at_risk)
    assert (
        protection_level(at_risk, latest_screening=medium, has_open_case=False)
        == ProtectionLevel.SUPPORT
    )


def test_it_puts_a_child_with_an_open_case_or_already_harmed_at_intervention(world):
    worker = world.personas["worker"]
    child = make_child(world)
    assert (
        protection_level(child, latest_screening=None, has_open_case=True)
        == ProtectionLevel.INTERVENTION
    )
    harmed = make_child(world)
    circumstance_add(actor=worker, child=harmed, group=group("l.1"), from_date=days_ago(9))
    assert (
        protection_level(harmed, latest_screening=None, has_open_case=False)
        == ProtectionLevel.INTERVENTION
    )


def test_it_forgets_a_circumstance_once_it_has_ended(world):
    worker = world.personas["worker"]
    child = make_child(world)
    record = circumstance_add(actor=worker, child=child, group=group("i"), from_date=days_ago(9))
    circumstance_end(actor=worker, circumstance=record, to_date=days_ago(1))
    assert (
        protection_level(child, latest_screening=None, has_open_case=False)
        == ProtectionLevel.PREVENTION
    )


def test_it_builds_the_risk_panel_context_and_renders_it(world):
    worker = world.personas["worker"]
    child = letters_child(world)
    risk_factor_add(
        actor=worker, child=child, factor=factor("poor_household"), observed_on=days_ago(2)
    )
    circumstance_add(
        actor=worker, child=child, group=group("a.3"), from_date=days_ago(5), evidence="Giấy tờ"
    )
    child_screen(actor=worker, child=child)
    risk = child_risk_context(child, has_open_case=False)
    risk["show_reasons"] = True
    assert risk["protection_level"] == ProtectionLevel.SUPPORT
    assert [r.factor.code for r in risk["risk_factors"]] == ["poor_household"]
    html = render_to_string("children/partials/child_risk.html", {"risk": risk})
    assert "Hỗ trợ" in html
    assert LETTERS_THREE["relative_social_evils"] in html
    assert "Hộ nghèo hoặc hộ cận nghèo" in html
    assert "Trẻ em mồ côi cả cha và mẹ đang sống cùng người thân thích" in html
    assert "Giấy tờ" in html
