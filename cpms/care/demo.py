"""Caregivers and one placement for the Quảng Ngãi demo (idempotent; invented people)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cpms.accounts.models import User
from cpms.children.models import Child, ChildCircumstance
from cpms.geography.demo import DemoGeography

from .choices import PlacementKind, ProviderKind
from .models import CareProvider
from .services import (
    PlacementData,
    ProviderData,
    placement_decide,
    placement_propose,
    provider_register,
    provider_verify,
)
from .services.providers import checklist_items

COMMUNE = "Phường Nghĩa Lộ"

PROVIDERS = [
    # kind, name, representative, birth year, capacity, fails (checklist codes not met)
    (ProviderKind.FAMILY, "Gia đình ông Lê Văn Thành", "Lê Văn Thành", 1975, 2, ()),
    (ProviderKind.INDIVIDUAL, "Bà Đỗ Thị Hạnh", "", 1968, 1, ()),
    (
        ProviderKind.FAMILY,
        "Gia đình bà Trương Thị Lệ",
        "Trương Thị Lệ",
        1980,
        1,
        ("living_conditions",),
    ),
    (
        ProviderKind.FACILITY,
        "Trung tâm Công tác xã hội tỉnh Quảng Ngãi",
        "Giám đốc Trung tâm",
        None,
        60,
        (),
    ),
]


@transaction.atomic
def seed_demo_care(geo: DemoGeography) -> int:
    """Four caregivers (one that fails a condition) and a foster placement in Nghĩa Lộ.
    Does nothing when caregivers exist."""
    if CareProvider.objects.exists():
        return 0
    worker = User.objects.get(username="canbo.nghialo")
    chairman = User.objects.get(username="chutich.nghialo")
    commune = geo.communes[COMMUNE]
    villages = geo.villages[COMMUNE]
    today = timezone.localdate()
    made = []
    for index, (kind, name, representative, year, capacity, fails) in enumerate(PROVIDERS):
        provider = provider_register(
            actor=worker,
            data=ProviderData(
                kind=kind,
                name=name,
                representative=representative,
                birth_year=year,
                commune=commune,
                village=villages[index % len(villages)] if villages else None,
                capacity=capacity,
                registered_on=today - dt.timedelta(days=90),
                phone=f"090500{index:04d}",
            ),
        )
        results = {i.code: (i.code not in fails, "") for i in checklist_items(provider)}
        provider_verify(
            actor=worker,
            provider=provider,
            verified_on=today - dt.timedelta(days=80),
            results=results,
            expected_version=provider.version,
        )
        made.append(provider)
    orphan = (
        ChildCircumstance.objects.filter(child__commune=commune, group__code__in=["a", "b", "a.1"])
        .values_list("child_id", flat=True)
        .first()
    )
    child = (Child.objects.filter(pk=orphan).first() if orphan else None) or (
        Child.objects.filter(commune=commune).order_by("pk")[2:3].first()
    )
    if child is not None:
        placement = placement_propose(
            actor=worker,
            data=PlacementData(
                child=child,
                kind=PlacementKind.FOSTER,
                provider=made[0],
                reason="Trẻ không có người chăm sóc; gia đình ông Thành đã đăng ký, đủ điều kiện.",
                planned_start_on=today - dt.timedelta(days=170),
                guardian_consent=False,
                consent_exception="Trẻ không còn cha mẹ, người giám hộ",
            ),
        )
        placement_decide(
            actor=chairman,
            placement=placement,
            decision_number="15/QĐ-UBND",
            decision_date=today - dt.timedelta(days=175),
            decision_issuer="Chủ tịch UBND phường Nghĩa Lộ",
            start_on=today - dt.timedelta(days=170),
            expected_version=placement.version,
        )
    return len(made)
