"""Import a province's legacy (before 01/07/2025) structure from vietnamadminunits."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpms.geography.importers import import_legacy_admin_units, link_legacy_successors


class Command(BaseCommand):
    help = (
        "Import a legacy province, its districts and communes, valid until 30/06/2025 "
        "(vietnamadminunits data; idempotent). With --link-successors, also link each legacy "
        "commune to its 2025 unit, which import_admin_units must have imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help="GSO province code, e.g. 51.")
        parser.add_argument("--district", help="Only this district, e.g. 522.")
        parser.add_argument(
            "--link-successors",
            action="store_true",
            help="Record the 01/07/2025 successions to the imported 2025 units.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scope = {"province_code": options["province"], "district_code": options["district"]}
        try:
            result = import_legacy_admin_units(**scope)
            self.stdout.write(
                f"{result.units[0].name}: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged."
            )
            if not options["link_successors"]:
                return
            links = link_legacy_successors(**scope)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Successions: {links.created} created, {links.unchanged} unchanged.")
        if links.missing:
            raise CommandError(
                "2025 units not imported yet (run import_admin_units first):\n"
                + "\n".join(links.missing)
            )
