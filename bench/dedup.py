"""Benchmark of duplicate candidates (quality-targets.md, "Duplicate candidates").

    python scripts/with_db.py pgbench python -m bench.dedup --scale 100000

Generates SCALE children (bench.generate; skipped when already there), builds noisy probes
of sampled true records (one noise each, tagged), asks duplicate_candidates as a province
area officer, and measures time per probe, recall@1 and recall@10 of the true record, per
noise type, and the share of twins labelled likely duplicates. The ceiling is brute force:
`assess` (the scoring duplicate_candidates uses) applied to every record in the viewer's
scope, for a stratified subset of the probes when scoring all of them would take too long.
Prints readable lines; the last line is one JSON object, also written to
var/bench/dedup-<scale>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import itertools
import json
import random
import statistics
import time
import unicodedata
from collections import Counter, defaultdict, namedtuple
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from bench import OUT_DIR, bootstrap

NOISES = (
    "accents_dropped",
    "d_for_dj",
    "nfd_input",
    "upper_case",
    "huynh_hoang",
    "vu_vo",
    "given_typo",
    "given_wrong_tone",
    "given_name_first",
    "middle_dropped",
    "day_month_swap",
    "date_off_days",
    "year_only",
    "moved_commune",
    "unit_merger",
    "missing_parents",
)
TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
TARGETS = {
    "recall_at_10": 0.99,
    "recall_at_1": 0.98,
    "gap_to_brute_force": 0.005,
    "twins_likely_share": 0.02,
    "p95_ms": 50.0,
}


@dataclass
class Record:
    pk: int
    full_name: str
    birth_date: dt.date
    birth_precision: str
    sex: str
    commune_id: int
    village_id: int | None
    mother_name: str
    father_name: str
    twin_id: int | None


@dataclass
class Case:
    noise: str
    true_pk: int
    probe: Any  # cpms.children.dedup.Probe
    rank: int | None = None  # of the true record, 0 = first
    label: str = ""
    ms: float = 0.0
    brute_rank: int | None = None
    brute: bool = False
    false_likely: int = 0  # other records labelled likely duplicate (the data has none)
    false_possible: int = 0


# ---- noise ---------------------------------------------------------------------------------


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _map_names(probe: Any, fn: Callable[[str], str]) -> Any:
    return replace(
        probe,
        full_name=fn(probe.full_name),
        mother_name=fn(probe.mother_name),
        father_name=fn(probe.father_name),
    )


def _typo(rng: random.Random, word: str) -> str:
    from cpms.core.text import search_key

    letters = "abcdeghiklmnopqrstuvxy"
    for _ in range(100):
        i = rng.randrange(len(word))
        op = rng.choice(("sub", "del", "ins", "swap"))
        if op == "sub":
            new = word[:i] + rng.choice(letters) + word[i + 1 :]
        elif op == "del" and len(word) > 2:
            new = word[:i] + word[i + 1 :]
        elif op == "ins":
            new = word[:i] + rng.choice(letters) + word[i:]
        elif op == "swap" and i + 1 < len(word):
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        else:
            continue
        new = new[:1].upper() + new[1:]
        if new and search_key(new) != search_key(word):
            return new
    raise ValueError(word)


def _wrong_tone(rng: random.Random, word: str) -> str:
    chars = list(unicodedata.normalize("NFD", word))
    tones = [i for i, c in enumerate(chars) if c in TONES]
    if tones:
        i = tones[0]
        chars[i] = rng.choice([t for t in TONES if t != chars[i]])
    else:
        vowel = next(i for i, c in enumerate(chars) if c.lower() in "aeiouy")
        while vowel + 1 < len(chars) and unicodedata.combining(chars[vowel + 1]):
            vowel += 1
        chars.insert(vowel + 1, rng.choice(TONES))
    return unicodedata.normalize("NFC", "".join(chars))


def _tokens(probe: Any) -> list[str]:
    return str(probe.full_name).split(" ")


def _with_tokens(probe: Any, tokens: list[str]) -> Any:
    return replace(probe, full_name=" ".join(tokens))


class Noiser:
    """Applies one noise to the probe of a true record; None when the noise does not apply."""

    def __init__(self, rng: random.Random, units: dict[int, Any], today: dt.date) -> None:
        from cpms.geography.models import UnitLevel
        from cpms.geography.selectors import unit_successors_at, units_rolling_up_to

        self.rng, self.units, self.today = rng, units, today
        communes = [u for u in units.values() if u.level == UnitLevel.COMMUNE]
        self.current = sorted(u.pk for u in communes if u.is_valid_on(today))
        self.area: dict[int, set[int]] = {}
        self.merged: dict[int, list[int]] = {}
        for unit in communes:
            targets = unit_successors_at(unit, today) or [unit]
            related = {
                u.pk
                for t in targets
                for u in units_rolling_up_to(t).filter(level=UnitLevel.COMMUNE)
            }
            self.area[unit.pk] = related
            # Another period's unit of the same area: predecessors of a current commune,
            # the successor of an old one.
            if unit.is_valid_on(today):
                self.merged[unit.pk] = sorted(related - {unit.pk})
            else:
                self.merged[unit.pk] = [t.pk for t in targets if t.pk != unit.pk]

    def __call__(self, noise: str, record: Record, probe: Any) -> Any | None:
        rng = self.rng
        tokens = _tokens(probe)
        if noise == "accents_dropped":
            return _map_names(probe, strip_accents)
        if noise == "d_for_dj":
            if "đ" not in probe.full_name.lower():
                return None
            return _map_names(probe, lambda s: s.replace("Đ", "D").replace("đ", "d"))
        if noise == "nfd_input":
            return _map_names(probe, lambda s: unicodedata.normalize("NFD", s))
        if noise == "upper_case":
            return _map_names(probe, str.upper)
        if noise in ("huynh_hoang", "vu_vo"):
            pair = ("Huỳnh", "Hoàng") if noise == "huynh_hoang" else ("Vũ", "Võ")
            if tokens[0] not in pair:
                return None
            return _with_tokens(probe, [pair[1 - pair.index(tokens[0])], *tokens[1:]])
        if noise == "given_typo":
            return _with_tokens(probe, [*tokens[:-1], _typo(rng, tokens[-1])])
        if noise == "given_wrong_tone":
            return _with_tokens(probe, [*tokens[:-1], _wrong_tone(rng, tokens[-1])])
        if noise == "given_name_first":
            return _with_tokens(probe, [tokens[-1], *tokens[1:-1], tokens[0]])
        if noise == "middle_dropped":
            return _with_tokens(probe, [tokens[0], tokens[-1]]) if len(tokens) > 2 else None
        day, exact = probe.birth_date, probe.birth_precision == "exact"
        if noise == "day_month_swap":
            if not exact or day.day > 12 or day.day == day.month:
                return None
            return replace(probe, birth_date=day.replace(month=day.day, day=day.month))
        if noise == "date_off_days":
            shifted = day + dt.timedelta(days=rng.choice((-1, 1)) * rng.randint(1, 15))
            return replace(probe, birth_date=min(shifted, self.today)) if exact else None
        if noise == "year_only":
            if not exact:
                return None
            return replace(probe, birth_date=day.replace(month=1, day=1), birth_precision="year")
        if noise == "moved_commune":
            others = [c for c in self.current if c not in self.area[record.commune_id]]
            return replace(probe, commune=self.units[rng.choice(others)], village=None)
        if noise == "unit_merger":
            merged = self.merged[record.commune_id]
            if not merged:
                return None
            return replace(probe, commune=self.units[rng.choice(merged)], village=None)
        if noise == "missing_parents":
            if not probe.mother_name and not probe.father_name:
                return None
            return replace(probe, mother_name="", father_name="")
        raise ValueError(noise)


# ---- data ----------------------------------------------------------------------------------


def bench_viewer() -> Any:
    """An area officer of the province: the 2025 unit and the one that ended on 30/06/2025
    (records of communes that ended keep their unit)."""
    from cpms.accounts.models import AgencyKind, User
    from cpms.accounts.permissions import Role
    from cpms.accounts.services import agency_create, membership_grant, user_create
    from cpms.geography.demo import seed_demo_geography

    user = User.objects.filter(username="bench-officer").first()
    if user is not None:
        return user
    geo = seed_demo_geography()
    user = user_create(
        actor=None, username="bench-officer", password=None, full_name="Cán bộ tỉnh (đo hiệu năng)"
    )
    for unit, name in (
        (geo.province, "Sở Y tế tỉnh Quảng Ngãi"),
        (geo.province_legacy, "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi (cũ)"),
    ):
        agency = agency_create(actor=None, name=name, kind=AgencyKind.AREA_OFFICE, admin_unit=unit)
        membership_grant(actor=None, user=user, agency=agency, role=Role.AREA_OFFICER)
    return user


RECORD_SQL = """
SELECT c.id, c.full_name, c.birth_date, c.birth_precision, c.sex, c.commune_id, c.village_id,
       t.mother_name, t.father_name, t.twin_id
