"""Reading statistics from a streaming replica.

When `DATABASE_REPLICA_URL` is set, the `replica` database alias points at a PostgreSQL hot
standby of the primary. Code that only aggregates (dashboards, the figures of periodic
reports) wraps its queries in `replica_reads()`; the router then sends those reads to the
replica, so heavy aggregates do not compete with case work on the primary. Everything else,
and every write, goes to the primary, as do reads inside a transaction (which may need to
see the transaction's own writes). A replica lags the primary by a little (usually well under
a second): acceptable for statistics, never for case work.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

REPLICA = "replica"
_reading = ContextVar("cpms_replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def replica_configured() -> bool:
    return REPLICA in connections.settings


def read_alias() -> str:
    """The alias a read should use now; for raw SQL (the ORM asks the router)."""
    if (
        _reading.get()
        and replica_configured()
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    ):
        return REPLICA
    return DEFAULT_DB_ALIAS


class ReplicaRouter:
    def db_for_read(self, model: type[models.Model], **hints: Any) -> str | None:
        if read_alias() == REPLICA:
            return REPLICA
        return None  # Django's default: the primary, or where a related instance came from

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool:
        return True  # the same data on both aliases

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
