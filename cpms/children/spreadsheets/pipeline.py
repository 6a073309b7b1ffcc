"""Database work beside the Python work of a long job, on a second connection.

A batch's queries or inserts run on a worker thread while the main thread reads and
prepares the next batch: PostgreSQL and Python then work at the same time on the machine's
two cores (a thread waiting on the database holds no lock on Python). The worker thread has
its own connection, which sees only committed rows: inside a caller's transaction (tests)
the work runs at once on the caller's connection instead.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from django.db import connection

P = ParamSpec("P")
R = TypeVar("R")


class Beside:
    """`submit(work, ...)` → a Future; at most one piece of work runs at a time, in order.
    Use as a context manager: leaving it waits for the work and closes the connection."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._pool: ThreadPoolExecutor | None = None

    def __enter__(self) -> Beside:
        if not connection.in_atomic_block:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        return self

    def submit(self, work: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> Future[R]:
        if self._pool is not None:
            return self._pool.submit(work, *args, **kwargs)
        done: Future[R] = Future()
        try:
            done.set_result(work(*args, **kwargs))
        except Exception as exc:  # handed to whoever asks for the result
            done.set_exception(exc)
        return done

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            # The thread's own connection, closed in that thread once its work is done.
            pool.submit(_close_connection).result()
            pool.shutdown(wait=True)


def _close_connection() -> None:
    connection.close()  # looked up in the calling thread: that thread's own connection
