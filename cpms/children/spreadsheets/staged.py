"""The rows a check found, kept for the import that follows it.

The check writes every row of the book, in order, to a compressed file of JSON lines beside
the uploaded book: the data of a row to import, or only its number for a row that will be
skipped (an error, already in the registry, repeated in the file). The import then reads
this file instead of parsing and checking the workbook a second time. The file's SHA-256 is
kept on the job and checked before the import reads it; the registry's service still checks
every child as it saves it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import tempfile
import uuid
from collections.abc import Iterator
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import Storage

from cpms.geography.models import AdminUnit

from ..services import ChildData
from .checked import CheckedRow, ParentData

STAGED_DIR = "spreadsheets/checked"

# ChildData's fields in the order a line holds them (commune and village apart).
_FIELDS = (
    "full_name",
    "sex",
    "birth_precision",
    "ethnicity",
    "personal_id",
    "birth_certificate_no",
    "address",
    "school",
    "school_class",
    "out_of_school",
    "disability",
    "living_situation",
    "parents_marital",
    "notes",
)


def _parent(parent: ParentData | None) -> list[Any] | None:
    return None if parent is None else [parent.full_name, parent.birth_year]


def _line(row: CheckedRow) -> list[Any]:
    data = row.data
    if not row.importable or data is None:
        return [row.number]
    village = data.village.pk if data.village is not None else None
    values = [getattr(data, name) for name in _FIELDS]
    return [
        row.number,
        row.name_key,
        data.birth_date.isoformat(),
        village,
        values,
        _parent(row.mother),
        _parent(row.father),
    ]


class StagedWriter:
    """Collects the checked rows batch by batch in a temporary file; `save` stores it."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__
        self._zip = gzip.GzipFile(fileobj=self._file, mode="wb", compresslevel=1)

    def __enter__(self) -> StagedWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._zip.close()
        self._file.close()

    def write(self, rows: list[CheckedRow]) -> None:
        text = "".join(json.dumps(_line(row), ensure_ascii=False) + "\n" for row in rows)
        self._zip.write(text.encode())

    def save(self, storage: Storage) -> tuple[str, str]:
        """Store the file; returns its name in `storage` and its SHA-256."""
        self._zip.close()
        self._file.seek(0)
        digest = hashlib.sha256()
        for chunk in iter(lambda: self._file.read(1 << 20), b""):
            digest.update(chunk)
        self._file.seek(0)
        name = storage.save(f"{STAGED_DIR}/{uuid.uuid4().hex}.jsonl.gz", File(self._file))
        return name, digest.hexdigest()


def staged_sha256(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_staged(storage: Storage, name: str, commune: AdminUnit) -> Iterator[CheckedRow]:
    """The rows as the check left them, in order: importable ones with their data."""
    villages = {v.pk: v for v in AdminUnit.objects.filter(parent=commune)}
    with storage.open(name, "rb") as file, gzip.GzipFile(fileobj=file, mode="rb") as lines:
        for line in lines:
            item = json.loads(line)
            if len(item) == 1:
                yield CheckedRow(number=item[0], skip=True)
                continue
            number, name_key, birth, village, values, mother, father = item
            data = ChildData(
                birth_date=dt.date.fromisoformat(birth),
                commune=commune,
                village=villages.get(village) if village is not None else None,
                **dict(zip(_FIELDS, values, strict=True)),
            )
            yield CheckedRow(
                number=number,
                data=data,
                name_key=name_key,
                mother=ParentData(*mother) if mother else None,
                father=ParentData(*father) if father else None,
            )
