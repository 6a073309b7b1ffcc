"""Transparent risk screening, the follow-up list and the child's protection level.

The screening adds up the weights of the risk factors that apply to a child (recorded by a
worker, or read from the child's record and family) and names every one of them in its
reasons. A child in a group of children already harmed (Law on Children Art. 10, groups i,
k, l, m) is always high. A medium or high screening puts the child on the worker's
follow-up list; a screening never opens a case: that stays a person's decision.

Protection level (Law on Children Art. 47-50): intervention for a child with an open case or
already harmed; support for a child in special circumstances or screened medium or high;
prevention otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpms.accounts.models import User
from cpms.accounts.scope import AnyUser
from cpms.audit.models import AuditEvent

from .choices import LivingSituation, ParentsMarital, ProtectionLevel, Relationship, RiskLevel
from .models import (
    Child,
    ChildCircumstance,
    ChildRiskFactor,
    FamilyLink,
    FollowUp,
    PersonSensitiveFact,
    RiskFactor,
    RiskScreening,
    SpecialCircumstanceGroup,
)
from .models.family import SensitiveFactKind
from .selectors import child_scope
from .services import audit_child

SUBJECT = "children.child"

# Thresholds on the score (sum of weights). Configurable here; shown in every screening.
MEDIUM_FROM = 2
HIGH_FROM = 5
# Groups of Art. 10 whose children have already been harmed: violence, exploitation, sexual
# abuse, trafficking. A sub-group counts through its top group.
HARMED_GROUPS = frozenset({"i", "k", "l", "m"})
# Days from the screening to the follow-up due date (calendar days).
FOLLOW_UP_DAYS: dict[str, int] = {RiskLevel.HIGH: 7, RiskLevel.MEDIUM: 30}

# Codes of the seeded risk factors that are also read from the record (migration 0003).
PARENTS_DIVORCED_SEPARATED = "parents_divorced_separated"
PARENTS_FAR_AWAY = "parents_far_away"
RELATIVE_SOCIAL_EVILS = "relative_social_evils"
OUT_OF_SCHOOL = "out_of_school"
LIVING_ALONE = "living_alone"
ELDERLY_CARERS = "elderly_carers"
DISABILITY = "disability"
HOUSEHOLD_VIOLENCE = "household_violence"

SOCIAL_EVIL_KINDS = frozenset(
    {
        SensitiveFactKind.DRUGS,
        SensitiveFactKind.GAMBLING,
        SensitiveFactKind.PROSTITUTION,
        SensitiveFactKind.CRIMINAL_RECORD,
    }
)
PARENT_RELATIONSHIPS = (
    Relationship.FATHER,
    Relationship.MOTHER,
    Relationship.STEPFATHER,
    Relationship.STEPMOTHER,
)
# Groups that imply a risk factor: d (disability) and h (left school to earn a living).
GROUP_FACTORS = {"d": DISABILITY, "h": OUT_OF_SCHOOL}


class FactOrigin(models.TextChoices):
    """Where a fact was found, shown in its reason."""

    RECORDED = "recorded", gettext_lazy("cán bộ ghi nhận")
    CHILD_RECORD = "child_record", gettext_lazy("theo hồ sơ của trẻ")
    FAMILY = "family", gettext_lazy("theo thông tin gia đình")
    CIRCUMSTANCE = "circumstance", gettext_lazy("theo nhóm hoàn cảnh đặc biệt")


@dataclass(frozen=True)
class FactorFact:
    """A risk factor that applies to the child, with its weight at screening time."""

    code: str
    name: str
    weight: int
    origin: FactOrigin
    order: int = 0


@dataclass(frozen=True)
class HarmFact:
    """An active special circumstance of a group of children already harmed."""

    group_code: str
    group_name: str


@dataclass(frozen=True)
class ChildFacts:
    factors: tuple[FactorFact, ...] = ()
    harmed: tuple[HarmFact, ...] = ()


@dataclass(frozen=True)
class ScreeningResult:
    level: RiskLevel
    score: int
    reasons: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# Pure functions


def top_group_code(group: SpecialCircumstanceGroup) -> str:
    """The law's letter of a group or of a sub-group's group (needs `parent` loaded)."""
    return group.parent.code if group.parent is not None else group.code


def assess(facts: ChildFacts) -> ScreeningResult:
    """Score the facts and give the level with one Vietnamese reason per fact, then a summary.

    A factor found several ways (recorded by a worker and read from the record) counts once.
    """
    by_code: dict[str, list[FactorFact]] = {}
    for fact in facts.factors:
        by_code.setdefault(fact.code, []).append(fact)
    reasons: list[str] = []
    for harm in facts.harmed:
        reasons.append(
            _("Trẻ thuộc nhóm «%(group)s» (trẻ đã bị xâm hại): mức nguy cơ cao.")
            % {"group": harm.group_name}
        )
    score = 0
    for same in sorted(by_code.values(), key=lambda group: (group[0].order, group[0].code)):
        first = same[0]
        origins = ", ".join(dict.fromkeys(str(f.origin.label) for f in same))
        score += first.weight
        reasons.append(
            _("%(factor)s (%(origin)s): trọng số %(weight)d.")
            % {"factor": first.name, "origin": origins, "weight": first.weight}
        )
    if facts.harmed or score >= HIGH_FROM:
        level = RiskLevel.HIGH
    elif score >= MEDIUM_FROM:
        level = RiskLevel.MEDIUM
    else:
        level = RiskLevel.LOW
    if not reasons:
        reasons.append(_("Không có yếu tố nguy cơ nào được ghi nhận."))
    reasons.append(
        _(
            "Tổng điểm %(score)d: mức %(level)s "
            "(trung bình từ %(medium)d điểm, cao từ %(high)d điểm)."
        )
        % {
            "score": score,
            "level": str(level.label).lower(),
            "medium": MEDIUM_FROM,
            "high": HIGH_FROM,
        }
    )
    return ScreeningResult(level=level, score=score, reasons=reasons)


def protection_level(
    child: Child,
    *,
    latest_screening: RiskScreening | None,
    has_open_case: bool,
    circumstances: Iterable[ChildCircumstance] | None = None,
) -> ProtectionLevel:
    """Art. 47: intervention, support or prevention.

    `circumstances` are the child's active special circumstances with `group__parent`
    loaded; when omitted they are read (one query).
    """
    active = list(active_circumstances(child) if circumstances is None else circumstances)
    if has_open_case or any(top_group_code(c.group) in HARMED_GROUPS for c in active):
        return ProtectionLevel.INTERVENTION
    screened_at_risk = latest_screening is not None and latest_screening.level in (
        RiskLevel.MEDIUM,
        RiskLevel.HIGH,
    )
    if active or screened_at_risk:
        return ProtectionLevel.SUPPORT
    return ProtectionLevel.PREVENTION


# ---------------------------------------------------------------------------------------
# Reads


def _open_on(end_field: str, day: dt.date) -> Q:
    """The end date is not set or after `day` (the record still applies on `day`)."""
    return Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gt": day})


def active_circumstances(child: Child, *, on: dt.date | None = None) -> QuerySet[ChildCircumstance]:
    """The child's special circumstances on a day (default today; `to_date` is inclusive)."""
    day = on or timezone.localdate()
    return (
        ChildCircumstance.objects.filter(child=child, from_date__lte=day)
        .filter(Q(to_date__isnull=True) | Q(to_date__gte=day))
        .select_related("group", "group__parent")
        .order_by("group__order", "group__code", "from_date")
    )


