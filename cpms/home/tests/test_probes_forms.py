"""Hostile input on every form, and CSRF on every URL, enumerated from the role matrix.

For every page some persona may open, the strongest personas that may open it (as the
matrix says) GET it; every <form method="post"> found is sent each probe of probes.py: no
answer may be a server error, no probe may come back unescaped, no table may go missing.
Every URL is then sent a POST without a CSRF token from a signed-in session: 403, nothing
written. Each URL is tried inside a savepoint rolled back afterwards, so one world per app
serves all its URLs.
"""

from __future__ import annotations

import logging

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.home.tests.probes import (
    CHOICE,
    DATE,
    TEXT,
    Outcome,
    check_response,
    post_forms,
    rolled_back,
    run_probes,
    table_names,
    url_name,
)
from cpms.home.tests.test_role_matrix import MATRIX
from cpms.testing import World

# The personas with the most rights, in the order their pages are read.
STRONG = ("worker", "officer", "leader", "police", "hotline", "sysadmin")
OTHERS = ("collaborator", "school", "statistician", "outsider", "anonymous")
# base.html puts these forms on every page: they are probed once, on the home page.
EVERY_PAGE = {"set_language", "accounts:logout"}
REFUSALS = {AuditEvent.DENIED, AuditEvent.OUT_OF_SCOPE}
# The API authenticates with bearer tokens, never cookies, so it needs no CSRF token.
NO_CSRF_NAMESPACE = "api"


def namespace(name: str) -> str:
    return name.split(":")[0] if ":" in name else ""


PAGES = sorted(
    name
    for name, (_url, table) in MATRIX.items()
    if 200 in table.values() and namespace(name) != NO_CSRF_NAMESPACE
)
PAGE_GROUPS = sorted({namespace(name) for name in PAGES})
URL_GROUPS = sorted({namespace(name) for name in MATRIX})


def readers(table: dict[str, int]) -> list[str]:
    strong = [persona for persona in STRONG if table[persona] == 200]
    return strong or [persona for persona in OTHERS if table[persona] == 200][:1]


def own_form(page: str, action: str | None) -> bool:
    """A form is probed on its own page; one posting elsewhere only when that address has
    no page of its own (a button on a detail page)."""
    if action in EVERY_PAGE:
        return page == "home:index"
    if action is None or action == page:
        return True
    return action not in MATRIX or 200 not in MATRIX[action][1].values()


def probe_page(name: str, world: World, client_for, outcome: Outcome) -> None:
    url_for, table = MATRIX[name]
    url = url_for(world)
    seen: set[tuple[str, tuple[str, ...], str]] = set()
    for persona in readers(table):
        client = client_for(persona)
        for form in post_forms(client.get(url), url):
            if form.key in seen or not own_form(name, url_name(form.action)):
                continue
            seen.add(form.key)
            outcome.forms += 1
            run_probes(client, form, f"{name} as {persona}: {form.action} {form.button}", outcome)


@pytest.mark.parametrize("group", PAGE_GROUPS)
def test_no_probe_breaks_a_form(group, world, client_for):
    tables = table_names()
    outcome = Outcome()
    for name in (n for n in PAGES if namespace(n) == group):
        with rolled_back():
            probe_page(name, world, client_for, outcome)
    findings = [f"{f.form} [{f.probe}] {f.problem}" for f in outcome.findings]
    assert not findings, "\n".join(findings)
    assert table_names() == tables


def test_the_probes_reach_the_fields_of_a_real_form(world, client_for):
    outcome = Outcome()
    probe_page("children:register", world, client_for, outcome)
    assert outcome.forms == 1
    assert outcome.posts >= 9 + 3  # every text probe, and the date probes
    assert outcome.findings == []


