from __future__ import annotations

import base64
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

import config.settings as production_settings
from cpms.home.tests.test_role_matrix import MATRIX

ROOT = Path(__file__).resolve().parents[3]


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in header.split(";"))
        if part
    }


class Undo(Exception):
    pass


def header_problems(response) -> list[str]:
    csp = policy(response)
    problems = []
    if "script-src" not in csp:
        # A file served as-is (attachments) carries its own, stricter policy.
        if csp.get("default-src") != "'none'":
            problems.append(f"csp {csp}")
    elif (
        csp["script-src"],
        csp["style-src"],
        csp.get("object-src"),
        csp.get("frame-ancestors"),
    ) != (
        "'self'",
        "'self'",
        "'none'",
        "'none'",
    ):
        problems.append(f"csp {csp}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("nosniff")
    if response.get("Referrer-Policy") != "same-origin":
        problems.append("referrer")
    if "no-store" not in response.get("Cache-Control", ""):
        problems.append("cache")
    return problems


@pytest.mark.parametrize("persona", ["worker", "officer"])
def test_every_signed_in_page_sends_the_security_headers(world, client_for, persona):
    client = client_for(persona)
    problems = {}
    checked = 0
    for name, (url_for, table) in sorted(MATRIX.items()):
        if table[persona] not in (200, 302, 403, 404, 405):
            continue
        try:
            # Each URL's objects are undone after it, as in separate tests: some builders
            # would collide with an earlier one's (one report per period).
            with transaction.atomic():
                found = header_problems(client.get(url_for(world)))
                raise Undo
        except Undo:
            pass
        if found:
            problems[name] = found
        checked += 1
    assert problems == {}
    assert checked > 50


def test_pages_for_anonymous_visitors_carry_the_policy_too(db, client):
    response = client.get("/public/")
    assert policy(response)["script-src"] == "'self'"
    assert "no-store" not in response.get("Cache-Control", "")


def test_no_template_has_an_inline_script_or_event_handler():
    inline_script = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if inline_script.search(text := path.read_text(encoding="utf-8")) or handler.search(text)
    ]
    assert offenders == []


def test_production_defaults_turn_hsts_on():
    if production_settings.DEBUG:
        pytest.skip("the suite runs with DEBUG on")
    assert production_settings.SECURE_HSTS_SECONDS >= 31536000
    assert production_settings.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
    assert production_settings.SESSION_COOKIE_SECURE is True
    assert production_settings.CSRF_COOKIE_SECURE is True


def test_secrets_can_come_from_files(tmp_path, monkeypatch):
    secret = tmp_path / "secret_key"
    secret.write_text("from-a-file\n", encoding="utf-8")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert production_settings.envstr("SECRET_KEY") == "from-a-file"
    url = tmp_path / "db"
    url.write_text("postgresql://u:p@db/cpms", encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL_FILE", str(url))
    assert production_settings.envstr("DATABASE_URL") == "postgresql://u:p@db/cpms"


def test_the_deploy_check_is_clean_with_production_settings(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    field_keys = tmp_path / "field-keys"  # the privacy app's encryption keys, also from a file
    field_keys.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode(), encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in (
            "SECRET_KEY",
            "CPMS_FIELD_KEYS",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set in this process by the browser tests
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY_FILE=str(key_file),
        CPMS_FIELD_KEYS_FILE=str(field_keys),
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_PRELOAD="true",
        DATABASE_URL=os.environ.get("DATABASE_URL", "postgresql://x@/x"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