def active_risk_factors(child: Child, *, on: dt.date | None = None) -> QuerySet[ChildRiskFactor]:
    """Risk factors recorded for the child that still apply on a day (default today)."""
    day = on or timezone.localdate()
    return (
        ChildRiskFactor.objects.filter(child=child, observed_on__lte=day)
        .filter(_open_on("resolved_on", day))
        .select_related("factor")
        .order_by("factor__order", "factor__code", "observed_on")
    )


def child_facts(child: Child, *, on: dt.date | None = None) -> ChildFacts:
    """Everything the screening looks at, in five queries whatever the child's record holds."""
    day = on or timezone.localdate()
    factors = {f.code: f for f in RiskFactor.objects.filter(active=True)}
    by_id = {f.pk: f for f in factors.values()}
    found: list[FactorFact] = []

    def add(code: str, origin: FactOrigin) -> None:
        factor = factors.get(code)
        if factor is not None:  # an officer may switch a factor off in the admin
            found.append(
                FactorFact(
                    code=code,
                    name=factor.name,
                    weight=factor.weight,
                    origin=origin,
                    order=factor.order,
                )
            )

    recorded = ChildRiskFactor.objects.filter(
        child=child, observed_on__lte=day, factor_id__in=list(by_id)
    ).filter(_open_on("resolved_on", day))
    for factor_id in recorded.values_list("factor_id", flat=True):
        add(by_id[factor_id].code, FactOrigin.RECORDED)

    if child.parents_marital in (ParentsMarital.DIVORCED, ParentsMarital.SEPARATED):
        add(PARENTS_DIVORCED_SEPARATED, FactOrigin.CHILD_RECORD)
    if child.out_of_school:
        add(OUT_OF_SCHOOL, FactOrigin.CHILD_RECORD)
    if child.living_situation == LivingSituation.ALONE:
        add(LIVING_ALONE, FactOrigin.CHILD_RECORD)
    if child.living_situation == LivingSituation.GRANDPARENTS:
        add(ELDERLY_CARERS, FactOrigin.CHILD_RECORD)
    if child.disability.strip():
        add(DISABILITY, FactOrigin.CHILD_RECORD)

    links = FamilyLink.objects.filter(child=child).filter(_open_on("ended_at", day))
    if links.filter(relationship__in=PARENT_RELATIONSHIPS, person__works_far_away=True).exists():
        add(PARENTS_FAR_AWAY, FactOrigin.FAMILY)
    kinds = set(
        PersonSensitiveFact.objects.filter(
            # one filter() call: the conditions hold for the same family link
            Q(person__child_links__ended_at__isnull=True)
            | Q(person__child_links__ended_at__gt=day),
            person__child_links__child=child,
            person__child_links__lives_with_child=True,
            recorded_on__lte=day,
        )
        .filter(_open_on("ended_on", day))
        .values_list("kind", flat=True)
        .distinct()
    )
    if kinds & SOCIAL_EVIL_KINDS:
        add(RELATIVE_SOCIAL_EVILS, FactOrigin.FAMILY)
    if SensitiveFactKind.VIOLENCE in kinds:
        add(HOUSEHOLD_VIOLENCE, FactOrigin.FAMILY)

    harmed: list[HarmFact] = []
    for circumstance in active_circumstances(child, on=day):
        top = top_group_code(circumstance.group)
        if top in HARMED_GROUPS:
            harmed.append(
                HarmFact(group_code=circumstance.group.code, group_name=str(circumstance.group))
            )
        if top in GROUP_FACTORS:
            add(GROUP_FACTORS[top], FactOrigin.CIRCUMSTANCE)
    return ChildFacts(factors=tuple(found), harmed=tuple(harmed))


