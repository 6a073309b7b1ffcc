"""Writes to the administrative-unit tree."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from .models import AdminUnit, AdminUnitSuccession, SuccessionKind, UnitLevel


@transaction.atomic
def unit_create(
    *,
    name: str,
    level: UnitLevel | str,
    code: str = "",
    parent: AdminUnit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> AdminUnit:
    """Create a unit and its materialised path (the parent's path plus its own key)."""
    unit = AdminUnit(
        name=name,
        level=level,
        code=code,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        path="",
    )
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = f"{parent.path if parent else ''}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit


@transaction.atomic
def succession_record(
    *,
    predecessor: AdminUnit,
    successor: AdminUnit,
    kind: SuccessionKind | str,
    date: dt.date,
    legal_basis: str = "",
) -> AdminUnitSuccession:
    """Link a unit to the unit that took over its area from `date` (idempotent)."""
    link, _created = AdminUnitSuccession.objects.get_or_create(
        predecessor=predecessor,
        successor=successor,
        date=date,
        defaults={"kind": kind, "legal_basis": legal_basis},
    )
    return link
