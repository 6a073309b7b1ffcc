from __future__ import annotations

import re
import secrets

import pytest
from django.test import Client, override_settings

from cpms.intake.choices import ReportStatus, TriageOutcome
from cpms.intake.models import Report, ReportChild
from cpms.public.codes import ALPHABET, new_code

REPORT_URL = "/public/report/"
STATUS_URL = "/public/status/"
CODE_RE = re.compile(r'data-testid="follow-up-code">([A-Z0-9-]+)<')
RESULT_RE = re.compile(r'data-testid="status-result">([^<]*)<')
NOT_FOUND = "Không tìm thấy mã này. Vui lòng kiểm tra lại."


@pytest.fixture
def code(world, report_post) -> str:
    response = Client().post(REPORT_URL, report_post(description="Bí mật: cha dượng đánh bé"))
    match = CODE_RE.search(response.content.decode())
    assert match
    return match.group(1)


def lookup(code: str, client: Client | None = None):
    response = (client or Client()).post(STATUS_URL, {"code": code})
    match = RESULT_RE.search(response.content.decode())
    return response, (match.group(1) if match else None)


def test_a_valid_code_shows_only_the_coarse_status(world, code):
    response, result = lookup(code)
    assert response.status_code == 200
    assert result == "Đã tiếp nhận: xã, phường đã nhận thông tin."
    page = response.content.decode()
    for secret in ("Bí mật", "cha dượng", "Bé Lan", world.commune_a.name, "Tổ dân phố 1"):
        assert secret not in page


def test_the_code_is_read_forgivingly(world, code):
    assert lookup(code.lower().replace("-", " "))[1] != NOT_FOUND


def test_status_follows_triage(world, code):
    report = Report.objects.get()
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.TRIAGED)
    assert lookup(code)[1].startswith("Đang xử lý")
    ReportChild.objects.filter(report=report).update(
        outcome=TriageOutcome.NO_CASE, no_case_reason="Không có dấu hiệu"
    )
    assert lookup(code)[1].startswith("Đã kết thúc")


@override_settings(PUBLIC_STATUS_LIMIT=(1000, 3600))
def test_other_codes_get_nothing(world, code):
    real = code.replace("-", "")
    tries = [new_code() for _ in range(40)]
    # Neighbours of the real code: one character changed.
    for i in range(len(real)):
        other = next(c for c in ALPHABET if c != real[i])
        tries.append(real[:i] + other + real[i + 1 :])
    tries += ["", "' OR 1=1 --", "A" * 20, secrets.token_hex(5)]
    client = Client()
    answers = set()
    for attempt in tries:
        response, result = lookup(attempt, client)
        answers.add((response.status_code, result))
    assert answers <= {(200, NOT_FOUND), (200, None)}  # None: an empty code, the form error
    assert (200, NOT_FOUND) in answers


@override_settings(PUBLIC_STATUS_LIMIT=(3, 3600))
def test_status_lookups_are_rate_limited(world, code):
    client = Client(REMOTE_ADDR="198.51.100.9")
    statuses = [lookup(new_code(), client)[0].status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    refused, _ = lookup(code, client)
    assert refused.status_code == 429
    assert "Đã tiếp nhận" not in refused.content.decode()


@pytest.mark.usefixtures("no_random_prune")
def test_status_lookup_query_count(world, code, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(4):
        client.post(STATUS_URL, {"code": code})
