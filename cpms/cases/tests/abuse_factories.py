"""Abuse details for tests: referrals to the police, perpetrators, milestones, attachments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cpms.accounts.models import Agency, AgencyAccessGrant
from cpms.accounts.services import access_grant_give
from cpms.attachments.models import Attachment
from cpms.attachments.services import attachment_add
from cpms.cases.abuse import JusticeData, PerpetratorData, justice_record, perpetrator_add
from cpms.cases.attachment_owner import case_subject
from cpms.cases.models import AllegedPerpetrator, Case, JusticeMilestone
from cpms.testing import World

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def refer(world: World, case: Case, agency: Agency | None = None) -> AgencyAccessGrant:
    """Refer the case to an agency (the police of commune A by default) for ten days."""
    return access_grant_give(
        actor=world.personas["leader"],
        agency=agency or world.police_a,
        subject_type="cases.case",
        subject_id=case.uid,
        admin_unit=world.commune_a,
        until=timezone.now() + dt.timedelta(days=10),
        reason="Chuyển cơ quan công an điều tra",
        field_groups=["identity", "abuse_details", "perpetrators", "justice_track"],
    )


def add_perpetrator(world: World, case: Case, **overrides: Any) -> AllegedPerpetrator:
    values: dict[str, Any] = {
        "full_name": "Trần Văn Dượng",
        "relationship": "step_parent",
        "sex": "male",
        "age": 41,
        "lives_with_child": True,
    }
    values.update(overrides)
    return perpetrator_add(
        actor=world.personas["worker"], case=case, data=PerpetratorData(**values)
    )


def add_milestone(
    world: World, case: Case, persona: str = "worker", **overrides: Any
) -> JusticeMilestone:
    values: dict[str, Any] = {
        "kind": "reported",
        "occurred_on": timezone.localdate(),
        "unit": "Công an phường A",
        "reported_by": "Cán bộ xã",
    }
    values.update(overrides)
    return justice_record(actor=world.personas[persona], case=case, data=JusticeData(**values))


def upload(name: str = "bien-ban.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def add_attachment(world: World, case: Case, name: str = "bien-ban.pdf") -> Attachment:
    return attachment_add(
        actor=world.personas["worker"], subject=case_subject(case), upload=upload(name)
    )
