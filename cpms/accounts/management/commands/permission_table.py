from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cpms.accounts.docs import permission_table


class Command(BaseCommand):
    help = "Print the role × permission table for docs/permissions.md."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(permission_table(), ending="")
