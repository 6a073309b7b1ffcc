from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpms.ops.backup.services import backup_restore, backup_restore_files

SHOWN = 50


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống (--database-url) và ghi lại tệp đính "
        "kèm vào kho lưu trữ đang cấu hình (bucket S3 hoặc thư mục), rồi so sánh số dòng, "
        "checksum, extension, index… với manifest; khác nhau thì thoát với mã lỗi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--database-url", default="")
        parser.add_argument(
            "--media-root",
            type=Path,
            default=None,
            help="thư mục nhận tệp đính kèm (mặc định: kho lưu trữ đang cấu hình: bucket S3 "
            "với CPMS_STORAGE=s3, không thì PRIVATE_MEDIA_ROOT)",
        )
        parser.add_argument(
            "--files-only",
            action="store_true",
            help="chỉ ghi tệp đính kèm (tiếp tục một lần khôi phục bị ngắt; tệp đã có bỏ qua)",
        )
        parser.add_argument("--pg-bin", default="", help="thư mục chứa pg_restore")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"])
        media_root = Path(options["media_root"]) if options["media_root"] else None
        if options["files_only"]:
            backup_restore_files(
                directory=directory, media_root=media_root, progress=self.stdout.write
            )
            self.stdout.write("Đã ghi lại tệp đính kèm; sha256 từng tệp khớp manifest.")
            return
        if not options["database_url"]:
            raise CommandError("Cần --database-url (hoặc --files-only để chỉ ghi tệp đính kèm).")
        differences = backup_restore(
            directory=directory,
            database_url=options["database_url"],
            media_root=media_root,
            pg_bin=options["pg_bin"],
            progress=self.stdout.write,
        )
        if differences:
            shown = "\n".join(differences[:SHOWN])
            raise CommandError(
                f"Bản khôi phục khác bản sao lưu ({len(differences)} điểm):\n{shown}"
            )
        self.stdout.write(
            "Đã khôi phục; số dòng, checksum, extension, index và sha256 tệp đính kèm khớp "
            "manifest."
        )
