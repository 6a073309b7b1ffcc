"""Scoped reads of the registry."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat

from cpms.accounts.scope import AnyUser, unit_scope_q
from cpms.core.text import search_key

from .models import Child, Visit

if TYPE_CHECKING:
    from .dedup import Probe

_PID = re.compile(r"^\d{9,12}$")


@dataclass(frozen=True)
class ChildFilters:
    query: str = ""
    village_id: int | None = None
    include_archived: bool = False


def child_scope(viewer: AnyUser) -> QuerySet[Child]:
    """Every child the viewer reaches by area (the base of every list, search and count)."""
    return Child.objects.filter(unit_scope_q(viewer, personal=True, field="unit_path"))


def child_list(*, viewer: AnyUser, filters: ChildFilters) -> QuerySet[Child]:
    """Search by name in any word order and without diacritics, by ID number or parent name."""
    children = child_scope(viewer).select_related("commune", "village")
    if not filters.include_archived:
        children = children.filter(archived_at__isnull=True)
    if filters.village_id:
        children = children.filter(village_id=filters.village_id)
    text = filters.query.strip()
    if _PID.match(text.replace(" ", "")):
        children = children.filter(personal_id__startswith=text.replace(" ", ""))
    elif text:
        for token in search_key(text).split(" "):
            word = rf"(^| ){re.escape(token)}"  # a word starting with the token
            children = children.filter(
                Q(name_key__regex=word) | Q(mother_key__regex=word) | Q(father_key__regex=word)
            )
    return children.order_by(*LIST_ORDER)


LIST_ORDER = ("given_key", "name_key", "birth_date", "pk")
# The same order through an expression no index gives: for a list known to be short, the
# planner then finds its rows by the filters (trigram, scope, village) and sorts them, instead
# of walking child_list_order_idx from "a" until the few matches (a given name far down the
# alphabet would cost a walk over most of the registry).
SORTED_ORDER = (Concat("given_key", Value("")), "name_key", "birth_date", "pk")


def child_page(children: QuerySet[Child], start: int, stop: int, exact: bool) -> list[Child]:
    """Rows start..stop of `child_list` (CappedPaginator's fetch): the page's ids first, from
    the covering index alone, then those rows with their units."""
    ids = children.order_by(*(SORTED_ORDER if exact else LIST_ORDER)).values("pk")[start:stop]
    rows = Child.objects.filter(pk__in=ids).select_related("commune", "village")
    return list(rows.order_by(*LIST_ORDER))


def child_detail_context(child: Child, *, can_see_sensitive: bool) -> dict[str, object]:
    """Everything the detail page shows, in a fixed number of queries."""
    family = child.family_links.select_related("person").order_by("relationship", "pk")
    if can_see_sensitive:  # restricted facts are neither loaded nor shown otherwise
        family = family.prefetch_related("person__facts")
    links = list(family)
    return {
        "family": links,
        "can_see_sensitive": can_see_sensitive,
        "visits": list(child.visits.select_related("recorded_by").order_by("-visited_on")[:10]),
        "merged_from": list(child.merged_from.only("uid", "full_name")),
    }


def probe_for(child: Child) -> Probe:
    from .dedup import Probe  # dedup reads through this module

    mother = child.family_links.filter(relationship="mother").select_related("person").first()
    father = child.family_links.filter(relationship="father").select_related("person").first()
    return Probe(
        full_name=child.full_name,
        birth_date=child.birth_date,
        birth_precision=child.birth_precision,
        sex=child.sex,
        commune=child.commune,
        village=child.village,
        personal_id=child.personal_id,
        mother_name=mother.person.full_name if mother else "",
        father_name=father.person.full_name if father else "",
        exclude_pk=child.pk,
    )


def form_initial(child: Child) -> dict[str, object]:
    names = [
        "full_name",
        "birth_date",
        "birth_precision",
        "sex",
        "ethnicity",
        "personal_id",
        "birth_certificate_no",
        "address",
        "school",
        "school_class",
        "out_of_school",
        "disability",
        "living_situation",
        "parents_marital",
        "notes",
        "version",
    ]
    initial: dict[str, object] = {name: getattr(child, name) for name in names}
    initial.update(commune=child.commune_id, village=child.village_id)
    return initial


@dataclass(frozen=True)
class RoundRow:
    child: Child
    last_visit: dt.date | None
    next_due: dt.date | None
    overdue: bool


def village_round(*, viewer: AnyUser, today: dt.date) -> list[RoundRow]:
    """Children in scope with their last visit and next due date, most urgent first."""
    last = Visit.objects.filter(child=OuterRef("pk")).order_by("-visited_on")
    children = (
        child_scope(viewer)
        .filter(archived_at__isnull=True)
        .select_related("village")
        .annotate(
            last_visit=Subquery(last.values("visited_on")[:1]),
            next_due=Subquery(last.values("next_visit_on")[:1]),
        )
        .order_by(F("next_due").asc(nulls_first=True), "given_key", "pk")[:200]
    )
    return [
        RoundRow(
            child=c,
            last_visit=c.last_visit,
            next_due=c.next_due,
            overdue=c.next_due is None or c.next_due <= today,
        )
        for c in children
    ]


COMPARED_FIELDS = (
    "full_name",
    "birth_date",
    "sex",
    "personal_id",
    "birth_certificate_no",
    "commune",
    "village",
    "address",
    "school",
    "school_class",
    "living_situation",
    "parents_marital",
)


def _shown(value: object) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value or "")


def comparison_rows(a: Child, b: Child) -> list[tuple[str, str, str, bool]]:
    """(label, value in a, value in b, differs) for the merge page."""
    rows = []
    for name in COMPARED_FIELDS:
        field = Child._meta.get_field(name)
        display = f"get_{name}_display"
        va = getattr(a, display)() if hasattr(a, display) else getattr(a, name)
        vb = getattr(b, display)() if hasattr(b, display) else getattr(b, name)
        label = str(getattr(field, "verbose_name", name))
        rows.append((label, _shown(va), _shown(vb), va != vb))
    return rows
