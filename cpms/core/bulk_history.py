"""Change history for rows that `copy_insert` adds in bulk.

pghistory records an insert with a row trigger that runs one INSERT into the event table per
row. For an import that adds half a million rows (children, parents, family links) that is
about 3 s of the database's time per 100 k rows. `insert_history` records the very same
events with one INSERT … SELECT per batch instead (the trigger's own statement, run over the
batch's rows), while `ignored` tells the row triggers to skip (pgtrigger's ignore setting,
which their function checks first).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pghistory.trigger
import pgtrigger
import psycopg
from django.db import models

# The body pghistory gives an insert trigger: INSERT INTO "event" (…) VALUES (NEW."a", …).
_TRIGGER_BODY = re.compile(
    r'INSERT INTO (?P<table>"\w+") \((?P<columns>[^)]*)\) VALUES \((?P<values>.*)\); RETURN NULL;',
    re.S,
)


@dataclass(frozen=True)
class InsertHistory:
    pgid: str  # the trigger's name in the database
    sql: str  # its INSERT, as INSERT … SELECT over the rows whose ids are the one parameter


@functools.cache
def insert_histories(model: type[models.Model]) -> tuple[InsertHistory, ...]:
    """The model's pghistory insert triggers that can be replaced by a set-based insert."""
    found = []
    target: Any = model  # pgtrigger's hints say an instance; it means the class
    for tracked, trigger in pgtrigger.registered():
        if tracked is not target or not isinstance(trigger, pghistory.trigger.Event):
            continue
        if str(trigger.operation) != "INSERT" or trigger.condition is not None:
            continue
        body = _TRIGGER_BODY.search(trigger.render_func(target))
        if body is None or "%" in body.group(0):
            continue  # not the shape we know: leave it to the row trigger
        pk = model._meta.pk
        assert pk is not None
        rows = f'"{model._meta.db_table}" AS NEW WHERE NEW."{pk.column}" = ANY(%s)'
        # Built from the model's own trigger definition, no outside input.
        sql = f"INSERT INTO {body['table']} ({body['columns']}) SELECT {body['values']} FROM {rows}"  # noqa: S608
        found.append(InsertHistory(pgid=trigger.get_pgid(target), sql=sql))
    return tuple(found)


@contextmanager
def ignored(
    cursor: psycopg.Cursor[tuple[object, ...]], histories: Sequence[InsertHistory]
) -> Iterator[None]:
    """Within the current transaction, the row triggers of `histories` skip their work."""
    if not histories:
        yield
        return
    cursor.execute("SELECT current_setting('pgtrigger.ignore', true)")
    row = cursor.fetchone()
    before = str(row[0]) if row and row[0] is not None else None
    names = [h.pgid for h in histories]
    if before and before != "{}":
        names += before.strip("{}").split(",")
    cursor.execute("SELECT set_config('pgtrigger.ignore', %s, true)", ["{" + ",".join(names) + "}"])
    try:
        yield
    finally:
        cursor.execute("SELECT set_config('pgtrigger.ignore', %s, true)", [before or "{}"])


def insert_history(
    cursor: psycopg.Cursor[tuple[object, ...]], histories: Sequence[InsertHistory], ids: list[int]
) -> None:
    for history in histories:
        cursor.execute(history.sql, [ids])
