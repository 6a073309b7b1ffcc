"""Hostile values in every field of the API's request bodies, headers and query strings.

schemathesis (test_schemathesis.py) draws random values from the schema; this sends the
chosen probes of cpms/home/tests/probes.py, one field at a time, into an otherwise valid
report: never a server error, every refusal in the error envelope, nothing half-saved, and
what was saved is shown escaped on the commune's web page. The fields are read from the
published schema, so a new field is probed without being listed here.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cpms.api.api import api
from cpms.api.tests.factories import make_client, make_token, report_body
from cpms.home.tests.probes import RAW_MARKERS, TEXT_PROBES, XSS_ATTR
from cpms.intake.models import Report

Path = tuple[str | int, ...]

WRONG_CODES = {"bad-code": XSS_ATTR, "sql-or": "' OR 1=1 --", "nul": "ab\x00c"}
PROBES: dict[str, dict[str, Any]] = {
    "text": TEXT_PROBES,
    "code": WRONG_CODES,
    "date": {
        "impossible": "2024-02-31",
        "bad-month": "2024-13-45",
        "far-future": "2999-01-01",
        "local-format": "31/02/2024",
    },
    "date-time": {
        "impossible": "2024-02-31T10:00:00+07:00",
        "far-future": "2999-01-01T00:00:00+07:00",
        "no-offset": "2024-01-01T10:00:00",
        "local-format": "31/02/2024 10:00",
    },
    "integer": {"negative": -1, "huge": 10**30, "not-a-number": "mười hai", "fraction": 1.5},
    "boolean": {"text": "có", "number": 1},
}


def _resolve(node: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return _resolve(schemas[node["$ref"].rsplit("/", 1)[1]], schemas)
    options = [o for o in node.get("anyOf", node.get("allOf", [])) if o.get("type") != "null"]
    return _resolve(options[0], schemas) if len(options) == 1 else node


def leaves(
    node: dict[str, Any], schemas: dict[str, Any], path: Path = ()
) -> Iterator[tuple[Path, str]]:
    """(path in the body, kind) of every scalar field; a list's first item stands for all."""
    node = _resolve(node, schemas)
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        for name, child in node["properties"].items():
            yield from leaves(child, schemas, (*path, name))
    elif kind == "array":
        yield from leaves(node["items"], schemas, (*path, 0))
    elif kind == "string" and ("enum" in node or "pattern" in node):
        yield path, "code"
    elif kind == "string":
        yield path, node.get("format", "text")
    elif kind in {"integer", "boolean"}:
        yield path, kind


def body_fields() -> list[tuple[str, Path, str]]:
    document = api.get_openapi_schema()
    schemas = document["components"]["schemas"]
    fields = []
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            content = op.get("requestBody", {}).get("content", {}).get("application/json")
            if content:
                key = f"{method.upper()} {path}"
                fields += [(key, p, k) for p, k in leaves(content["schema"], schemas)]
    return fields


def with_value(body: dict[str, Any], path: Path, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    target: Any = changed
    for part in path[:-1]:
        if isinstance(part, str) and part not in target:
            target[part] = {} if part != "children" else [{}]
        target = target[part]
    target[path[-1]] = value
    return changed


def test_the_fields_are_read_from_the_schema():
    found = {(path, kind) for _key, path, kind in body_fields()}
    assert (("description",), "text") in found
    assert (("children", 0, "birth_date"), "date") in found
    assert (("children", 0, "age_estimate"), "integer") in found
    assert (("reporter", "relation"), "code") in found


@pytest.fixture
def bearer(world, settings):
    settings.CPMS_API_RATE_LIMIT = 1_000_000
    return make_token(make_client(world)).plaintext


def post(bearer: str, body: Any, key: str | None = None) -> Any:
    return Client().post(
        "/api/v1/reports",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {bearer}",
        HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()),
    )


def problem_with(response: Any, saved_before: int, page: Client) -> str | None:
    status = response.status_code
    if status >= 500:
        return f"status {status}"
    if status >= 400:
        error = response.json().get("error", {})
        if not error.get("message") or Report.objects.count() != saved_before:
            return f"{status} without a message, or something saved: {response.content[:200]!r}"
        return None
    html = page.get(reverse("intake:detail", args=[response.json()["id"]]))
    found = RAW_MARKERS.search(html.content.decode())
    return f"unescaped on the web page: {found.group(0)}" if found else None


@pytest.mark.parametrize(("key", "path", "kind"), body_fields(), ids=str)
def test_no_probe_in_a_body_field_breaks_the_api(key, path, kind, world, bearer, client_for):
    assert key == "POST /api/v1/reports", "a new body: give it a valid example here"
    page = client_for("worker")
    problems = {}
    for probe, value in PROBES[kind].items():
        saved_before = Report.objects.count()
        problem = problem_with(
            post(bearer, with_value(report_body(world), path, value)), saved_before, page
        )
        if problem:
            problems[probe] = problem
    assert problems == {}, path


def test_no_probe_in_a_header_or_query_breaks_the_api(world, bearer):
    """Any printable ASCII is a valid key ("<script>…" included): saved, or refused in the
    envelope, never a server error."""
    problems = {}
    body = report_body(world)
    for probe, value in {**TEXT_PROBES, "spaces": "a b"}.items():
        answers = [
            post(bearer, body, key=value),
            Client().get(
                "/api/v1/communes", {"province_code": value}, HTTP_AUTHORIZATION=f"Bearer {bearer}"
            ),
        ]
        for response in answers:
            refused = response.status_code >= 400
            if response.status_code >= 500 or (refused and "error" not in response.json()):
                problems[probe] = response.status_code
    assert problems == {}