FROM children_child c JOIN bench_child_truth t ON t.child_id = c.id
WHERE c.id = ANY(%s) ORDER BY c.id
"""


def load_records(ids: list[int]) -> list[Record]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(RECORD_SQL, [ids])
        return [Record(*row) for row in cursor.fetchall()]


def base_probe(record: Record, units: dict[int, Any], **changes: Any) -> Any:
    from cpms.children.dedup import Probe

    probe = Probe(
        full_name=record.full_name,
        birth_date=record.birth_date,
        birth_precision=record.birth_precision,
        sex=record.sex,
        commune=units[record.commune_id],
        village=units[record.village_id] if record.village_id else None,
        mother_name=record.mother_name,
        father_name=record.father_name,
    )
    return replace(probe, **changes)


def build_cases(
    n: int, per_noise: int, rng: random.Random, units: dict[int, Any], today: dt.date
) -> list[Case]:
    noiser = Noiser(rng, units, today)
    pool = load_records(rng.sample(range(1, n + 1), min(n, per_noise * 40)))
    rng.shuffle(pool)
    cases: list[Case] = []
    for noise in NOISES:
        made = 0
        for record in pool:
            if made == per_noise:
                break
            probe = noiser(noise, record, base_probe(record, units))
            if probe is not None:
                cases.append(Case(noise, record.pk, probe))
                made += 1
    return cases


def twin_cases(pairs: int, rng: random.Random, units: dict[int, Any]) -> list[Case]:
    """Probe = one twin (with its parents, then without: the register form has none),
    itself excluded; the question is how the other twin is labelled."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT child_id FROM bench_child_truth WHERE twin_id > child_id")
        ids = [row[0] for row in cursor.fetchall()]
    chosen = load_records(rng.sample(ids, min(pairs, len(ids))))
    cases = []
    for record in chosen:
        assert record.twin_id is not None
        probe = base_probe(record, units, exclude_pk=record.pk)
        cases.append(Case("twin_with_parents", record.twin_id, probe))
        cases.append(Case("twin_without_parents", record.twin_id, _no_parents(probe)))
    return cases


