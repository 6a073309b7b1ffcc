from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cpms.ops.backup.services import backup_create


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (pg_dump) và tệp đính kèm vào một thư mục trống, kèm manifest.json "
        "(số dòng, checksum từng bảng, extension, index, sha256 từng tệp)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--pg-bin", default="", help="thư mục chứa pg_dump (mặc định: tự tìm)")

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = backup_create(directory=Path(options["directory"]), pg_bin=options["pg_bin"])
        tables = manifest["database"]["tables"]
        self.stdout.write(
            f"Đã sao lưu {len(tables)} bảng, {sum(t['rows'] for t in tables.values())} dòng, "
            f"{len(manifest['attachments'])} tệp đính kèm vào {options['directory']}."
        )
