"""Caregivers and placements for tests, built through the services."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from django.apps import apps
from django.utils import timezone

from cpms.care.choices import PlacementKind, ProviderKind
from cpms.care.models import CareProvider, Placement
from cpms.care.services import (
    PlacementData,
    ProviderData,
    placement_decide,
    placement_propose,
    provider_register,
    provider_verify,
)
from cpms.care.services.providers import checklist_items
from cpms.children.models import Child
from cpms.children.tests.factories import make_child
from cpms.testing import World


def reference_data() -> None:
    """The seeded checklist and review rule (restored if a transactional test flushed them)."""
    importlib.import_module("cpms.care.migrations.0002_fill_care_reference").fill(apps, None)


def make_provider(
    world: World,
    *,
    verify: bool = True,
    fails: tuple[str, ...] = (),
    persona: str = "worker",
    **overrides: Any,
) -> CareProvider:
    reference_data()
    values: dict[str, Any] = {
        "kind": ProviderKind.FAMILY,
        "name": "Gia đình ông Lê Văn Thành",
        "commune": world.commune_a,
        "village": world.village_a1,
        "registered_on": timezone.localdate() - dt.timedelta(days=30),
        "capacity": 2,
    }
    values.update(overrides)
    actor = world.personas[persona]
    provider = provider_register(actor=actor, data=ProviderData(**values))
    if verify:
        results = {i.code: (i.code not in fails, "") for i in checklist_items(provider)}
        provider_verify(
            actor=actor,
            provider=provider,
            verified_on=timezone.localdate(),
            results=results,
            expected_version=provider.version,
        )
        provider.refresh_from_db()
    return provider


def make_placement(
    world: World,
    *,
    child: Child | None = None,
    provider: CareProvider | None = None,
    decide: bool = True,
    start_on: dt.date | None = None,
    kind: str = PlacementKind.FOSTER,
    persona: str = "worker",
    leader: str = "leader",
) -> Placement:
    child = child or make_child(world, full_name="Phạm Văn Bình", birth_date=dt.date(2014, 5, 2))
    provider = provider or make_provider(world)
    start_on = start_on or timezone.localdate()
    placement = placement_propose(
        actor=world.personas[persona],
        data=PlacementData(
            child=child,
            kind=kind,
            provider=provider,
            reason="Trẻ mồ côi cả cha và mẹ, không có người chăm sóc",
            planned_start_on=start_on,
            guardian_consent=True,
        ),
    )
    if decide:
        placement = placement_decide(
            actor=world.personas[leader],
            placement=placement,
            decision_number="15/QĐ-UBND",
            decision_date=start_on,
            decision_issuer="Chủ tịch UBND",
            start_on=start_on,
            expected_version=placement.version,
        )
    return placement
