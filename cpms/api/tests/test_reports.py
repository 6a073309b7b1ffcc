"""POST /api/v1/reports and GET /api/v1/reports/{id}: idempotency, scopes, tokens, errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from cpms.api.models import ApiToken, Scope
from cpms.api.services import token_revoke
from cpms.api.tests.factories import auth, make_client, make_token, report_body
from cpms.audit.models import AuditEvent, AuditLog
from cpms.intake.choices import Channel
from cpms.intake.models import Report

URL = "/api/v1/reports"


def post(issued, body, key="key-1"):
    return Client().post(
        URL, json.dumps(body), content_type="application/json", **auth(issued, key)
    )


def assert_envelope(response, status, code):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert isinstance(error["details"], list)


class TestReportCreate:
    def test_it_creates_one_report_when_a_request_is_retried_with_the_same_key(self, world):
        issued = make_token(make_client(world))
        body = report_body(world)
        first = post(issued, body)
        second = post(issued, body)
        assert first.status_code == 201
        assert second.status_code == 200
        assert first.json()["id"] == second.json()["id"]
        report = Report.objects.get()
        assert str(report.uid) == first.json()["id"]
        assert report.channel == Channel.HOTLINE_111
        assert report.commune == world.commune_a
        assert report.created_by == issued.token.client.user
        assert [c.full_name for c in report.children.all()] == ["Phạm Minh Khôi"]
        assert list(report.concern_types.values_list("code", flat=True)) == ["neglect"]
        assert (
            AuditLog.objects.filter(
                event_type=AuditEvent.CREATE, subject_type="intake.report", subject_id=report.uid
            ).count()
            == 1
        )

    def test_it_keeps_the_keys_of_different_clients_apart(self, world):
        one = make_token(make_client(world, "Tổng đài 111"))
        two = make_token(make_client(world, "Đường dây nóng tỉnh"))
        body = report_body(world)
        assert post(one, body).status_code == 201
        assert post(two, body).status_code == 201
        assert Report.objects.count() == 2

    def test_it_refuses_the_same_key_with_a_different_body(self, world):
        issued = make_token(make_client(world))
        assert post(issued, report_body(world)).status_code == 201
        response = post(issued, report_body(world, description="Một nội dung khác."))
        assert_envelope(response, 409, "idempotency_conflict")
        assert Report.objects.count() == 1

    def test_it_requires_an_idempotency_key(self, world):
        issued = make_token(make_client(world))
        response = post(issued, report_body(world), key=None)
        assert_envelope(response, 422, "validation_error")
        assert Report.objects.count() == 0

    def test_it_refuses_a_token_without_the_scope(self, world):
        issued = make_token(make_client(world), scopes=(Scope.REPORTS_READ,))
        response = post(issued, report_body(world))
        assert_envelope(response, 403, "insufficient_scope")
        assert Report.objects.count() == 0
        assert AuditLog.objects.filter(
            event_type=AuditEvent.DENIED, subject_id=issued.token.uid
        ).exists()

    def test_it_answers_validation_errors_in_the_envelope(self, world):
        issued = make_token(make_client(world))
        response = post(issued, report_body(world, children=[]))
        assert_envelope(response, 422, "validation_error")
        assert response.json()["error"]["details"][0]["loc"][-1] == "children"

    def test_it_refuses_an_unknown_commune_or_concern_type(self, world):
        issued = make_token(make_client(world))
        response = post(issued, report_body(world, commune_code="00000"), key="a")
        assert_envelope(response, 422, "validation_error")
        assert response.json()["error"]["details"][0]["loc"][-1] == "commune_code"
        response = post(issued, report_body(world, concern_types=["nope"]), key="b")
        assert_envelope(response, 422, "validation_error")
        assert Report.objects.count() == 0

    def test_it_refuses_a_birth_date_in_the_future_from_the_service(self, world):
        issued = make_token(make_client(world))
        future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
        body = report_body(world, children=[{"full_name": "A", "birth_date": future}])
        response = post(issued, body)
        assert_envelope(response, 422, "validation_error")
        assert response.json()["error"]["details"][0]["loc"][-1] == "birth_date"

    def test_it_answers_a_bad_json_body_in_the_envelope(self, world):
        issued = make_token(make_client(world))
        response = Client().post(URL, "{not json", content_type="application/json", **auth(issued))
        assert response.status_code in {400, 422}
        assert response.json()["error"]["code"] in {"bad_request", "validation_error"}


class TestToken:
    def test_it_refuses_a_missing_or_wrong_token(self, world):
        issued = make_token(make_client(world))
        response = Client().post(URL, "{}", content_type="application/json")
        assert_envelope(response, 401, "unauthorized")
        assert response["WWW-Authenticate"] == "Bearer"
        prefix = issued.plaintext.split(".")[0]
        wrong = Client().post(
            URL, "{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {prefix}.x"
        )
        assert_envelope(wrong, 401, "unauthorized")

    def test_it_refuses_an_expired_token(self, world):
        issued = make_token(make_client(world), expires_at=timezone.now() - dt.timedelta(seconds=1))
        assert_envelope(post(issued, report_body(world)), 401, "unauthorized")

    def test_it_refuses_a_revoked_token(self, world):
        issued = make_token(make_client(world))
        assert post(issued, report_body(world)).status_code == 201
        token_revoke(actor=None, token=issued.token)
        assert_envelope(post(issued, report_body(world), key="k2"), 401, "unauthorized")

    def test_it_refuses_a_token_of_a_switched_off_client(self, world):
        issued = make_token(make_client(world))
        type(issued.token.client).objects.update(active=False)
        assert_envelope(post(issued, report_body(world)), 401, "unauthorized")

    def test_it_stores_only_a_hash_and_records_use(self, world):
        issued = make_token(make_client(world))
        secret = issued.plaintext.split(".", 1)[1]
        stored = ApiToken.objects.get(pk=issued.token.pk)
        assert secret not in stored.secret_hash
        assert stored.last_used_at is None
        post(issued, report_body(world))
        assert ApiToken.objects.get(pk=issued.token.pk).last_used_at is not None

    def test_it_limits_the_rate_per_token(self, world, settings):
        settings.CPMS_API_RATE_LIMIT = 2
        issued = make_token(make_client(world))
        other = make_token(make_client(world, "Khác"))
        body = report_body(world)
        assert post(issued, body).status_code == 201
        assert post(issued, body).status_code == 200
        response = post(issued, body)
        assert_envelope(response, 429, "rate_limited")
        assert response["Retry-After"] == "60"
        assert post(other, body).status_code == 201


class TestReportDetail:
    def test_it_shows_the_status_of_a_report_the_client_created(self, world):
        issued = make_token(make_client(world))
        created = post(issued, report_body(world)).json()
        response = Client().get(f"{URL}/{created['id']}", **auth(issued, None))
        assert response.status_code == 200
        data = response.json()
        assert data["status"] == "received"
        assert data["commune_code"] == world.commune_a.code
        assert [c["full_name"] for c in data["children"]] == ["Phạm Minh Khôi"]
        assert "reporter" not in data
        assert AuditLog.objects.filter(
            event_type=AuditEvent.READ, subject_id=created["id"]
        ).exists()

    def test_it_hides_another_clients_report(self, world):
        one = make_token(make_client(world, "Một"))
        two = make_token(make_client(world, "Hai"))
        created = post(one, report_body(world)).json()
        response = Client().get(f"{URL}/{created['id']}", **auth(two, None))
        assert_envelope(response, 404, "not_found")
        assert AuditLog.objects.filter(
            event_type=AuditEvent.OUT_OF_SCOPE, subject_id=created["id"]
        ).exists()

    def test_it_hides_a_report_made_on_the_web(self, world):
        from cpms.intake.tests.factories import make_report

        issued = make_token(make_client(world))
        report = make_report(world)
        response = Client().get(f"{URL}/{report.uid}", **auth(issued, None))
        assert_envelope(response, 404, "not_found")

    def test_it_needs_the_read_scope(self, world):
        issued = make_token(make_client(world), scopes=(Scope.REPORTS_CREATE,))
        created = post(issued, report_body(world)).json()
        response = Client().get(f"{URL}/{created['id']}", **auth(issued, None))
        assert_envelope(response, 403, "insufficient_scope")

    def test_it_answers_a_malformed_id_in_the_envelope(self, world):
        issued = make_token(make_client(world))
        response = Client().get(f"{URL}/not-a-uuid", **auth(issued, None))
        assert response.status_code in {404, 422}
        assert "error" in response.json()


@pytest.mark.parametrize("path", ["/api/v1/openapi.json", "/api/v1/docs"])
def test_it_publishes_the_openapi_document_and_docs(db, path):
    response = Client().get(path)
    assert response.status_code == 200


def test_a_concurrent_retry_that_loses_the_race_returns_the_first_report(world, monkeypatch):
    """Both requests found no submission; the second one's insert hits the unique key,
    rolls back its report and answers with the first."""
    from cpms.api import services

    issued = make_token(make_client(world))
    body = report_body(world)
    assert post(issued, body).status_code == 201
    real = services._submission
    calls = []

    def first_miss(client, key):
        calls.append(key)
        return None if len(calls) == 1 else real(client, key)

    monkeypatch.setattr(services, "_submission", first_miss)
    response = post(issued, body)
    assert response.status_code == 200
    assert len(calls) == 2
    assert Report.objects.count() == 1


def test_it_lists_the_communes_of_a_province_and_the_concern_types(world):
    issued = make_token(make_client(world))
    headers = auth(issued, None)
    communes = Client().get("/api/v1/communes", {"province_code": world.province.code}, **headers)
    assert communes.status_code == 200
    assert [c["code"] for c in communes.json()] == [world.commune_a.code, world.commune_b.code]
    none = Client().get("/api/v1/communes", {"province_code": "00"}, **headers)
    assert none.json() == []
    types = Client().get("/api/v1/concern-types", **headers).json()
    rape = next(t for t in types if t["code"] == "rape")
    assert rape["parent_code"] == "sexual_abuse"
    read_only = make_token(issued.token.client, scopes=(Scope.REPORTS_READ,))
    response = Client().get("/api/v1/concern-types", **auth(read_only, None))
    assert_envelope(response, 403, "insufficient_scope")


def test_the_schema_enums_follow_the_model_choices():
    from typing import get_args

    from cpms.api.schemas import CHOICE_LITERALS

    for literal, choices in CHOICE_LITERALS.items():
        assert set(get_args(literal)) == set(choices.values)
