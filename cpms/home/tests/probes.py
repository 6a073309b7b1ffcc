"""Hostile input for every form: find the POST forms a page renders, then send each probe.

Field kinds come from the Django form objects in the page's context where there is one
(a date field is a text box in the HTML), else from the HTML itself.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import lxml.html
from django import forms
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'
# What an unescaped probe looks like in a page; escaped, "<" becomes "&lt;".
RAW_MARKERS = re.compile(r"<script>alert\(1\)|<img src=x onerror", re.IGNORECASE)

TEXT_PROBES: dict[str, str] = {
    "xss-script": XSS_SCRIPT,
    "xss-attribute": XSS_ATTR,
    "sql-or": "' OR 1=1 --",
    "sql-drop": "'; DROP TABLE children_child; --",
    "oversize": "A" * 10_000,
    "nfd": "Nguye\u0302\u0303n Va\u0306n A",
    "nul": "Lê\x00Văn",
    "escape": "Lê\x1b[31mVăn",
    "bidi": "Lê\u202eVăn",
}
DATE_PROBES = {
    "impossible-date": "31/02/2024",
    "bad-iso-date": "2024-13-45",
    "far-future": "01/01/2999",
}
NUMBER_PROBES = {
    "negative": "-1",
    "huge": "9" * 30,
    "huge-negative": "-" + "9" * 30,
    "not-a-number": "mười hai",
}
CHOICE_PROBES = {"bad-choice": XSS_ATTR}
FOLLOWED = {"xss-script", "xss-attribute"}

TEXT, DATE, NUMBER, CHOICE, SKIP = "text", "date", "number", "choice", "skip"
PROBES_BY_KIND = {
    TEXT: TEXT_PROBES,
    DATE: DATE_PROBES,
    NUMBER: NUMBER_PROBES,
    CHOICE: CHOICE_PROBES,
}
TEXT_INPUTS = {"text", "email", "tel", "url", "search", "password", ""}


@dataclass
class PostForm:
    action: str
    values: dict[str, list[str]]
    kinds: dict[str, str]
    multipart: bool = False
    button: str = ""

    @property
    def key(self) -> tuple[str, tuple[str, ...], str]:
        return (urlsplit(self.action).path, tuple(sorted(self.kinds)), self.button)


@dataclass
class Finding:
    form: str
    probe: str
    problem: str


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    forms: int = 0
    posts: int = 0


def django_kind(form_field: forms.Field) -> str:
    if isinstance(form_field, forms.FileField):
        return SKIP
    if isinstance(form_field, forms.DateField | forms.DateTimeField | forms.TimeField):
        return DATE
    if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return NUMBER
    if isinstance(form_field, forms.ChoiceField | forms.BooleanField | forms.ModelChoiceField):
        return CHOICE
    if isinstance(form_field.widget, forms.Select | forms.RadioSelect | forms.CheckboxInput):
        return CHOICE
    return TEXT


def context_kinds(response: HttpResponse) -> dict[str, str]:
    """Posted name → kind, for every Django form (and formset) in the page's context."""
    kinds: dict[str, str] = {}
    context = getattr(response, "context", None)
    if context is None:
        return kinds
    stack: list[Any] = []
    for layer in context:
        stack.extend(layer.values() if isinstance(layer, dict) else [])
    seen: set[int] = set()
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, forms.BaseForm):
            for name, form_field in value.fields.items():
                kinds[value.add_prefix(name)] = django_kind(form_field)
        elif isinstance(value, forms.BaseFormSet):
            stack.extend([*value.forms, value.empty_form])
        elif isinstance(value, list | tuple):
            stack.extend(value[:50])
    return kinds


def html_kind(element: Any) -> str:
    tag = element.tag
    kind = (element.get("type") or "").lower()
    if tag == "select" or kind in {"checkbox", "radio", "hidden"}:
        return CHOICE
    if kind == "file":
        return SKIP
    if kind == "number":
        return NUMBER
    if kind in {"date", "datetime-local", "time"} or element.get("placeholder") == "dd/mm/yyyy":
        return DATE
    if tag == "textarea" or kind in TEXT_INPUTS:
        return TEXT
    return SKIP


