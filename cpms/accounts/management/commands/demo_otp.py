from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpms.accounts.demo import demo_otp_code


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo login (demo data only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            code = demo_otp_code(options["username"])
        except LookupError as exc:
            raise CommandError(
                f"{options['username']}: không phải tài khoản demo / not a demo login"
            ) from exc
        self.stdout.write(code)
