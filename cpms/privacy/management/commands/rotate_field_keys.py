from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cpms.privacy.rotation import field_keys_rotate, new_key


class Command(BaseCommand):
    help = (
        "Re-encrypt every protected field with the current key (the first of CPMS_FIELD_KEYS). "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--new-key", action="store_true", help="Print a new key and change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(new_key())
            return

        def progress(table: str, seen: int, written: int) -> None:
            self.stdout.write(f"{table}: {seen} rows, {written} re-encrypted")

        done = field_keys_rotate(batch_size=options["batch_size"], progress=progress)
        total = sum(w for _, w in done.values())
        self.stdout.write(self.style.SUCCESS(f"{total} rows re-encrypted in {len(done)} tables"))
