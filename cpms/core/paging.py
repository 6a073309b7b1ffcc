"""A paginator for lists that can reach a million rows (quality-targets.md, scale S).

Counting every row of a huge scope costs as much as reading it, so the count stops at `cap`:
beyond it the page says "hơn 5.000" and offers the first cap / per_page pages only (filters
and search narrow the list). A page is read through `fetch(start, stop, exact)` when the list
gives one (else by slicing): `exact` is True when the whole list is known to hold at most
`cap` rows, so the list may sort its few rows instead of walking an index in list order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.formats import number_format

COUNT_CAP = 5000

Fetch = Callable[[int, int, bool], Sequence[Any]]


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        fetch: Fetch | None = None,
        counted_from: QuerySet[Any] | None = None,
        counter: Callable[[int], int] | None = None,
        cap: int | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.cap = COUNT_CAP if cap is None else cap
        self.fetch = fetch
        # The same rows without what only the page shows (annotations), when cheaper to count;
        # or a function counting the rows up to a limit, for a list read in several parts.
        self.counted_from = object_list if counted_from is None else counted_from
        self.counter = counter

    @cached_property
    def counted(self) -> int:
        """Rows of the list, up to cap + 1 (one statement, stopping there)."""
        if self.counter is not None:
            return self.counter(self.cap + 1)
        counted: int = self.counted_from[: self.cap + 1].count()
        return counted

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        """More rows than the cap: `count` is the cap, not the number of rows."""
        return self.counted > self.cap

    @property
    def count_shown(self) -> str:
        return number_format(self.count, force_grouping=True)

    def page(self, number: Any) -> Page:  # type: ignore[type-arg]
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        stop = min(start + self.per_page, self.count)
        if self.fetch is None:
            return Page(self.object_list[start:stop], number, self)
        return Page(self.fetch(start, stop, not self.capped), number, self)