def _no_parents(probe: Any) -> Any:
    return replace(probe, mother_name="", father_name="")


# ---- runs ----------------------------------------------------------------------------------

# Index ideas tried with --extra-indexes (created here with raw SQL; not in the models).
EXTRA_INDEXES = {
    "bench_child_family_given_birth_idx": (
        "CREATE INDEX IF NOT EXISTS bench_child_family_given_birth_idx"
        " ON children_child (family_canon, given_key, birth_date)"
    ),
    "bench_child_imprecise_idx": (
        "CREATE INDEX IF NOT EXISTS bench_child_imprecise_idx"
        " ON children_child (family_canon, given_key, birth_year)"
        " WHERE birth_precision <> 'exact'"
    ),
}


def set_extra_indexes(enabled: bool) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for name, ddl in EXTRA_INDEXES.items():
            cursor.execute(ddl if enabled else f"DROP INDEX IF EXISTS {name}")
        cursor.execute("ANALYZE children_child")


def combined_cases(
    n: int, count: int, rng: random.Random, units: dict[int, Any], today: dt.date
) -> list[Case]:
    """Probes with two noises at once (information only; not in the headline figures)."""
    noiser = Noiser(rng, units, today)
    cases: list[Case] = []
    for record in load_records(rng.sample(range(1, n + 1), min(n, count * 10))):
        if len(cases) == count:
            break
        first, second = rng.sample(NOISES, 2)
        probe = noiser(first, record, base_probe(record, units))
        probe = noiser(second, record, probe) if probe is not None else None
        if probe is not None:
            cases.append(Case(f"{first}+{second}", record.pk, probe))
    return cases


