"""Files of a backup: the attachments tar, and sha256 sums of everything written."""

from __future__ import annotations

import hashlib
import tarfile
from pathlib import Path
from typing import IO

from django.core.files import File
from django.core.files.storage import Storage

CHUNK = 1 << 20


def sha256_stream(handle: IO[bytes] | File[bytes]) -> str:
    """The sha256 of what is left to read in `handle`, read in chunks."""
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return sha256_stream(handle)


def files_under(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def tar_folder(root: Path, target: Path) -> dict[str, str]:
    """Write every regular file under `root` into the tar `target` (paths relative to the
    root, in sorted order); return {relative path: sha256}."""
    sums: dict[str, str] = {}
    with tarfile.open(target, "w") as tar:
        for path in files_under(root):
            name = path.relative_to(root).as_posix()
            sums[name] = sha256_of(path)
            tar.add(path, arcname=name, recursive=False)
    return sums


def storage_files(storage: Storage, folder: str = "") -> list[str]:
    """Every file name in `storage` under `folder`, in sorted order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names += storage_files(storage, f"{folder}{sub}/")
    return sorted(names)


class _Hashing:
    """Hashes what tarfile reads, so each stored file is fetched once."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def tar_storage(storage: Storage, target: Path) -> dict[str, str]:
    """Like tar_folder, read through the storage API (an S3 bucket): {name: sha256}."""
    sums: dict[str, str] = {}
    with tarfile.open(target, "w") as tar:
        for name in storage_files(storage):
            info = tarfile.TarInfo(name)
            info.size = storage.size(name)
            info.mode = 0o600
            with storage.open(name, "rb") as handle:
                hashing = _Hashing(handle)
                tar.addfile(info, hashing)
            sums[name] = hashing.digest.hexdigest()
    return sums
