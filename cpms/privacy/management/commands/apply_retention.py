from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from cpms.privacy.retention import retention_apply


class Command(BaseCommand):
    help = (
        "Archive closed cases past the retention period (CPMS_RETENTION_YEARS_AFTER_CLOSURE). "
        "Lists them only, unless --apply."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true", help="Archive them (default: list).")

    def handle(self, *args: Any, **options: Any) -> None:
        due = retention_apply(apply=options["apply"])
        years = settings.CPMS_RETENTION_YEARS_AFTER_CLOSURE
        for case in due:
            self.stdout.write(f"{case.uid} closed {case.closed_at:%d/%m/%Y}")
        verb = "archived" if options["apply"] else "would be archived (dry run; --apply to do it)"
        self.stdout.write(f"{len(due)} closed cases older than {years} years {verb}")
