from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import asdict
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cpms.audit.breach import BreachReport, Entry, breach_report

GROUPS = (
    ("children", "Trẻ em"),
    ("cases", "Trường hợp"),
    ("reports", "Thông tin, thông báo"),
    ("other_reads", "Hồ sơ khác đã xem"),
    ("changes", "Hồ sơ đã thay đổi"),
    ("exports", "Xuất dữ liệu"),
    ("refused", "Truy cập bị từ chối"),
)
COLUMNS = ("group", "subject_type", "subject_id", "label", "count", "first", "last", "detail")


def day(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%d/%m/%Y").date()  # noqa: DTZ007 - a date only
    except ValueError as exc:
        raise CommandError(f"Ngày phải theo dạng dd/mm/yyyy, không phải {value!r}") from exc


def when(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M:%S") if value else ""


def cell(value: str) -> str:
    """Text a spreadsheet would run as a formula is written as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_row(group: str, entry: Entry) -> list[str]:
    detail = json.dumps(entry.detail, ensure_ascii=False, default=str, sort_keys=True)
    return [
        cell(value)
        for value in (
            group,
            entry.subject_type,
            entry.subject_id,
            entry.label,
            str(entry.count),
            when(entry.first),
            when(entry.last),
            detail,
        )
    ]


class Command(BaseCommand):
    help = (
        "Diễn tập sự cố lộ lọt: liệt kê từ nhật ký truy cập mọi trẻ em, hồ sơ mà tài khoản đã "
        "xem hoặc xuất trong khoảng thời gian, và các lần bị từ chối."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="tên đăng nhập")
        parser.add_argument("--from", dest="start", required=True, help="dd/mm/yyyy")
        parser.add_argument("--to", dest="end", required=True, help="dd/mm/yyyy")
        parser.add_argument("--format", choices=("text", "csv", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = day(options["start"]), day(options["end"])
        if end < start:
            raise CommandError("Ngày kết thúc phải sau ngày bắt đầu.")
        try:
            report = breach_report(username=options["user"], start=start, end=end)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Không có tài khoản {options['user']!r}.") from exc
        getattr(self, f"write_{options['format']}")(report)

    def write_text(self, report: BreachReport) -> None:
        self.stdout.write(
            f"Tài khoản {report.username}, từ {report.start:%d/%m/%Y} đến {report.end:%d/%m/%Y}"
        )
        for name, title in GROUPS:
            entries: list[Entry] = getattr(report, name)
            self.stdout.write(f"\n{title} ({len(entries)})")
            for e in entries:
                extra = ""
                if name == "exports":
                    rows = e.detail.get("rows")
                    extra = f" · {rows if rows is not None else 'không rõ'} dòng"
                elif "via_case" in e.detail:
                    extra = f" · qua trường hợp {e.detail['via_case']}"
                elif e.count:
                    extra = f" · {e.count} lần ({e.detail.get('event')}), lần đầu {when(e.first)}"
                self.stdout.write(f"  {e.subject_type} {e.subject_id} {e.label}{extra}".rstrip())

    def write_csv(self, report: BreachReport) -> None:
        writer = csv.writer(self.stdout)
        writer.writerow(COLUMNS)
        for name, _title in GROUPS:
            for entry in getattr(report, name):
                writer.writerow(as_row(name, entry))

    def write_json(self, report: BreachReport) -> None:
        data = asdict(report)
        self.stdout.write(json.dumps(data, ensure_ascii=False, default=str, indent=1))
