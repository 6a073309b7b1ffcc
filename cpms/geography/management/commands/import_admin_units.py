"""Import a province's 2025 structure (province and commune-level units) from vietnam-provinces."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpms.geography.importers import import_admin_units


class Command(BaseCommand):
    help = (
        "Import a province and its communes, wards and special zones as of 01/07/2025 "
        "(vietnam-provinces data; idempotent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help="GSO province code, e.g. 51.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = import_admin_units(province_code=options["province"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{result.units[0].name}: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
