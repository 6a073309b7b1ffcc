"""Likely duplicates of a child record.

Candidates come from a few indexed blocking queries within the viewer's scope (one SQL
statement for one probe or many, see dedup_blocks.py), then are re-scored in Python by
`assess`, the same function a brute-force scorer applies to every record (bench/dedup.py).
Twins and siblings (same mother or father, birth dates within about two years, another given
name) are labelled as such, never as likely duplicates.

Noise the blocks and the score survive: diacritics dropped or decomposed (NFD), đ/d, case
(all removed by the search keys), Huỳnh/Hoàng and Võ/Vũ (family_canon), a typo in the given
name, given name first, middle name dropped, day and month swapped, a date off by days or
known only by year or month, another commune, a commune merged in 2025, parents missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cpms.accounts.scope import AnyUser
from cpms.core.text import search_key
from cpms.geography.models import AdminUnit, UnitLevel
from cpms.geography.selectors import unit_successors_at, units_rolling_up_to

from .dedup_blocks import candidate_statement, swap_day_month
from .models import Child
from .names import FAMILY_CANON, name_keys


class MatchLabel(StrEnum):
    LIKELY_DUPLICATE = "likely_duplicate"
    POSSIBLE_DUPLICATE = "possible_duplicate"
    TWIN_OR_SIBLING = "twin_or_sibling"


@dataclass(frozen=True)
class Probe:
    full_name: str
    birth_date: dt.date
    birth_precision: str = "exact"
    sex: str = ""
    commune: AdminUnit | None = None
    village: AdminUnit | None = None
    personal_id: str = ""
    mother_name: str = ""
    father_name: str = ""
    exclude_pk: int | None = None


@dataclass
class Candidate:
    child: Child
    score: float
    label: MatchLabel
    reasons: list[str] = field(default_factory=list)


class Matchable(Protocol):
    """What scoring reads of a record: a Child, or a row of MATCH_FIELDS (bench, import)."""

    @property
    def pk(self) -> Any: ...
    @property
    def name_key(self) -> str: ...
    @property
    def family_key(self) -> str: ...
    @property
    def family_canon(self) -> str: ...
    @property
    def given_key(self) -> str: ...
    @property
    def birth_date(self) -> dt.date: ...
    @property
    def birth_precision(self) -> str: ...
    @property
    def sex(self) -> str: ...
    @property
    def commune_id(self) -> int: ...
    @property
    def village_id(self) -> int | None: ...
    @property
    def personal_id(self) -> str: ...
    @property
    def mother_key(self) -> str: ...
    @property
    def father_key(self) -> str: ...


MATCH_FIELDS = (
    "pk",
    "name_key",
    "family_key",
    "family_canon",
    "given_key",
    "birth_date",
    "birth_precision",
    "sex",
    "commune_id",
    "village_id",
    "personal_id",
    "mother_key",
    "father_key",
)

# Points. A record must reach POSSIBLE to be shown; LIKELY also needs the same given name.
GIVEN, FAMILY, MIDDLE, DATE = 30.0, 15.0, 10.0, 25.0
SEX, SEX_DIFF = 5.0, -10.0
COMMUNE, VILLAGE = 8.0, 2.0
MOTHER, MOTHER_DIFF, FATHER, FATHER_DIFF = 12.0, -12.0, 8.0, -8.0
PID, PID_DIFF = 40.0, -30.0
SWAPPED_ORDER = -2.0
LIKELY, POSSIBLE = 85.0, 62.0
SIBLING_DAYS = 2 * 366
DATE_WINDOW_DAYS = 40  # the "date off by days" block


class F:
    """Bits of what `assess` found (plain ints: enum flags cost more than the scoring)."""

    PID_SAME = 1 << 0
    PID_DIFF = 1 << 1
    NAME_SAME = 1 << 2
    GIVEN_SAME = 1 << 3
    GIVEN_NEAR = 1 << 4
    FAMILY_SAME = 1 << 5
    FAMILY_VARIANT = 1 << 6
    NAME_SWAPPED = 1 << 7
    MIDDLE_MISSING = 1 << 8
    MIDDLE_DIFF = 1 << 9
    DATE_SAME = 1 << 10
    DATE_SWAP = 1 << 11
    DATE_NEAR = 1 << 12
    DATE_YEAR = 1 << 13
    DATE_MONTH = 1 << 14
    SEX_DIFF = 1 << 15
    COMMUNE_SAME = 1 << 16
    AREA_SAME = 1 << 17
    VILLAGE_SAME = 1 << 18
    MOTHER_SAME = 1 << 19
    MOTHER_NEAR = 1 << 20
    MOTHER_DIFF = 1 << 21
    FATHER_SAME = 1 << 22
    FATHER_NEAR = 1 << 23
    FATHER_DIFF = 1 << 24
    SIBLING = 1 << 25


@lru_cache(maxsize=16)
def _reason_texts(language: str | None) -> list[tuple[int, int, str]]:
    """(flags needed, flags the text also covers, text), most telling first, in `language`
    (the active one: the argument is the cache key)."""
    name = F.NAME_SAME | F.GIVEN_SAME | F.FAMILY_SAME
    return [
        (F.PID_SAME, 0, _("Trùng số định danh")),
        (F.PID_DIFF, 0, _("Số định danh khác nhau")),
        (F.NAME_SAME | F.DATE_SAME, name, _("Cùng họ tên và ngày sinh")),
        (F.NAME_SAME, name, _("Cùng họ tên")),
        (F.SIBLING, 0, _("Cùng cha hoặc mẹ nhưng khác tên: có thể là anh chị em ruột, sinh đôi")),
        (F.GIVEN_SAME, 0, _("Cùng tên")),
        (F.GIVEN_NEAR, 0, _("Tên gần giống (có thể viết sai)")),
        (F.FAMILY_SAME, 0, _("Cùng họ")),
        (F.FAMILY_VARIANT, 0, _("Cùng họ, cách viết khác (Huỳnh/Hoàng, Võ/Vũ)")),
        (F.NAME_SWAPPED, 0, _("Họ và tên viết theo thứ tự khác")),
        (F.MIDDLE_MISSING, 0, _("Thiếu tên đệm")),
        (F.MIDDLE_DIFF, 0, _("Tên đệm khác")),
        (F.DATE_SAME, 0, _("Cùng ngày sinh")),
        (F.DATE_SWAP, 0, _("Ngày sinh đảo ngày và tháng")),
        (F.DATE_NEAR, 0, _("Ngày sinh gần nhau")),
        (F.DATE_MONTH, 0, _("Cùng tháng và năm sinh")),
        (F.DATE_YEAR, 0, _("Cùng năm sinh")),
        (F.SEX_DIFF, 0, _("Khác giới tính")),
        (F.COMMUNE_SAME, 0, _("Cùng xã, phường")),
        (F.AREA_SAME, 0, _("Cùng địa bàn (đơn vị hành chính trước và sau sắp xếp)")),
        (F.VILLAGE_SAME, 0, _("Cùng thôn, tổ dân phố")),
        (F.MOTHER_SAME, 0, _("Cùng họ tên mẹ")),
        (F.MOTHER_NEAR, 0, _("Tên mẹ gần giống")),
        (F.MOTHER_DIFF, 0, _("Tên mẹ khác")),
        (F.FATHER_SAME, 0, _("Cùng họ tên cha")),
        (F.FATHER_NEAR, 0, _("Tên cha gần giống")),
        (F.FATHER_DIFF, 0, _("Tên cha khác")),
    ]


def reasons_for(flags: int) -> list[str]:
    """The Vietnamese reasons for `flags`; a combined reason replaces its parts."""
    out: list[str] = []
    shown = 0
    for needed, covers, text in _reason_texts(get_language()):
        if flags & needed == needed and not needed & shown:
            out.append(text)
            shown |= needed | covers
    return out


@dataclass(frozen=True, slots=True)
class ProbeKeys:
    """A probe reduced to matching keys (computed once per probe)."""

    name_key: str
    family_key: str
    family_canon: str
    given_key: str
    middle: tuple[str, ...]
    swapped_family: str  # given-first order: the last word is the family name
    swapped_given: str
    birth_date: dt.date
    precision: str
    sex: str
    commune_id: int | None
    village_id: int | None
    area_ids: frozenset[int]  # communes merged into, or out of, the probe's commune
    personal_id: str
    mother_key: str
    father_key: str


def probe_keys(probe: Probe, area_ids: Iterable[int] = ()) -> ProbeKeys:
    keys = name_keys(probe.full_name)
    tokens = keys.name_key.split(" ")
    swapped = len(tokens) > 1
    last = tokens[-1]
    return ProbeKeys(
        name_key=keys.name_key,
        family_key=keys.family_key,
        family_canon=keys.family_canon,
        given_key=keys.given_key,
        middle=tuple(tokens[1:-1]),
        swapped_family=FAMILY_CANON.get(last, last) if swapped else "",
        swapped_given=tokens[0] if swapped else "",
        birth_date=probe.birth_date,
        precision=probe.birth_precision or "exact",
        sex=probe.sex,
        commune_id=probe.commune.pk if probe.commune else None,
        village_id=probe.village.pk if probe.village else None,
        area_ids=frozenset(area_ids) | ({probe.commune.pk} if probe.commune else set()),
        personal_id=probe.personal_id.replace(" ", ""),
        mother_key=search_key(probe.mother_name),
        father_key=search_key(probe.father_name),
    )


@lru_cache(maxsize=1 << 16)
def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with adjacent transpositions (optimal string alignment)."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            best = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, prev2[j - 2] + 1)
            cur.append(best)
        prev2, prev = prev, cur
    return prev[-1]


@lru_cache(maxsize=1 << 16)
def _given_sim(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if abs(len(a) - len(b)) > 2 or not a or not b:
        return 0.0
    distance = _edit_distance(a, b)
    if distance == 1 and max(len(a), len(b)) >= 3:
        return 0.6
    if distance == 2 and min(len(a), len(b)) >= 5:
        return 0.3
    return 0.0


@lru_cache(maxsize=1 << 18)
def _middle(name_key: str) -> tuple[str, ...]:
    return tuple(name_key.split(" ")[1:-1])


@lru_cache(maxsize=1 << 17)
def _date_sim(pd: dt.date, pp: str, cd: dt.date, cp: str) -> tuple[float, int]:
    if pp == "year" or cp == "year":
        if pd.year == cd.year:
            return 0.7, F.DATE_YEAR
        return (0.2, 0) if abs(pd.year - cd.year) == 1 else (0.0, 0)
    if pp == "month" or cp == "month":
        if (pd.year, pd.month) == (cd.year, cd.month):
            return 0.85, F.DATE_MONTH
        return (0.4, F.DATE_NEAR) if abs((pd - cd).days) <= 45 else (0.0, 0)
    if pd == cd:
        return 1.0, F.DATE_SAME
    if swap_day_month(pd) == cd:
        return 0.8, F.DATE_SWAP
    days = abs((pd - cd).days)
    if days <= 7:
        return 0.75, F.DATE_NEAR
    if days <= 31:
        return 0.6, F.DATE_NEAR
    if days <= 62:
        return 0.4, F.DATE_NEAR
    if (pd.month, pd.day) == (cd.month, cd.day) and abs(pd.year - cd.year) == 1:
        return 0.5, 0  # a typo in the year
    if pd.year == cd.year and (pd.day == cd.day or pd.month == cd.month):
        return 0.3, 0  # a typo in the month or the day
    return (0.1, 0) if days <= 366 else (0.0, 0)


def _parent(pk: str, ck: str) -> int:
    """0 unknown, 1 same, 2 near (same family name, given name the same or one typo away),
    3 different."""
    if not pk or not ck:
        return 0
    if pk == ck:
        return 1
    same_family = pk.partition(" ")[0] == ck.partition(" ")[0]
    if same_family and _given_sim(pk.rpartition(" ")[2], ck.rpartition(" ")[2]) > 0.5:
        return 2
    return 3


_MOTHER_POINTS = (0.0, MOTHER, MOTHER / 2, MOTHER_DIFF)
_FATHER_POINTS = (0.0, FATHER, FATHER / 2, FATHER_DIFF)
_MOTHER_FLAGS = (0, F.MOTHER_SAME, F.MOTHER_NEAR, F.MOTHER_DIFF)
_FATHER_FLAGS = (0, F.FATHER_SAME, F.FATHER_NEAR, F.FATHER_DIFF)


def _assess_flags(p: ProbeKeys, c: Matchable) -> tuple[float, int]:
    flags = 0
    # Names, in the written order or given-name-first, whichever fits better.
    given = _given_sim(p.given_key, c.given_key)
    family = 1.0 if p.family_canon == c.family_canon else 0.0
    points = GIVEN * given + FAMILY * family
    if p.swapped_given and p.swapped_family == c.family_canon:  # family name written last
        given2 = _given_sim(p.swapped_given, c.given_key)
        points2 = GIVEN * given2 + FAMILY + SWAPPED_ORDER
        if points2 > points:
            points, given, family = points2, given2, 1.0
            flags |= F.NAME_SWAPPED
    if given == 1.0:
        flags |= F.GIVEN_SAME
    elif given > 0:
        flags |= F.GIVEN_NEAR
    if family:
        flags |= (
            F.FAMILY_VARIANT
            if p.family_key != c.family_key and not flags & F.NAME_SWAPPED
            else F.FAMILY_SAME
        )
    middle = _middle(c.name_key)
    if p.middle == middle:
        points += MIDDLE
    elif not p.middle or not middle:
        points += MIDDLE / 2
        flags |= F.MIDDLE_MISSING
    elif set(p.middle) & set(middle):
        points += MIDDLE * 0.6
    else:
        flags |= F.MIDDLE_DIFF
    if p.name_key == c.name_key:
        flags |= F.NAME_SAME
    # Birth date.
    date, date_flags = _date_sim(p.birth_date, p.precision, c.birth_date, c.birth_precision)
    points += DATE * date
    flags |= date_flags
    # Sex, place.
    if p.sex and c.sex:
        if p.sex == c.sex:
            points += SEX
        else:
            points += SEX_DIFF
            flags |= F.SEX_DIFF
    if c.commune_id == p.commune_id:
        points += COMMUNE
        flags |= F.COMMUNE_SAME
    elif c.commune_id in p.area_ids:
        points += COMMUNE
        flags |= F.AREA_SAME
    if p.village_id is not None and c.village_id == p.village_id:
        points += VILLAGE
        flags |= F.VILLAGE_SAME
    # Parents.
    mother = _parent(p.mother_key, c.mother_key)
    father = _parent(p.father_key, c.father_key)
    points += _MOTHER_POINTS[mother] + _FATHER_POINTS[father]
    flags |= _MOTHER_FLAGS[mother] | _FATHER_FLAGS[father]
    shared_parent = mother == 1 or father == 1
    if shared_parent and given < 1.0 and abs((p.birth_date - c.birth_date).days) <= SIBLING_DAYS:
        flags |= F.SIBLING
    # Identity number.
    if p.personal_id and c.personal_id:
        if p.personal_id == c.personal_id:
            points += PID
            flags |= F.PID_SAME
        else:
            points += PID_DIFF
            flags |= F.PID_DIFF
    return points, flags


def label_for(score: float, flags: int) -> MatchLabel | None:
    """The label of a scored record, or None when it is not worth showing."""
    if flags & F.PID_SAME:
        return MatchLabel.LIKELY_DUPLICATE
    if flags & F.SIBLING:
        return MatchLabel.TWIN_OR_SIBLING
    if score >= LIKELY and flags & F.GIVEN_SAME:
        return MatchLabel.LIKELY_DUPLICATE
    if score >= POSSIBLE:
        return MatchLabel.POSSIBLE_DUPLICATE
    return None


def assess(p: ProbeKeys, c: Matchable) -> tuple[float, MatchLabel | None]:
    """Score and label of one record against a probe (the brute-force entry point)."""
    score, flags = _assess_flags(p, c)
    return score, label_for(score, flags)


def score_pair(p: ProbeKeys, c: Matchable) -> tuple[float, list[str]]:
    """Score of one record against a probe, with the reasons shown to users."""
    score, flags = _assess_flags(p, c)
    return score, reasons_for(flags)


def related_commune_ids(commune: AdminUnit | None, *, day: dt.date | None = None) -> set[int]:
    """The commune, the unit(s) it became by `day`, and every commune merged into those.

    A probe in a commune that ended in the 2025 reorganisation also matches records in its
    successor and in the successor's other predecessors, and vice versa. Costs one query per
    succession hop (none for a current unit) plus one.
    """
    if commune is None:
        return set()
    targets = unit_successors_at(commune, day or timezone.localdate()) or [commune]
    area = Q()
    for target in targets:
        area |= Q(pk__in=units_rolling_up_to(target))
    units = AdminUnit.objects.filter(area, level=UnitLevel.COMMUNE).values_list("pk", flat=True)
    return {commune.pk, *units}


def duplicate_candidates(*, viewer: AnyUser, probe: Probe, limit: int = 10) -> list[Candidate]:
    """Best-first candidates for `probe` among the children `viewer` reaches.

    Queries: the viewer's grants (cached on the user), the communes related to the probe's
    commune by the 2025 reorganisation (one, plus one per succession hop for an old unit),
    and one for the candidates the blocks find, whatever the number of records.
    """
    keys = probe_keys(probe, related_commune_ids(probe.commune))
    statement = candidate_statement(
        viewer=viewer, probes=[keys], area_ids=keys.area_ids, exclude_pk=probe.exclude_pk
    )
    if statement is None:
        return []
    sql, params = statement
    found = RawSQL(f"SELECT found.id FROM ({sql}) AS found", params)  # noqa: S608,S611 - constants
    children = Child.objects.filter(pk__in=found).select_related("commune", "village")
    return score_children(keys, children, limit=limit)


R = TypeVar("R", bound=Matchable)


def best_matches(
    keys: ProbeKeys, records: Iterable[R], *, limit: int
) -> list[tuple[float, int, MatchLabel, R]]:
    """(score, flags, label, record) of the records worth showing, best first (score, then
    id), at most `limit`."""
    scored = []
    for record in records:
        score, flags = _assess_flags(keys, record)
        label = label_for(score, flags)
        if label is not None:
            scored.append((score, flags, label, record))
    scored.sort(key=lambda row: (-row[0], row[3].pk))
    return scored[:limit]


def score_children(keys: ProbeKeys, children: Iterable[Child], *, limit: int) -> list[Candidate]:
    return [
        Candidate(child=child, score=round(score, 1), label=label, reasons=reasons_for(flags))
        for score, flags, label, child in best_matches(keys, children, limit=limit)
    ]
