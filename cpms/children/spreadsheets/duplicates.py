"""Likely duplicates of a batch of rows among the registry's children (the warning a row
gets), with the blocks, scope and scoring of `dedup.duplicate_candidates`."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.utils.translation import gettext as _

from cpms.accounts.scope import AnyUser

from ..dedup import MATCH_FIELDS, MatchLabel, Probe, best_matches, probe_keys
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


def warn_likely_duplicates(rows: list[CheckedRow], *, viewer: AnyUser, area_ids: set[int]) -> None:
    """`dedup.duplicate_candidates(limit=3)` for every row of the batch, with the same
    blocks, scope and scoring, in one statement for the blocks of all rows and one for
    the candidates they name."""
    ready: list[tuple[CheckedRow, Probe]] = []
    for row in rows:
        if not row.importable or row.data is None:
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
        ready.append((row, probe))
    if not ready:
        return
    keys = [probe_keys(probe, area_ids) for _row, probe in ready]
    found = candidate_ids(viewer=viewer, probes=keys, area_ids=area_ids)
    pks = set().union(*found.values()) if found else set()
    by_pk = {
        match.pk: match
        for match in map(
            _MatchRow._make,
            Child.objects.filter(pk__in=pks).values_list(*_MatchRow._fields),
        )
    }
    for index, (row, _probe) in enumerate(ready):
        matches = [by_pk[pk] for pk in found.get(index, ()) if pk in by_pk]  # not archived
        for _score, _flags, label, child in best_matches(keys[index], matches, limit=DEDUP_LIMIT):
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