def block_diagnostics(viewer: Any, cases: list[Case], per_noise: int) -> dict[str, Any]:
    """Each block run alone on a sample (per noise tag): time, rows, and how often it holds
    the true record (alone: no other block has it)."""
    from cpms.children.dedup import probe_keys, related_commune_ids
    from cpms.children.dedup_blocks import BLOCK_CONDITIONS, candidate_ids

    seen: Counter[str] = Counter()
    stats: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"runs": 0, "ms": [], "rows": 0, "has_true": 0, "alone": 0}
    )
    for case in cases:
        if seen[case.noise] >= per_noise:
            continue
        seen[case.noise] += 1
        keys = probe_keys(case.probe, related_commune_ids(case.probe.commune))
        holders = []
        for name in BLOCK_CONDITIONS:
            started = time.perf_counter()
            ids = candidate_ids(
                viewer=viewer, probes=[keys], area_ids=keys.area_ids, blocks=(name,)
            ).get(0, set())
            stat = stats[name]
            stat["ms"].append((time.perf_counter() - started) * 1000)
            stat["runs"] += 1
            stat["rows"] += len(ids)
            if case.true_pk in ids:
                stat["has_true"] += 1
                holders.append(name)
        if len(holders) == 1:
            stats[holders[0]]["alone"] += 1
    return {
        name: {
            "runs": stat["runs"],
            "mean_ms": round(statistics.fmean(stat["ms"]), 2),
            "p95_ms": percentile(stat["ms"], 0.95),
            "mean_rows": round(stat["rows"] / stat["runs"], 1),
            "has_true": stat["has_true"],
            "alone": stat["alone"],
        }
        for name, stat in stats.items()
    }


def run_blocked(viewer: Any, cases: list[Case], warmup: int) -> None:
    from cpms.children.dedup import MatchLabel, duplicate_candidates

    for case in cases[:warmup]:  # caches of PostgreSQL and the OS; not timed
        duplicate_candidates(viewer=viewer, probe=case.probe)
    for case in cases:
        started = time.perf_counter()
        candidates = duplicate_candidates(viewer=viewer, probe=case.probe)
        case.ms = (time.perf_counter() - started) * 1000
        pks = [c.child.pk for c in candidates]
        others = [c.label for c in candidates if c.child.pk != case.true_pk]
        case.false_likely = others.count(MatchLabel.LIKELY_DUPLICATE)
        case.false_possible = others.count(MatchLabel.POSSIBLE_DUPLICATE)
        if case.true_pk in pks:
            case.rank = pks.index(case.true_pk)
            case.label = str(candidates[case.rank].label)


def run_brute_force(viewer: Any, cases: list[Case], limit: int = 10) -> float:
    """Score every record in the viewer's scope with `assess` for each case; one pass."""
    from django.db.models import Q

    from cpms.accounts.scope import unit_scope_q
    from cpms.children.dedup import MATCH_FIELDS, assess, probe_keys, related_commune_ids
    from cpms.children.models import Child

    started = time.perf_counter()
    row_type = namedtuple("Row", MATCH_FIELDS)  # type: ignore[misc]
    keys = [probe_keys(c.probe, related_commune_ids(c.probe.commune)) for c in cases]
    heaps: list[list[tuple[float, int]]] = [[] for _ in cases]
    scope = Q(unit_scope_q(viewer, personal=True, field="unit_path"), archived_at__isnull=True)
    rows_iter = Child.objects.filter(scope).values_list(*MATCH_FIELDS).iterator(chunk_size=20000)
    while chunk := list(itertools.islice(rows_iter, 20000)):
        rows = [row_type._make(values) for values in chunk]
        for case, key, heap in zip(cases, keys, heaps, strict=True):
            excluded = case.probe.exclude_pk
            for row in rows:
                score, label = assess(key, row)
                if label is None or row.pk == excluded:
                    continue
                item = (score, -row.pk)
                if len(heap) < limit:
                    heapq.heappush(heap, item)
                elif item > heap[0]:
                    heapq.heapreplace(heap, item)
    for case, heap in zip(cases, heaps, strict=True):
        ranked = [-pk for _score, pk in sorted(heap, reverse=True)]
        case.brute = True
        case.brute_rank = ranked.index(case.true_pk) if case.true_pk in ranked else None
    return time.perf_counter() - started