def test_the_form_reader_tells_field_kinds_apart():
    html = """<form method="get"><input name="q"></form>
    <form method="POST" action="/x/"><input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input name="name" value="An"><textarea name="note">n</textarea>
      <input name="born" placeholder="dd/mm/yyyy"><input type="number" name="age" value="3">
      <select name="sex"><option value="">-</option><option value="f">F</option></select>
      <input type="checkbox" name="ok" checked><input type="file" name="doc">
      <button name="go" value="1">Gửi</button></form>"""
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    [form] = post_forms(response, "/page/")
    assert form.action == "/x/"
    assert form.kinds == {
        "name": TEXT,
        "note": TEXT,
        "born": DATE,
        "age": "number",
        "sex": CHOICE,
        "ok": CHOICE,
        "doc": "skip",
    }
    assert form.values["sex"] == ["f"]
    assert form.values["go"] == ["1"]
    assert form.values["csrfmiddlewaretoken"] == ["t"]


def test_the_check_flags_an_unescaped_probe_and_a_server_error():
    outcome = Outcome()
    check_response(HttpResponse("<p><script>alert(1)</script></p>"), "f", "xss", outcome)
    check_response(HttpResponse("&lt;script&gt;alert(1)&lt;/script&gt;"), "f", "xss", outcome)
    check_response(HttpResponse(status=500), "f", "nul", outcome)
    assert [(f.probe, f.problem) for f in outcome.findings] == [
        ("xss", "unescaped '<script>alert(1)'"),
        ("nul", "status 500"),
    ]


def poster(table: dict[str, int]) -> str:
    """A persona the URL lets in (a POST-only URL answers it 405 to GET)."""
    for persona in (*STRONG, *OTHERS):
        if table[persona] not in {302, 401, 403, 404}:
            return persona
    return "worker"


def writes() -> dict[str, int]:
    """Rows inserted, updated or deleted so far in this transaction, per table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
        )
        return {
            table: count
            for table, count in cursor.fetchall()
            if count and table != "django_session" and not table.startswith("audit_")
        }


def csrf_client(world: World, persona: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    if persona != "anonymous":
        client.force_login(world.personas[persona])
    # A page with a form sets the CSRF cookie: the post below has the cookie, not the token.
    client.get(reverse("accounts:login" if persona == "anonymous" else "home:index"))
    assert "csrftoken" in client.cookies
    return client


def post_without_token(name: str, world: World, caplog) -> str | None:
    """What is wrong with the answer to a token-less POST, or None."""
    url_for, table = MATRIX[name]
    url = url_for(world)
    persona = poster(table)
    client = csrf_client(world, persona)
    before, audit_before = writes(), AuditLog.objects.count()
    caplog.clear()
    response = client.post(url, {"name": "x", "reason": "x"})
    written = {t: n - before.get(t, 0) for t, n in writes().items() if n != before.get(t, 0)}
    new_audit = AuditLog.objects.order_by("-pk")[: AuditLog.objects.count() - audit_before]
    if written or any(row.event_type not in REFUSALS for row in new_audit):
        return f"{url} as {persona}: wrote {written} {[r.event_type for r in new_audit]}"
    if namespace(name) == NO_CSRF_NAMESPACE:
        # Operations answer 401 without a bearer token; the schema and docs pages keep
        # Django's CSRF check (403).
        return None if response.status_code in {401, 403, 405} else f"{url}: {response}"
    refused = any(r.name == "django.security.csrf" for r in caplog.records)
    if response.status_code != 403 or not refused:
        return f"{url} as {persona}: {response.status_code}, csrf refusal logged: {refused}"
    return None


@pytest.mark.parametrize("group", URL_GROUPS)
def test_every_post_without_a_csrf_token_is_refused_and_writes_nothing(group, world, caplog):
    caplog.set_level(logging.WARNING, logger="django.security.csrf")
    problems = []
    for name in sorted(n for n in MATRIX if namespace(n) == group):
        with rolled_back():
            problem = post_without_token(name, world, caplog)
        if problem:
            problems.append(f"{name}: {problem}")
    assert not problems, "\n".join(problems)


def test_a_form_refuses_a_number_outside_the_database_range():
    from django import forms

    from cpms.core.forms import BootstrapForm

    class Counts(BootstrapForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["boys"] = forms.IntegerField(min_value=0)
            self.fields["girls"] = forms.IntegerField()

    form = Counts({"boys": "9" * 30, "girls": "-" + "9" * 30})
    assert set(form.errors) == {"boys", "girls"}
    assert Counts({"boys": "2147483647", "girls": "-2147483648"}).is_valid()
