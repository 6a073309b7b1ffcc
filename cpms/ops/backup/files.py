"""Put the attachments of a backup back into a storage through Django's storage API, so a
local folder and an S3 bucket are restored alike.

The tar is checked against the manifest before the storage is touched; each file is then
streamed from the tar into the storage under its own name and read back to check its size
and sha256. A file already in the storage with the same sha256 is left alone, so a restore
interrupted half-way (or run twice) resumes without duplicating anything; a file there with
other contents is never overwritten.
"""

from __future__ import annotations

import tarfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files import File
from django.core.files.storage import Storage
from django.core.management.base import CommandError

from .archive import sha256_stream

Progress = Callable[[str], None]

# What a storage raises when it cannot be reached: a local folder (OSError) or an S3 server
# (connection, credentials, missing bucket, refused request).
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
SHOWN = 10


@dataclass(frozen=True)
class FilesRestored:
    written: int
    present: int


def quiet(_: str) -> None:
    pass


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and "\\" not in name
        and all(part not in ("", ".", "..") for part in name.split("/"))
    )


def check_members(source: Path, expected: dict[str, str]) -> list[tarfile.TarInfo]:
    """The tar's members, once every one is a regular file with a plain relative name and
    the names and sha256 are exactly the manifest's. Reads only the local tar."""
    with tarfile.open(source, "r") as tar:
        members = tar.getmembers()
        odd = [m.name for m in members if not m.isfile() or not _safe_name(m.name)]
        if odd:
            raise CommandError(f"attachments.tar chứa mục không phải tệp thường: {odd[:SHOWN]}")
        names = [m.name for m in members]
        changed = []
        for member in members:
            handle = tar.extractfile(member)
            assert handle is not None
            if member.name in expected and sha256_stream(handle) != expected[member.name]:
                changed.append(member.name)
    missing = sorted(set(expected) - set(names))
    extra = sorted(set(names) - set(expected))
    twice = sorted(name for name, count in Counter(names).items() if count > 1)
    if missing or changed or extra or twice:
        raise CommandError(
            "Tệp đính kèm trong bản sao lưu không khớp bản kê: "
            f"thiếu {missing[:SHOWN]}, khác sha256 {changed[:SHOWN]}, thừa {extra[:SHOWN]}, "
            f"lặp {twice[:SHOWN]}"
        )
    return members


def unreachable(error: BaseException, *, started: bool) -> CommandError:
    hint = (
        "Chạy lại `manage.py restore <thư mục> --files-only` khi kho lưu trữ trở lại: các tệp "
        "đã ghi đúng sẽ được bỏ qua."
        if started
        else "Chưa ghi gì vào cơ sở dữ liệu hay kho lưu trữ."
    )
    return CommandError(
        "Không truy cập được kho lưu trữ tệp (bucket S3 hoặc thư mục tệp đính kèm): "
        f"{type(error).__name__}: {error}. Kiểm tra CPMS_S3_ENDPOINT_URL, CPMS_S3_BUCKET, "
        f"khoá truy cập và quyền s3:ListBucket/GetObject/PutObject. {hint}"
    )


def check_reachable(storage: Storage) -> None:
    """List the storage's root once, so an unreachable bucket stops the restore before
    anything is written anywhere."""
    try:
        storage.listdir("")
    except FileNotFoundError:
        return  # a local folder that the first file will create
    except STORAGE_ERRORS as error:
        raise unreachable(error, started=False) from error


def stored_sha256(storage: Storage, name: str) -> str | None:
    """The sha256 of `name` in the storage, read in chunks; None when it is not there."""
    if not storage.exists(name):
        return None
    with storage.open(name, "rb") as handle:
        return sha256_stream(handle)


def _write(storage: Storage, tar: tarfile.TarFile, member: tarfile.TarInfo, sha: str) -> None:
    handle = tar.extractfile(member)
    assert handle is not None
    content = File(handle, member.name)
    content.size = member.size  # the wrapped tar reader would report the whole tar's size
    saved = storage.save(member.name, content)
    if saved != member.name:  # someone wrote the name between our check and the save
        storage.delete(saved)
        raise CommandError(f"{member.name} vừa xuất hiện trong kho lưu trữ: chạy lại lệnh.")
    size = storage.size(member.name)
    found = stored_sha256(storage, member.name)
    if size != member.size or found != sha:
        raise CommandError(
            f"{member.name}: sau khi ghi, kích thước {size} (cần {member.size}) hoặc sha256 "
            f"{found} (cần {sha}) không khớp bản kê."
        )


def write_members(
    source: Path,
    members: list[tarfile.TarInfo],
    storage: Storage,
    expected: dict[str, str],
    progress: Progress = quiet,
) -> FilesRestored:
    """Stream each checked member into the storage under its own name (see the module)."""
    written = present = 0
    total = len(members)
    with tarfile.open(source, "r") as tar:
        for index, member in enumerate(members, 1):
            name, sha = member.name, expected[member.name]
            try:
                found = stored_sha256(storage, name)
                if found is None:
                    _write(storage, tar, member, sha)
                    written += 1
                    state = "đã ghi, đã kiểm tra sha256"
                elif found == sha:
                    present += 1
                    state = "đã có, bỏ qua"
                else:
                    raise CommandError(
                        f"{name} đã có trong kho lưu trữ với nội dung khác (sha256 {found}, "
                        f"bản sao lưu {sha}): không ghi đè. Kiểm tra tệp đó rồi xoá hoặc "
                        "chuyển nó đi trước khi chạy lại."
                    )
            except STORAGE_ERRORS as error:
                raise unreachable(error, started=True) from error
            progress(f"[{index}/{total}] {name} ({member.size} byte): {state}")
    return FilesRestored(written=written, present=present)
