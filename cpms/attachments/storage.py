"""Where attachment files live: a private folder outside every served root, or the "private"
storage of settings.STORAGES (an S3 bucket with a private ACL, CPMS_STORAGE=s3).

Files are reached only through the download view, which reads them through the storage API;
no URL of the storage is ever handed out. Names are generated (year/month/uuid), never taken
from the uploaded file.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils import timezone


def private_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT).resolve()


def private_storage() -> Storage:
    """Read the settings at each call so tests and deployments may move the folder."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(
        location=str(private_root()),
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


def new_stored_name(extension: str) -> str:
    today = timezone.localdate()
    return f"{today:%Y}/{today:%m}/{uuid.uuid4().hex}.{extension}"


def served_roots() -> list[Path]:
    """Folders the web server or Django may serve files from."""
    roots = [Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)]
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(str(entry[1] if isinstance(entry, tuple) else entry)))
    return [r.resolve() for r in roots]


def is_inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
