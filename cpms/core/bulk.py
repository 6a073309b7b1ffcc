"""Inserting many new model instances with PostgreSQL's COPY.

`bulk_create` binds every value as a literal on the client (Django's psycopg cursors bind
client-side), which for a 500-row batch costs more time in Python than the insert takes in
the database. `copy_insert` takes the primary keys from the table's sequence first (so the
instances, like bulk_create's, come back with their ids for foreign keys), then streams the
rows with COPY. The values are those `save()` would write (`pre_save`, `get_db_prep_save`);
row triggers (change history, append-only guards) fire as for INSERT. Model `save()` is not
called and no signal is sent, as with bulk_create.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from .bulk_history import ignored, insert_histories, insert_history

M = TypeVar("M", bound=models.Model)

# Fields whose database value on PostgreSQL is the Python value itself (psycopg adapts it):
# for these, calling get_db_prep_save on every value would cost more than the COPY.
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.IntegerField,
    models.SmallIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveIntegerField,
    models.BigIntegerField,
    models.BigAutoField,
    models.AutoField,
    models.DateField,
    models.UUIDField,
    models.ForeignKey,
)


def _value_of(field: models.Field[Any, Any], db: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    """How to read a field's database value off an instance, as save() would."""
    auto_time = isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add)
    if type(field) in _PLAIN_FIELDS and not auto_time:
        attname = field.attname
        return lambda obj: getattr(obj, attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), db)


def copy_insert(objs: Sequence[M]) -> Sequence[M]:
    if not objs:
        return objs
    # One transaction: the triggers' ignore setting lasts only as long as the transaction.
    with transaction.atomic():
        return _copy_insert(objs)


def _copy_insert(objs: Sequence[M]) -> Sequence[M]:
    meta = type(objs[0])._meta
    pk = meta.pk
    assert pk is not None
    fields = list(meta.concrete_fields)
    db = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the per-attribute proxy
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, pk.column, len(objs)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    for obj, pk_value in zip(objs, ids, strict=True):
        setattr(obj, pk.attname, pk_value)
        # Foreign keys to instances saved just before (as bulk_create does).
        obj._prepare_related_fields_for_save(operation_name="copy_insert")  # type: ignore[attr-defined]
    readers = [_value_of(f, db) for f in fields]
    columns = ", ".join(db.ops.quote_name(f.column) for f in fields)
    table = db.ops.quote_name(meta.db_table)
    raw = db.connection
    assert raw is not None
    histories = insert_histories(type(objs[0]))
    with raw.cursor() as cursor:
        with (
            ignored(cursor, histories),
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for obj in objs:
                copy.write_row([read(obj) for read in readers])
        insert_history(cursor, histories, ids)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = db.alias
    return objs


def fetch_bound(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Rows of `sql` run on Django's connection with its parameters bound by the server.

    Django's cursors bind on the client: a list of a few thousand values becomes as many
    placeholders, which psycopg splits and quotes in Python, costing more than the query.
    Pass such lists as one array parameter (`= ANY(%s)`) here instead."""
    db = connections[DEFAULT_DB_ALIAS]
    db.ensure_connection()
    raw = db.connection
    assert raw is not None
    with psycopg.Cursor(raw) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Uuids:
    """Random (version 4) UUIDs drawn from the kernel a thousand at a time: `uuid.uuid4()` asks
    for 16 bytes per value, which costs more than the rest of building an instance when a
    batch prepares thousands of them."""

    def __init__(self, chunk: int = 1024) -> None:
        self._chunk = chunk
        self._pending: list[uuid.UUID] = []

    def __call__(self) -> uuid.UUID:
        if not self._pending:
            raw = os.urandom(16 * self._chunk)
            self._pending = [
                uuid.UUID(bytes=raw[i : i + 16], version=4) for i in range(0, len(raw), 16)
            ]
        return self._pending.pop()
