"""Issuing tokens from the command line and the admin."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from cpms.api.models import ApiToken, IntegrationClient
from cpms.api.services import token_authenticate
from cpms.api.tests.factories import make_client


def test_the_commands_create_a_client_and_print_a_working_token_once(world):
    out = StringIO()
    call_command(
        "create_integration_client",
        name="Tổng đài 111",
        agency=str(world.hotline.uid),
        channel="hotline_111",
        stdout=out,
    )
    client = IntegrationClient.objects.get()
    assert not client.user.has_usable_password()
    out, err = StringIO(), StringIO()
    call_command(
        "issue_api_token",
        client="Tổng đài 111",
        scope=["reports:read"],
        days=30,
        stdout=out,
        stderr=err,
    )
    plaintext = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.scopes == ["reports:read"]
    assert plaintext.split(".")[0] == token.prefix
    assert plaintext.split(".")[1] not in token.secret_hash
    assert token_authenticate(plaintext) == token
    with pytest.raises(CommandError):
        call_command("issue_api_token", client="Không có", stdout=StringIO())


def test_the_admin_issues_and_revokes_tokens(world):
    client = make_client(world)
    admin = Client()
    admin.force_login(world.personas["sysadmin"])
    response = admin.post(
        "/admin/api/integrationclient/",
        {"action": "issue_token", "_selected_action": [client.pk]},
        follow=True,
    )
    token = ApiToken.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    assert any(m.split(": ")[-1].startswith(f"{token.prefix}.") for m in shown)
    admin.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
