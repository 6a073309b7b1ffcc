"""Likely duplicates of a batch of rows among the registry's children (the warning a row
gets), with the blocks, scope and scoring of `dedup.duplicate_candidates`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from cpms.accounts.scope import AnyUser
from cpms.core.bulk import fetch_bound

from ..dedup import MATCH_FIELDS, MatchLabel, Probe, ProbeKeys, best_matches, probe_keys
from ..dedup_blocks import candidate_ids
from ..models import Child
from .checked import CheckedRow

DEDUP_LIMIT = 3  # likely duplicates looked at per row, best first


class _MatchRow(NamedTuple):
    """What scoring reads of a registry child (dedup.Matchable), and what a warning shows:
    a plain row, much cheaper to load than a model instance."""

    pk: int
    name_key: str
    family_key: str
    family_canon: str
    given_key: str
    birth_date: dt.date
    birth_precision: str
    sex: str
    commune_id: int
    village_id: int | None
    personal_id: str
    mother_key: str
    father_key: str
    full_name: str
    village__name: str | None


assert _MatchRow._fields[: len(MATCH_FIELDS)] == MATCH_FIELDS


@cache
def _match_sql() -> str:
    """The statement reading the _MatchRow of children given as one array of ids."""
    ids = RawSQL("SELECT unnest(%s::bigint[])", ([],))
    query = Child.objects.filter(pk__in=ids).values_list(*_MatchRow._fields).query
    sql, params = query.sql_with_params()
    assert len(params) == 1, "the ids are the only parameter"
    return sql


@dataclass
class DuplicateLookup:
    """What the database says of a batch's rows: the probes, the ids their blocks found
    (by index in `probes`), the registry children they name."""

    probes: list[tuple[CheckedRow, ProbeKeys]]
    found: dict[int, set[int]]
    by_pk: dict[int, _MatchRow]


def look_up_duplicates(
    rows: list[CheckedRow], *, viewer: AnyUser, area_ids: set[int]
) -> DuplicateLookup:
    """`dedup.duplicate_candidates(limit=3)`'s blocks for every row with data (the rows
    skipped later are left out when warning), in one statement for the blocks of all rows
    and one for the candidates they name. Only queries: it may run beside (`pipeline`)."""
    probes: list[tuple[CheckedRow, ProbeKeys]] = []
    for row in rows:
        if row.data is None or row.has_errors:
            continue
        data = row.data
        probe = Probe(
            full_name=data.full_name,
            birth_date=data.birth_date,
            birth_precision=data.birth_precision,
            sex=data.sex,
            commune=data.commune,
            village=data.village,
            personal_id=data.personal_id,
            mother_name=row.mother.full_name if row.mother else "",
            father_name=row.father.full_name if row.father else "",
        )
        probes.append((row, probe_keys(probe, area_ids)))
    if not probes:
        return DuplicateLookup(probes, {}, {})
    keys = [keys for _row, keys in probes]
    found = candidate_ids(viewer=viewer, probes=keys, area_ids=area_ids)
    pks = set().union(*found.values()) if found else set()
    by_pk = {
        match.pk: match for match in map(_MatchRow._make, fetch_bound(_match_sql(), [list(pks)]))
    }
    return DuplicateLookup(probes, found, by_pk)


def warn_found_duplicates(lookup: DuplicateLookup) -> None:
    """The warnings of the rows still to import, with the scoring of `dedup.best_matches`."""
    by_pk = lookup.by_pk
    for index, (row, keys) in enumerate(lookup.probes):
        if not row.importable:
            continue
        matches = [by_pk[pk] for pk in lookup.found.get(index, ()) if pk in by_pk]
        for _score, _flags, label, child in best_matches(keys, matches, limit=DEDUP_LIMIT):
            if label != MatchLabel.LIKELY_DUPLICATE:
                continue
            place = child.village__name or ""
            row.warning(
                "full_name",
                _(
                    "Có thể trùng với trẻ đã có: %(name)s, sinh %(date)s%(place)s. Dòng này "
                    "vẫn được nhập; hãy kiểm tra và gộp hồ sơ nếu là cùng một trẻ."
                )
                % {
                    "name": child.full_name,
                    "date": child.birth_date.strftime("%d/%m/%Y"),
                    "place": f", {place}" if place else "",
                },
            )


def warn_likely_duplicates(rows: list[CheckedRow], *, viewer: AnyUser, area_ids: set[int]) -> None:
    """`dedup.duplicate_candidates(limit=3)` for every row of the batch still to import, with
    the same blocks, scope and scoring."""
    warn_found_duplicates(look_up_duplicates(rows, viewer=viewer, area_ids=area_ids))
