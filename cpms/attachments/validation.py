"""What may be attached: a size limit and a type decided by the file's content, never by its
name or the browser's declared type; then the content itself: no web page hidden in the
first bytes, no archive appended to an image or PDF, and Word or Excel files only without
zip bombs, nested archives, embedded objects, macros, remote templates or DTDs
(`cpms.core.ooxml`). See "Uploads and imports" in docs/security.md."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from cpms.core import ooxml

# Detected extension → MIME type sent on download. Anything else (HTML, SVG, scripts,
# executables, archives) is refused: filetype does not recognise text formats at all.
ALLOWED: dict[str, str] = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "mp4": "video/mp4",
    "m4a": "audio/mp4",
    "mp3": "audio/mpeg",
}
ALLOWED_LABEL = "PDF, JPEG, PNG, DOCX, XLSX, MP4, M4A, MP3"
SNIFF_BYTES = 8192
OFFICE = frozenset({"docx", "xlsx"})
# What makes a browser, or anything sniffing like one, take the file for a web page.
MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|frameset|"
    rb"\?xml-stylesheet)[\s>/]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


def max_bytes() -> int:
    return int(settings.ATTACHMENT_MAX_BYTES)


def check_size(size: int) -> None:
    if size <= 0:
        raise ValidationError(_("Tệp trống."), code="empty")
    if size > max_bytes():
        raise ValidationError(
            _("Tệp quá lớn: tối đa %(limit)s.") % {"limit": filesizeformat(max_bytes())},
            code="too_large",
        )


def sniff(upload: UploadedFile) -> FileKind:
    """The file's type, from its first bytes; refuse what is not on the allow-list."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    extension = kind.extension if kind is not None else ""
    if extension not in ALLOWED:
        raise ValidationError(
            _("Loại tệp không được chấp nhận. Chỉ nhận: %(allowed)s.") % {"allowed": ALLOWED_LABEL},
            code="type",
        )
    return FileKind(extension=extension, content_type=ALLOWED[extension])


_OFFICE_MESSAGES: dict[ooxml.Problem, Callable[[], str]] = {
    ooxml.Problem.CORRUPT: lambda: _("Tệp Word/Excel bị hỏng, hệ thống không đọc được."),
    ooxml.Problem.TOO_BIG: lambda: _(
        "Tệp quá lớn khi giải nén hoặc có cấu trúc bất thường, hệ thống không nhận."
    ),
    ooxml.Problem.NESTED: lambda: _(
        "Tệp Word/Excel có chứa tệp nén hoặc đối tượng nhúng (ví dụ biểu đồ nhúng), hệ thống "
        "không nhận. Hãy lưu thành PDF rồi tải lên."
    ),
    ooxml.Problem.MACRO: lambda: _(
        "Tệp có chứa macro, hệ thống không nhận. Hãy lưu lại thành tệp không có macro "
        "(.docx, .xlsx) hoặc PDF."
    ),
    ooxml.Problem.EXTERNAL: lambda: _(
        "Tệp Word/Excel có liên kết tới mẫu hoặc dữ liệu bên ngoài, hệ thống không nhận. Hãy "
        "lưu thành PDF rồi tải lên."
    ),
    ooxml.Problem.DTD: lambda: _("Tệp Word/Excel có cấu trúc XML bất thường, hệ thống không nhận."),
}


def check_content(upload: UploadedFile, kind: FileKind) -> None:
    """Refuse what is more than the type it starts as (see the module docstring)."""
    if kind.extension in OFFICE:
        try:
            ooxml.check_office_zip(upload)
        except ooxml.Refused as exc:
            raise ValidationError(_OFFICE_MESSAGES[exc.problem](), code="office") from exc
        return
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    if MARKUP.search(head):
        raise ValidationError(
            _("Tệp có lẫn nội dung trang web (HTML, mã script), hệ thống không nhận."),
            code="markup",
        )
    try:
        appended = zipfile.is_zipfile(upload)
    finally:
        upload.seek(0)
    if appended:
        raise ValidationError(
            _("Tệp có tệp nén gắn kèm bên trong, hệ thống không nhận."), code="appended"
        )


def check_upload(upload: UploadedFile) -> FileKind:
    check_size(upload.size or 0)
    kind = sniff(upload)
    check_content(upload, kind)
    return kind
