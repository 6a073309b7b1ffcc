"""create_integration_client --name "Tổng đài 111" --agency <agency uid> [--channel hotline_111]"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpms.accounts.models import Agency
from cpms.api.services import integration_client_create
from cpms.intake.choices import Channel


class Command(BaseCommand):
    help = "Register a system that sends reports through the API."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True)
        parser.add_argument("--agency", required=True, type=uuid.UUID, help="agency uid")
        parser.add_argument("--channel", default=Channel.INTEGRATION, choices=Channel.values)

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(uid=options["agency"]).first()
        if agency is None:
            raise CommandError("no agency with this uid")
        client = integration_client_create(
            actor=None, name=options["name"], agency=agency, channel=options["channel"]
        )
        self.stdout.write(f"{client.uid}\t{client.name}")
