"""Scoped reads of the registry."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from cpms.accounts.scope import AnyUser, unit_scope_q
from cpms.core.text import search_key

from .models import Child

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
    return children.order_by("given_key", "name_key", "birth_date", "pk")
