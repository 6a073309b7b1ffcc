"""What may be attached: a size limit and a type decided by the file's content, never by its
name or the browser's declared type."""

from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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


def check_upload(upload: UploadedFile) -> FileKind:
    check_size(upload.size or 0)
    return sniff(upload)
