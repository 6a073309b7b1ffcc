from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpms.ops.backup.services import backup_restore

SHOWN = 50


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống (--database-url), rồi so sánh số "
        "dòng, checksum, extension, index… với manifest; khác nhau thì thoát với mã lỗi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--database-url", required=True)
        parser.add_argument(
            "--media-root",
            type=Path,
            default=None,
            help="thư mục trống nhận tệp đính kèm (mặc định: PRIVATE_MEDIA_ROOT)",
        )
        parser.add_argument("--pg-bin", default="", help="thư mục chứa pg_restore")

    def handle(self, *args: Any, **options: Any) -> None:
        media_root = Path(options["media_root"] or settings.PRIVATE_MEDIA_ROOT)
        differences = backup_restore(
            directory=Path(options["directory"]),
            database_url=options["database_url"],
            media_root=media_root,
            pg_bin=options["pg_bin"],
        )
        if differences:
            shown = "\n".join(differences[:SHOWN])
            raise CommandError(
                f"Bản khôi phục khác bản sao lưu ({len(differences)} điểm):\n{shown}"
            )
        self.stdout.write("Đã khôi phục; số dòng, checksum, extension và index khớp manifest.")