def pick_brute_subset(cases: list[Case], budget: int, records: int) -> list[Case]:
    """Stratified: the first k probes of each noise type, k = budget / records / types."""
    if budget <= 0:
        return []
    per_noise = max(1, budget // max(records, 1) // len(NOISES))
    seen: Counter[str] = Counter()
    subset = []
    for case in cases:
        if seen[case.noise] < per_noise:
            subset.append(case)
            seen[case.noise] += 1
    return subset


# ---- figures -------------------------------------------------------------------------------


def share(values: Iterable[bool]) -> float:
    values = list(values)
    return round(sum(values) / len(values), 4) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def figures(cases: list[Case], twins: list[Case]) -> dict[str, Any]:
    by_noise: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_noise[case.noise].append(case)
    brute = [c for c in cases if c.brute]
    times = [c.ms for c in cases]
    per_noise = {}
    for noise, group in by_noise.items():
        brute_group = [c for c in group if c.brute]
        per_noise[noise] = {
            "probes": len(group),
            "recall_at_1": share(c.rank == 0 for c in group),
            "recall_at_10": share(c.rank is not None for c in group),
            "labels": dict(Counter(c.label or "missed" for c in group)),
            "brute_probes": len(brute_group),
            "brute_recall_at_1": share(c.brute_rank == 0 for c in brute_group),
            "brute_recall_at_10": share(c.brute_rank is not None for c in brute_group),
        }
    blocked_on_brute = {
        "recall_at_1": share(c.rank == 0 for c in brute),
        "recall_at_10": share(c.rank is not None for c in brute),
    }
    brute_figures = {
        "probes": len(brute),
        "recall_at_1": share(c.brute_rank == 0 for c in brute),
        "recall_at_10": share(c.brute_rank is not None for c in brute),
        "blocked_same_probes": blocked_on_brute,
    }
    brute_figures["gap_at_1"] = round(
        brute_figures["recall_at_1"] - blocked_on_brute["recall_at_1"], 4
    )
    brute_figures["gap_at_10"] = round(
        brute_figures["recall_at_10"] - blocked_on_brute["recall_at_10"], 4
    )
    twin_figures: dict[str, Any] = {"pairs": len(twins) // 2}
    for kind in ("twin_with_parents", "twin_without_parents"):
        group = [c for c in twins if c.noise == kind]
        twin_figures[kind] = dict(Counter(c.label or "not_shown" for c in group))
    twin_figures["likely_share"] = share(c.label == "likely_duplicate" for c in twins)
    return {
        "probes": len(cases),
        "recall_at_1": share(c.rank == 0 for c in cases),
        "recall_at_10": share(c.rank is not None for c in cases),
        "true_record_labels": dict(Counter(c.label or "missed" for c in cases)),
        "other_records": {
            "likely_per_probe": round(statistics.fmean(c.false_likely for c in cases), 3),
            "probes_with_another_likely": share(c.false_likely > 0 for c in cases),
            "possible_per_probe": round(statistics.fmean(c.false_possible for c in cases), 2),
        },
        "brute_force": brute_figures,
        "twins": twin_figures,
        "timing_ms": {
            "p50": percentile(times, 0.50),
            "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99),
            "mean": round(statistics.fmean(times), 1),
            "max": round(max(times), 1),
        },
        "per_noise": per_noise,
    }


def _no_nan(value: Any) -> Any:
    """NaN (a share of nothing) as null, so the output is strict JSON."""
    if isinstance(value, dict):
        return {k: _no_nan(v) for k, v in value.items()}
    if isinstance(value, float) and value != value:
        return None
    return value


def check_targets(result: dict[str, Any]) -> dict[str, bool | None]:
    brute = result["brute_force"]
    return {
        "recall_at_10": result["recall_at_10"] >= TARGETS["recall_at_10"],
        "recall_at_1": result["recall_at_1"] >= TARGETS["recall_at_1"],
        "within_brute_force": (
            max(brute["gap_at_1"], brute["gap_at_10"]) <= TARGETS["gap_to_brute_force"]
            if brute["probes"]
            else None
        ),
        "twins_likely_share": result["twins"]["likely_share"] <= TARGETS["twins_likely_share"],
        "p95_ms": result["timing_ms"]["p95"] <= TARGETS["p95_ms"],
    }


def _nan(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _nan(v) for k, v in value.items()}
    return float("nan") if value is None else value


def print_report(result: dict[str, Any], misses: list[str]) -> None:
    result = _nan(result)  # a figure that could not be computed prints as nan
    t, b, tw = result["timing_ms"], result["brute_force"], result["twins"]
    same = b["blocked_same_probes"]
    print(f"scale {result['scale']:,} children, seed {result['seed']}, {result['probes']} probes")
    print(f"time per probe: p50 {t['p50']} ms, p95 {t['p95']} ms, p99 {t['p99']} ms")
    print(f"recall@1 {result['recall_at_1']:.4f}, recall@10 {result['recall_at_10']:.4f}")
    print(
        f"brute force on {b['probes']} probes: recall@1 {b['recall_at_1']:.4f},"
        f" recall@10 {b['recall_at_10']:.4f}; blocked on the same probes:"
        f" {same['recall_at_1']:.4f} / {same['recall_at_10']:.4f}"
        f" (gap {b['gap_at_1']:+.4f} / {b['gap_at_10']:+.4f}); {b['seconds']} s"
    )
    print(f"{'noise':<20} {'n':>4} {'r@1':>7} {'r@10':>7} {'bf n':>5} {'bf r@1':>7} {'bf r@10':>7}")
    for noise, f in result["per_noise"].items():
        print(
            f"{noise:<20} {f['probes']:>4} {f['recall_at_1']:>7.3f} {f['recall_at_10']:>7.3f}"
            f" {f['brute_probes']:>5} {f['brute_recall_at_1']:>7.3f}"
            f" {f['brute_recall_at_10']:>7.3f}"
        )
    print(f"labels of the true record: {result['true_record_labels']}")
    o = result["other_records"]
    print(
        f"other records (the data has no duplicates): labelled likely {o['likely_per_probe']}"
        f" per probe ({o['probes_with_another_likely']:.3f} of probes have one),"
        f" possible {o['possible_per_probe']} per probe"
    )
    print(
        f"twins ({tw['pairs']} pairs): other twin labelled likely duplicate"
        f" {tw['likely_share']:.4f}; with parents {tw['twin_with_parents']},"
        f" without {tw['twin_without_parents']}"
    )
    c = result["combined_noise"]
    print(
        f"two noises at once ({c['probes']} probes, not in the figures above): recall@1"
        f" {c['recall_at_1']:.4f}, recall@10 {c['recall_at_10']:.4f}; brute force on"
        f" {c['brute_probes']}: {c['brute_recall_at_1']:.4f} / {c['brute_recall_at_10']:.4f},"
        f" blocked on those {c['blocked_recall_at_1_same_probes']:.4f}"
        f" / {c['blocked_recall_at_10_same_probes']:.4f}"
    )
    print(f"extra indexes: {result['extra_indexes'] or 'none'}")
    print(f"{'block':<20} {'runs':>5} {'ms':>6} {'p95':>6} {'rows':>6} {'true':>5} {'alone':>5}")
    for name, f in result["blocks"].items():
        print(
            f"{name:<20} {f['runs']:>5} {f['mean_ms']:>6.2f} {f['p95_ms']:>6.1f}"
            f" {f['mean_rows']:>6.1f} {f['has_true']:>5} {f['alone']:>5}"
        )
    for line in misses[:20]:
        print("look at:", line)
    print("targets met:", result["targets"])


def describe_miss(viewer: Any, case: Case) -> str:
    from cpms.children.dedup import probe_keys, related_commune_ids, score_pair
    from cpms.children.dedup_blocks import BLOCK_CONDITIONS, candidate_ids
    from cpms.children.models import Child

    keys = probe_keys(case.probe, related_commune_ids(case.probe.commune))
    true = Child.objects.get(pk=case.true_pk)
    blocks = [
        name
        for name in BLOCK_CONDITIONS
        if case.true_pk
        in candidate_ids(viewer=viewer, probes=[keys], area_ids=keys.area_ids, blocks=(name,)).get(
            0, set()
        )
    ]
    score, reasons = score_pair(keys, true)
    return (
        f"[{case.noise}] {case.probe.full_name!r} {case.probe.birth_date} → {true.full_name!r}"
        f" {true.birth_date}: rank {case.rank}, brute {case.brute_rank}, score {score:.1f},"
        f" blocks {blocks}; {'; '.join(reasons)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--per-noise", type=int, default=60, help="probes per noise type")
    parser.add_argument("--twins", type=int, default=200, help="twin pairs probed")
    parser.add_argument("--combined", type=int, default=120, help="probes with two noises")
    parser.add_argument(
        "--extra-indexes",
        action="store_true",
        help="create the index ideas of EXTRA_INDEXES first (dropped when not given)",
    )
    parser.add_argument(
        "--brute-budget",
        type=int,
        default=100_000_000,
        help="record×probe scorings for brute force",
    )
    args = parser.parse_args(argv)
    bootstrap()
    from django.utils import timezone

    from cpms.geography.models import AdminUnit

    from .generate import dataset_info, generate

    started = time.perf_counter()
    generate(args.scale, args.seed)
    generated = time.perf_counter() - started
    set_extra_indexes(args.extra_indexes)  # and ANALYZE
    print(f"data ready in {generated:.1f} s: {dataset_info()}")
    viewer = bench_viewer()
    units = {u.pk: u for u in AdminUnit.objects.all()}
    rng = random.Random(args.seed)
    today = timezone.localdate()
    cases = build_cases(args.scale, args.per_noise, rng, units, today)
    twins = twin_cases(args.twins, rng, units)
    combined = combined_cases(args.scale, args.combined, rng, units, today)
    run_blocked(viewer, cases, warmup=min(50, len(cases)))
    run_blocked(viewer, twins, warmup=0)
    run_blocked(viewer, combined, warmup=0)
    blocks = block_diagnostics(viewer, cases + combined, per_noise=10)
    subset = pick_brute_subset(cases, args.brute_budget, args.scale)
    brute_combined = combined[: len(subset) // len(NOISES)]  # as many as per noise type
    brute_seconds = run_brute_force(viewer, subset + brute_combined)
    result: dict[str, Any] = {"scale": args.scale, "seed": args.seed, **figures(cases, twins)}
    result["extra_indexes"] = sorted(EXTRA_INDEXES) if args.extra_indexes else []
    result["blocks"] = blocks
    result["combined_noise"] = {
        "probes": len(combined),
        "recall_at_1": share(c.rank == 0 for c in combined),
        "recall_at_10": share(c.rank is not None for c in combined),
        "brute_probes": len(brute_combined),
        "brute_recall_at_1": share(c.brute_rank == 0 for c in brute_combined),
        "brute_recall_at_10": share(c.brute_rank is not None for c in brute_combined),
        "blocked_recall_at_1_same_probes": share(c.rank == 0 for c in brute_combined),
        "blocked_recall_at_10_same_probes": share(c.rank is not None for c in brute_combined),
        "p95_ms": percentile([c.ms for c in combined], 0.95),
    }
    result["brute_force"]["seconds"] = round(brute_seconds, 1)
    result["brute_force"]["definition"] = (
        "assess() on every record in the viewer's scope, top 10 by (score, id);"
        f" stratified subset of {len(subset)} of {len(cases)} probes"
    )
    result["generate_seconds"] = round(generated, 1)
    result["targets"] = check_targets(result)
    misses = [
        describe_miss(viewer, c)
        for c in cases + combined
        if c.rank != 0 and (c.brute_rank == 0 or not c.brute)
    ]
    misses += [
        describe_miss(viewer, c)
        for c in twins
        if c.label == "likely_duplicate"
        or (c.noise == "twin_with_parents" and c.label != "twin_or_sibling")
    ]
    result = _no_nan(result)
    print_report(result, misses)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    suffix = "-extra-indexes" if args.extra_indexes else ""
    out = OUT_DIR / f"dedup-{args.scale}{suffix}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
