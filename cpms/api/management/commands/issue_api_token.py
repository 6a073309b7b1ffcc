"""issue_api_token --client <name> [--scope reports:create --scope reports:read] [--days 365]

Prints the token once: only its hash is stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cpms.api.models import IntegrationClient, Scope
from cpms.api.services import token_issue


class Command(BaseCommand):
    help = "Issue an API token for an integration client and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--client", required=True, help="integration client name")
        parser.add_argument("--scope", action="append", choices=Scope.values, dest="scopes")
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--label", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        client = IntegrationClient.objects.filter(name=options["client"], active=True).first()
        if client is None:
            raise CommandError("no active integration client with this name")
        if not 1 <= options["days"] <= 3650:
            raise CommandError("--days must be between 1 and 3650")
        issued = token_issue(
            actor=None,
            client=client,
            scopes=options["scopes"] or Scope.values,
            expires_at=timezone.now() + dt.timedelta(days=options["days"]),
            label=options["label"],
        )
        self.stdout.write(issued.plaintext)
        self.stderr.write(
            f"expires {timezone.localtime(issued.token.expires_at):%d/%m/%Y}; "
            "store it now: it cannot be shown again"
        )