def latest_screening(child: Child) -> RiskScreening | None:
    return child.screenings.order_by("-screened_at", "-pk").first()


def follow_up_list(*, viewer: AnyUser) -> QuerySet[FollowUp]:
    """Open follow-ups of the (not archived) children in the viewer's area, soonest first."""
    children = child_scope(viewer).filter(archived_at__isnull=True)
    return (
        FollowUp.objects.filter(done_at__isnull=True, child__in=children)
        .select_related("child", "child__village", "screening")
        .order_by("due_on", "pk")
    )


def child_risk_context(child: Child, *, has_open_case: bool) -> dict[str, Any]:
    """The context of templates/children/partials/child_risk.html (three queries)."""
    circumstances = list(active_circumstances(child))
    screening = latest_screening(child)
    return {
        "child": child,
        "protection_level": protection_level(
            child,
            latest_screening=screening,
            has_open_case=has_open_case,
            circumstances=circumstances,
        ),
        "latest_screening": screening,
        "risk_factors": list(active_risk_factors(child)),
        "circumstances": circumstances,
    }


# ---------------------------------------------------------------------------------------
# Writes


def _follow_up_due(level: str, day: dt.date) -> dt.date | None:
    days = FOLLOW_UP_DAYS.get(level)
    return None if days is None else day + dt.timedelta(days=days)


@transaction.atomic
def child_screen(*, actor: User | None, child: Child) -> RiskScreening:
    """Screen the child now, keep the result, and put a medium or high child on the follow-up
    list: a new follow-up, or the open one kept (brought forward if the new due date is
    sooner). Never opens a case. One audit row."""
    locked = Child.objects.select_for_update().get(pk=child.pk)
    now = timezone.now()
    today = timezone.localdate(now)
    result = assess(child_facts(locked, on=today))
    screening = RiskScreening(
        child=locked,
        level=result.level,
        score=result.score,
        reasons=result.reasons,
        screened_by=actor,
        screened_at=now,
    )
    screening.full_clean(exclude=["screened_by"])
    screening.save()

    follow_up: FollowUp | None = None
    action = ""
    due = _follow_up_due(result.level, today)
    if due is not None:
        follow_up = (
            FollowUp.objects.filter(child=locked, done_at__isnull=True)
            .order_by("due_on", "pk")
            .first()
        )
        if follow_up is None:
            follow_up = FollowUp(
                child=locked,
                reason=_("Sàng lọc nguy cơ: mức %(level)s (%(score)d điểm).")
                % {"level": str(result.level.label).lower(), "score": result.score},
                due_on=due,
                screening=screening,
                created_by=actor,
            )
            follow_up.full_clean(exclude=["created_by"])
            follow_up.save()
            action = "created"
        elif follow_up.due_on > due:
            follow_up.due_on = due
            follow_up.save(update_fields=["due_on", "updated_at"])
            action = "brought_forward"
        else:
            action = "kept"
    audit_child(
        event=AuditEvent.UPDATE,
        actor=actor,
        child=locked,
        extra={
            "screening": str(screening.uid),
            "level": result.level.value,
            "score": result.score,
            "follow_up": str(follow_up.uid) if follow_up else None,
            "follow_up_action": action,
        },
    )
    return screening
