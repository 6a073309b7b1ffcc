"""Rewrite protected columns in place, in batches: the data migrations that first encrypt
existing rows and `rotate_field_keys` both use it. Triggers (history snapshots) are ignored
during the rewrite: the values do not change, only their encryption."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pgtrigger
from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.db.models import Model

from . import keys
from .fields import encrypted_fields

Rewrite = Callable[[str], str | None]


def encrypt_plaintext(value: str) -> str | None:
    """For the first encryption: plaintext → token; a value already encrypted is left."""
    return None if keys.readable(value) else keys.encrypt(value)


def to_current_key(value: str) -> str | None:
    """For rotation: a token of an older key (or plaintext) → a token of the current key."""
    return None if keys.current(value) else keys.reencrypt(value)


def rewrite_table(
    cursor: CursorWrapper,
    table: str,
    pk: str,
    columns: list[str],
    rewrite: Rewrite,
    *,
    batch_size: int = 500,
) -> tuple[int, int]:
    """Apply `rewrite` to every non-blank value of `columns`; returns (rows seen, rows written).
    Running it twice writes nothing the second time."""
    q = connection.ops.quote_name
    cols = ", ".join(q(c) for c in columns)
    seen = written = 0
    last: Any = None
    while True:
        where = f"WHERE {q(pk)} > %s " if last is not None else ""
        cursor.execute(
            f"SELECT {q(pk)}, {cols} FROM {q(table)} {where}ORDER BY {q(pk)} LIMIT %s",  # noqa: S608
            [last, batch_size] if last is not None else [batch_size],
        )
        rows = cursor.fetchall()
        if not rows:
            return seen, written
        updates = []
        for row in rows:
            new = [rewrite(v) if v else None for v in row[1:]]
            if any(n is not None for n in new):
                values = [n if n is not None else old for n, old in zip(new, row[1:], strict=True)]
                updates.append([*values, row[0]])
        if updates:
            _update(cursor, table, pk, columns, updates)
        seen += len(rows)
        written += len(updates)
        last = rows[-1][0]


def _update(
    cursor: CursorWrapper, table: str, pk: str, columns: list[str], rows: list[list[Any]]
) -> None:
    """One UPDATE per batch (executemany does not mix with pgtrigger.ignore)."""
    q = connection.ops.quote_name
    names = ", ".join(q(c) for c in [pk, *columns])
    row = "(" + ", ".join(["%s"] * (len(columns) + 1)) + ")"
    sets = ", ".join(f"{q(c)} = v.{q(c)}" for c in columns)
    cursor.execute(
        f"UPDATE {q(table)} AS t SET {sets} FROM (VALUES {', '.join([row] * len(rows))}) "  # noqa: S608
        f"AS v({names}) WHERE t.{q(pk)} = v.{q(pk)}",
        [value for r in rows for value in (r[-1], *r[:-1])],
    )


def rewrite_models(
    models: Iterable[type[Model]],
    rewrite: Rewrite,
    *,
    batch_size: int = 500,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, tuple[int, int]]:
    """Rewrite the protected columns of each model's table; {table: (seen, written)}."""
    done: dict[str, tuple[int, int]] = {}
    with pgtrigger.ignore(), connection.cursor() as cursor:
        for model in models:
            fields = encrypted_fields(model)
            if not fields or model._meta.proxy or not model._meta.managed:
                continue
            table = model._meta.db_table
            columns = [f.column for f in fields]
            done[table] = rewrite_table(
                cursor, table, model._meta.pk.column, columns, rewrite, batch_size=batch_size
            )
            if progress is not None:
                progress(table, *done[table])
    return done
