"""Integration clients and tokens for tests, built through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cpms.api.models import IntegrationClient, Scope
from cpms.api.services import IssuedToken, integration_client_create, token_issue
from cpms.intake.choices import Channel
from cpms.testing import World

BOTH = (Scope.REPORTS_CREATE, Scope.REPORTS_READ)


def make_client(world: World, name: str = "Tổng đài 111") -> IntegrationClient:
    return integration_client_create(
        actor=None, name=name, agency=world.hotline, channel=Channel.HOTLINE_111
    )


def make_token(
    client: IntegrationClient,
    scopes: tuple[str, ...] = BOTH,
    expires_at: dt.datetime | None = None,
) -> IssuedToken:
    return token_issue(
        actor=None,
        client=client,
        scopes=scopes,
        expires_at=expires_at or timezone.now() + dt.timedelta(days=30),
    )


def auth(issued: IssuedToken, key: str | None = "key-1") -> dict[str, Any]:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issued.plaintext}"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return headers


def report_body(world: World, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "commune_code": world.commune_a.code,
        "received_at": timezone.now().isoformat(),
        "description": "Người gọi cho biết trẻ bị bỏ đói nhiều ngày.",
        "concern_types": ["neglect"],
        "reporter": {"name": "Lê Văn Tâm", "phone": "0912345678", "relation": "neighbour"},
        "children": [{"full_name": "Phạm Minh Khôi", "age_estimate": 7, "sex": "male"}],
    }
    body.update(overrides)
    return body