def _value(element: Any) -> list[str] | None:
    """What a browser would send for this control untouched (None: nothing)."""
    if element.tag == "select":
        options = element.findall(".//option")
        chosen = [o for o in options if o.get("selected") is not None]
        if not chosen:
            chosen = [o for o in options if o.get("value", o.text_content())][:1] or options[:1]
        return [o.get("value", o.text_content()) for o in chosen] or None
    if element.tag == "textarea":
        return [element.text or ""]
    kind = (element.get("type") or "").lower()
    if kind in {"checkbox", "radio"}:
        return [element.get("value", "on")] if element.get("checked") is not None else None
    if kind in {"submit", "button", "reset", "image", "file"}:
        return None
    return [element.get("value", "")]


def post_forms(response: HttpResponse, page_url: str) -> Iterator[PostForm]:
    """Every <form method="post"> in the page, once per named submit button."""
    if "html" not in response.get("Content-Type", "") or not response.content.strip():
        return
    root = lxml.html.document_fromstring(response.content.decode())
    typed = context_kinds(response)
    for form in root.iter("form"):
        if (form.get("method") or "").lower() != "post":
            continue
        values: dict[str, list[str]] = {}
        kinds: dict[str, str] = {}
        buttons: list[tuple[str, str]] = []
        for element in form.iter("input", "select", "textarea", "button"):
            name = element.get("name")
            if not name or element.get("disabled") is not None:
                continue
            kind = (element.get("type") or "").lower()
            if element.tag == "button" or kind in {"submit", "image"}:
                buttons.append((name, element.get("value", "")))
                continue
            kinds[name] = typed.get(name) or html_kind(element)
            value = _value(element)
            if value is not None:
                values.setdefault(name, []).extend(value)
        kinds.pop("csrfmiddlewaretoken", None)
        action = form.get("action") or page_url
        multipart = (form.get("enctype") or "").lower() == "multipart/form-data"
        for button, pressed in buttons or [("", "")]:
            sent = {**values, button: [pressed]} if button else dict(values)
            label = f"{button}={pressed}" if button else ""
            yield PostForm(action, sent, kinds, multipart, label)


def url_name(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def probe_payloads(form: PostForm) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """Each text probe in every text field at once; each typed probe in every field of
    its kind at once. Other fields keep what the page rendered."""
    for kind, probes in PROBES_BY_KIND.items():
        names = [name for name, k in form.kinds.items() if k == kind]
        if not names:
            continue
        for probe, value in probes.items():
            yield probe, {**form.values, **{name: [value] for name in names}}


def table_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {row[0] for row in cursor.fetchall()}


def check_response(response: HttpResponse, label: str, probe: str, outcome: Outcome) -> None:
    if response.status_code >= 500:
        outcome.findings.append(Finding(label, probe, f"status {response.status_code}"))
    if "html" in response.get("Content-Type", "") and not response.streaming:
        found = RAW_MARKERS.search(response.content.decode(errors="replace"))
        if found:
            outcome.findings.append(Finding(label, probe, f"unescaped {found.group(0)!r}"))


def send(client: Client, form: PostForm, probe: str, data: dict[str, list[str]]) -> Any:
    # A multipart post is what the test client sends by default; urlencoded otherwise.
    if form.multipart:
        return client.post(form.action, data, follow=probe in FOLLOWED)
    body = urlencode(data, doseq=True)
    return client.post(
        form.action,
        body,
        content_type="application/x-www-form-urlencoded",
        follow=probe in FOLLOWED,
    )


def run_probes(client: Client, form: PostForm, label: str, outcome: Outcome) -> None:
    """Every probe of the form, each one rolled back afterwards so the next one meets the
    same record (and the same signed-in session: a probe may sign the client out)."""
    for probe, data in probe_payloads(form):
        cookies = copy.deepcopy(client.cookies)
        with rolled_back():
            try:
                response = send(client, form, probe, data)
            except Exception as exc:
                problem = f"{type(exc).__name__}: {exc}"[:300]
                outcome.findings.append(Finding(label, probe, problem))
            else:
                check_response(response, label, probe, outcome)
        client.cookies = cookies
        outcome.posts += 1


@contextmanager
def rolled_back() -> Iterator[None]:
    """Whatever happens inside (a failed query included) is undone on the way out."""
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)
        transaction.set_rollback(False)
