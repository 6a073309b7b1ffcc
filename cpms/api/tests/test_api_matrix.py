"""Every API operation × every kind of token × in-scope / out-of-scope object answers as
matrix_ops.py says; the operations are read from the published OpenAPI document."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cpms.api.api import api
from cpms.api.models import IntegrationClient, Scope
from cpms.api.services import token_revoke
from cpms.api.tests.factories import BOTH, make_client, make_token, report_body
from cpms.api.tests.matrix_ops import NO_OBJECT, OBJECTS, OPS_MATRIX, TOKENS
from cpms.audit.models import AuditEvent, AuditLog
from cpms.intake.tests.factories import make_report
from cpms.testing import World


def published_operations() -> dict[str, dict[str, Any]]:
    paths = api.get_openapi_schema()["paths"]
    return {
        f"{method.upper()} {path}": op for path, ops in paths.items() for method, op in ops.items()
    }


def test_the_table_covers_every_published_operation():
    assert set(OPS_MATRIX) == set(published_operations())


def test_every_operation_has_a_row_for_every_token_and_object():
    for key, op in published_operations().items():
        names_object = any(p["in"] == "path" for p in op.get("parameters", []))
        assert set(OPS_MATRIX[key]) == set(OBJECTS if names_object else NO_OBJECT), key
        for column in OPS_MATRIX[key].values():
            assert set(column) == set(TOKENS), key


def bearers(world: World) -> dict[str, str | None]:
    own = make_client(world)
    expired = make_token(own, expires_at=timezone.now() - dt.timedelta(seconds=1))
    revoked = make_token(own)
    token_revoke(actor=None, token=revoked.token)
    switched_off = make_client(world, "Hệ thống đã tắt")
    inactive = make_token(switched_off)
    IntegrationClient.objects.filter(pk=switched_off.pk).update(active=False)
    return {
        "none": None,
        "garbage": "abc.def",
        "expired": expired.plaintext,
        "revoked": revoked.plaintext,
        "inactive": inactive.plaintext,
        "create": make_token(own, scopes=(Scope.REPORTS_CREATE,)).plaintext,
        "read": make_token(own, scopes=(Scope.REPORTS_READ,)).plaintext,
        "both": make_token(own, scopes=BOTH).plaintext,
    }


def submitted(world: World, bearer: str) -> str:
    response = Client().post(
        "/api/v1/reports",
        json.dumps(report_body(world)),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {bearer}",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )
    assert response.status_code == 201, response.content
    return str(response.json()["id"])


def objects(world: World, tokens: dict[str, str | None]) -> dict[str, str]:
    other = make_token(make_client(world, "Đường dây nóng tỉnh")).plaintext
    return {
        "own": submitted(world, str(tokens["both"])),
        "other": submitted(world, other),
        "web": str(make_report(world).uid),
        "missing": str(uuid.uuid4()),
    }


def call(key: str, world: World, bearer: str | None, object_id: str) -> int:
    method, path = key.split(" ", 1)
    headers: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {bearer}"} if bearer else {}
    url = path.replace("{report_id}", object_id)
    if method == "POST":
        body = json.dumps(report_body(world))
        headers["HTTP_IDEMPOTENCY_KEY"] = str(uuid.uuid4())
        return Client().post(url, body, content_type="application/json", **headers).status_code
    query = {"province_code": world.province.code} if path.endswith("/communes") else {}
    return Client().get(url, query, **headers).status_code


@pytest.mark.parametrize("key", sorted(OPS_MATRIX))
def test_each_operation_answers_every_token_as_written(key, world, settings):
    settings.CPMS_API_RATE_LIMIT = 1_000_000
    tokens = bearers(world)
    ids = objects(world, tokens) if set(OPS_MATRIX[key]) != set(NO_OBJECT) else {"-": ""}
    mismatches = {}
    for target, column in OPS_MATRIX[key].items():
        for token, expected in column.items():
            status = call(key, world, tokens[token], ids[target])
            if status != expected:
                mismatches[(target, token)] = (expected, status)
    assert mismatches == {}, f"{key}: (object, token) → (expected, got)"


def test_an_out_of_scope_report_is_refused_like_a_missing_one_and_audited(world):
    tokens = bearers(world)
    ids = objects(world, tokens)
    headers: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {tokens['read']}"}
    answers = {
        target: Client().get(f"/api/v1/reports/{ids[target]}", **headers)
        for target in ("other", "web", "missing")
    }
    assert {r.status_code for r in answers.values()} == {404}
    assert len({r.content for r in answers.values()}) == 1
    refused = AuditLog.objects.filter(event_type=AuditEvent.OUT_OF_SCOPE)
    assert set(refused.values_list("subject_id", flat=True)) == {
        ids["other"],
        ids["web"],
        ids["missing"],
    }
