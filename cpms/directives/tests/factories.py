"""A directive issued by the test province, followed by the province office (the officer's
agency), with clause 1.2 given to commune A's People's Committee, reporting 6-monthly from a
year and a half ago (so ended periods exist whatever today is)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cpms.accounts.models import Agency
from cpms.directives.choices import DocumentKind, Schedule
from cpms.directives.models import ClauseAssignment, Directive, DirectiveClause
from cpms.directives.services import (
    DirectiveData,
    assignment_add,
    clause_save,
    directive_create,
    reference_get_or_create,
)
from cpms.testing import World


def half_year_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 1 if day.month <= 6 else 7, 1)


def earlier_start() -> dt.date:
    """The start of the half-year that began a year before the current one."""
    today = timezone.localdate()
    return half_year_start(today).replace(year=half_year_start(today).year - 1)


def last_ended_start() -> dt.date:
    """The start of the latest half-year that has ended."""
    current = half_year_start(timezone.localdate())
    return dt.date(current.year - 1, 7, 1) if current.month == 1 else dt.date(current.year, 1, 1)


def make_directive(world: World, **overrides: Any) -> Directive:
    reference = reference_get_or_create(
        actor=None,
        kind=DocumentKind.DIRECTIVE,
        symbol="18/CT-TTg",
        issuer="Thủ tướng Chính phủ",
        title="Về tăng cường giải pháp phòng, chống bạo lực, xâm hại trẻ em",
        issued_on=dt.date(2017, 5, 16),
    )
    values: dict[str, Any] = {
        "kind": DocumentKind.OFFICIAL_LETTER,
        "symbol": "UBND-VX",
        "subject": "V/v tăng cường công tác phòng ngừa tội phạm xâm hại tình dục trẻ em",
        "issuer_name": "UBND tỉnh Thử Nghiệm",
        "issuing_unit": world.province,
        "effective_from": earlier_start(),
        "issued_year": earlier_start().year,
        "lead_agency": world.province_office,
        "references": [reference],
    }
    values.update(overrides)
    return directive_create(actor=None, data=DirectiveData(**values))


def make_clause(
    directive: Directive, number: str = "1.2", keys: list[str] | None = None
) -> DirectiveClause:
    return clause_save(
        actor=None,
        directive=directive,
        number=number,
        text="Nâng cao năng lực cho đội ngũ làm công tác trẻ em các cấp.",
        order=int(number.replace(".", "")),
        figure_keys=keys if keys is not None else ["reports_received", "cases_opened"],
    )


def make_assignment(
    world: World, *, agency: Agency | None = None, clause: DirectiveClause | None = None, **kw: Any
) -> ClauseAssignment:
    clause = clause or make_clause(make_directive(world))
    values: dict[str, Any] = {"schedule": Schedule.SEMIANNUAL}
    values.update(kw)
    return assignment_add(actor=None, clause=clause, agency=agency or world.pc_a, **values)
