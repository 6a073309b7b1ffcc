"""Every URL pattern and every persona has a written expected outcome (docs/permissions.md).

A new URL pattern without an entry here fails `test_it_covers_every_url_pattern`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cpms.accountability.tests.matrix import ACCOUNTABILITY_MATRIX
from cpms.accounts.tests.matrix import ACCOUNTS_MATRIX
from cpms.api.tests.matrix import API_MATRIX
from cpms.attachments.tests.matrix import ATTACHMENTS_MATRIX
from cpms.care.tests.matrix import CARE_MATRIX
from cpms.cases.tests.matrix import CASES_MATRIX
from cpms.cases.tests.matrix_abuse import ABUSE_MATRIX
from cpms.children.tests.matrix import CHILDREN_MATRIX
from cpms.children.tests.matrix_spreadsheets import SHEETS_MATRIX
from cpms.conferences.tests.matrix import CONFERENCES_MATRIX
from cpms.directives.tests.matrix import DIRECTIVES_MATRIX
from cpms.emergency.tests.matrix import EMERGENCY_MATRIX
from cpms.hotline.tests.matrix import HOTLINE_MATRIX
from cpms.intake.tests.matrix import INTAKE_MATRIX
from cpms.notifications.tests.matrix import NOTIFICATIONS_MATRIX
from cpms.privacy.tests.matrix import PRIVACY_MATRIX
from cpms.programmes.tests.matrix import PROGRAMMES_MATRIX
from cpms.public.tests.matrix import PUBLIC_MATRIX
from cpms.referrals.tests.matrix import REFERRALS_MATRIX
from cpms.reports.tests.matrix import REPORTS_MATRIX
from cpms.stats.tests.matrix import STATS_MATRIX
from cpms.testing import PERSONAS, World
from cpms.transfers.tests.matrix import TRANSFERS_MATRIX

UrlFor = Callable[[World], str]


def expect(default: int, **overrides: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table.update(overrides)
    return table


NOT_AREA = {"police": 404, "school": 404, "hotline": 404}

MATRIX: dict[str, tuple[UrlFor, dict[str, int]]] = {
    "home:index": (lambda w: reverse("home:index"), expect(200, anonymous=302)),
    "home:healthz": (lambda w: reverse("home:healthz"), expect(200)),
    "home:metrics": (lambda w: reverse("home:metrics"), expect(404)),  # METRICS_TOKEN unset
    "home:unit-list": (
        lambda w: reverse("home:unit-list"),
        expect(200, anonymous=302, police=403, school=403, hotline=403),
    ),
    "home:unit-detail": (
        lambda w: reverse("home:unit-detail", args=[w.commune_a.uid]),
        expect(200, anonymous=302, collaborator=404, outsider=404, **NOT_AREA),
    ),
    "home:agency-detail": (
        lambda w: reverse("home:agency-detail", args=[w.pc_a.uid]),
        expect(200, anonymous=302, collaborator=404, outsider=404, statistician=403, **NOT_AREA),
    ),
    "accounts:login": (lambda w: reverse("accounts:login"), expect(302, anonymous=200)),
    "accounts:logout": (lambda w: reverse("accounts:logout"), expect(405)),
    "set_language": (lambda w: reverse("set_language"), expect(302)),
}

MATRIX.update(CHILDREN_MATRIX)
MATRIX.update(SHEETS_MATRIX)
MATRIX.update(INTAKE_MATRIX)
MATRIX.update(HOTLINE_MATRIX)
MATRIX.update(API_MATRIX)
MATRIX.update(CASES_MATRIX)
MATRIX.update(ABUSE_MATRIX)
MATRIX.update(ATTACHMENTS_MATRIX)
MATRIX.update(CARE_MATRIX)
MATRIX.update(NOTIFICATIONS_MATRIX)
MATRIX.update(REFERRALS_MATRIX)
MATRIX.update(CONFERENCES_MATRIX)
MATRIX.update(TRANSFERS_MATRIX)
MATRIX.update(EMERGENCY_MATRIX)
MATRIX.update(ACCOUNTABILITY_MATRIX)
MATRIX.update(PUBLIC_MATRIX)
MATRIX.update(STATS_MATRIX)
MATRIX.update(REPORTS_MATRIX)
MATRIX.update(PROGRAMMES_MATRIX)
MATRIX.update(DIRECTIVES_MATRIX)
MATRIX.update(ACCOUNTS_MATRIX)
MATRIX.update(PRIVACY_MATRIX)

# Django admin: every page sends anyone who is not staff to the admin login; only the
# system administrator persona is staff.
ADMIN_SAMPLES: list[UrlFor] = [
    lambda w: reverse("admin:index"),
    lambda w: reverse("admin:audit_auditlog_changelist"),
    lambda w: reverse("admin:accounts_user_change", args=[w.personas["worker"].pk]),
    lambda w: reverse("admin:ops_workerheartbeat_changelist"),
]
NAMESPACE_RULES = {"admin"}


def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                walk(pattern.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            else:
                names.add(f"{namespace}{pattern.name}" if pattern.name else f"{namespace}?")

    walk(get_resolver().url_patterns, "")
    return names


def test_it_covers_every_url_pattern():
    uncovered = {
        name
        for name in all_url_names()
        if name not in MATRIX and name.split(":")[0] not in NAMESPACE_RULES
    }
    assert uncovered == set(), f"add these URL names to MATRIX: {sorted(uncovered)}"


def test_it_gives_every_persona_an_expected_outcome():
    for name, (_url, table) in MATRIX.items():
        assert set(table) == set(PERSONAS), name


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_it_answers_each_persona_as_written(name, world, client_for):
    url_for, table = MATRIX[name]
    url = url_for(world)
    mismatches = {}
    for persona, expected in table.items():
        status = client_for(persona).get(url).status_code
        if status != expected:
            mismatches[persona] = (expected, status)
    assert mismatches == {}, f"{name} {url}: persona → (expected, got)"


def test_it_keeps_admin_for_staff_only(world, client_for):
    for url_for in ADMIN_SAMPLES:
        url = url_for(world)
        for persona in PERSONAS:
            response = client_for(persona).get(url)
            if persona == "sysadmin":
                assert response.status_code == 200, url
            else:
                assert response.status_code == 302, (persona, url)
                assert reverse("admin:login") in response["Location"]
