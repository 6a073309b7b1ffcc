"""Writes to the caregiver registry: register, verify the Art. 63 checklist, stop receiving."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.core.text import normalize_text, search_key
from cpms.geography.models import AdminUnit

from ..models import CareProvider, EligibilityItem, ProviderVerification, VerificationResult
from .common import audit_provider, check_version, require


@dataclass
class ProviderData:
    kind: str
    name: str
    commune: AdminUnit
    registered_on: dt.date
    capacity: int = 1
    village: AdminUnit | None = None
    representative: str = ""
    birth_year: int | None = None
    phone: str = ""
    address: str = ""
    notes: str = ""


@transaction.atomic
def provider_register(*, actor: User, data: ProviderData) -> CareProvider:
    """Add an individual, family or facility to the registry (TTHC "Đăng ký nhận chăm sóc
    thay thế"). It can receive a child only after its checklist has been verified."""
    if data.village is not None and data.village.parent_id != data.commune.pk:
        raise ValidationError({"village": _("Thôn, tổ dân phố không thuộc xã, phường đã chọn.")})
    unit = data.village or data.commune
    require(actor, unit, Perm.CASE_EDIT)
    if data.registered_on > timezone.localdate():
        raise ValidationError({"registered_on": _("Ngày đăng ký không được ở tương lai.")})
    provider = CareProvider(
        kind=data.kind,
        name=normalize_text(data.name),
        name_key=search_key(data.name),
        representative=normalize_text(data.representative),
        birth_year=data.birth_year,
        phone=normalize_text(data.phone),
        commune=data.commune,
        village=data.village,
        unit_path=unit.path,
        address=normalize_text(data.address),
        capacity=data.capacity,
        registered_on=data.registered_on,
        notes=data.notes.strip(),
        created_by=actor,
    )
    provider.full_clean(exclude=["commune", "village", "created_by"])
    provider.save()
    audit_provider(event=AuditEvent.CREATE, actor=actor, provider=provider)
    return provider


def checklist_items(provider: CareProvider) -> list[EligibilityItem]:
    return list(
        EligibilityItem.objects.filter(active=True, applies_to=provider.applies_to).order_by(
            "order", "code"
        )
    )


@transaction.atomic
def provider_verify(
    *,
    actor: User,
    provider: CareProvider,
    verified_on: dt.date,
    results: dict[str, tuple[bool, str]],
    note: str = "",
    expected_version: int | None,
) -> ProviderVerification:
    """Record a verification of every checklist item (Mẫu 11). The caregiver is eligible only
    if every item is met; the latest verification is the one that counts."""
    locked = CareProvider.objects.select_for_update().get(pk=provider.pk)
    check_version(locked.version, expected_version)
    require(actor, locked.commune, Perm.CASE_EDIT)
    if verified_on > timezone.localdate():
        raise ValidationError({"verified_on": _("Ngày xác minh không được ở tương lai.")})
    items = checklist_items(locked)
    missing = [item.text for item in items if item.code not in results]
    if missing:
        raise ValidationError(
            _("Chưa đánh giá điều kiện: %(items)s.") % {"items": "; ".join(missing)}
        )
    verification = ProviderVerification.objects.create(
        provider=locked,
        verified_on=verified_on,
        verified_by=actor,
        eligible=all(results[item.code][0] for item in items),
        note=note.strip(),
    )
    VerificationResult.objects.bulk_create(
        VerificationResult(
            verification=verification,
            item=item,
            met=results[item.code][0],
            note=normalize_text(results[item.code][1])[:300],
        )
        for item in items
    )
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    audit_provider(
        event=AuditEvent.UPDATE,
        actor=actor,
        provider=locked,
        extra={
            "verified": str(verification.uid),
            "eligible": verification.eligible,
            "not_met": [item.code for item in items if not results[item.code][0]],
        },
    )
    return verification


def eligibility_problems(provider: CareProvider) -> list[str]:
    """Why the caregiver cannot receive a new child now (empty when it can)."""
    if provider.archived_at is not None:
        return [_("Người nhận chăm sóc thay thế đã ngừng nhận trẻ.")]
    latest = provider.verifications.order_by("-verified_on", "-pk").first()
    if latest is None:
        return [_("Chưa xác minh điều kiện nhận chăm sóc thay thế.")]
    results = {r.item_id: r for r in latest.results.select_related("item")}
    problems = [
        _("Không đáp ứng điều kiện: %(item)s.") % {"item": r.item.text}
        for r in sorted(results.values(), key=lambda r: (r.item.order, r.item.code))
        if not r.met
    ]
    unchecked = [item.text for item in checklist_items(provider) if item.pk not in results]
    if unchecked:
        problems.append(_("Chưa xác minh điều kiện: %(items)s.") % {"items": "; ".join(unchecked)})
    return problems


@transaction.atomic
def provider_archive(
    *, actor: User, provider: CareProvider, reason: str, expected_version: int | None
) -> CareProvider:
    """Stop offering the caregiver for new placements; its history stays."""
    locked = CareProvider.objects.select_for_update().get(pk=provider.pk)
    check_version(locked.version, expected_version)
    require(actor, locked.commune, Perm.CASE_EDIT)
    if not normalize_text(reason):
        raise ValidationError({"reason": _("Ghi lý do ngừng nhận trẻ.")})
    locked.archived_at = timezone.now()
    locked.archive_reason = normalize_text(reason)[:300]
    locked.version += 1
    locked.save(update_fields=["archived_at", "archive_reason", "version", "updated_at"])
    audit_provider(
        event=AuditEvent.ARCHIVE,
        actor=actor,
        provider=locked,
        extra={"reason": locked.archive_reason},
    )
    return locked
