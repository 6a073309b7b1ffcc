"""The capped paginator: an honest count and pager past the cap (no database)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from cpms.core.paging import CappedPaginator


def _page(rows: int, cap: int, number: int = 1):
    counter = lambda limit: min(rows, limit)  # noqa: E731
    paginator = CappedPaginator(list(range(rows)), 3, counter=counter, cap=cap)
    return paginator.get_page(number)


def test_past_the_cap_it_counts_the_cap_and_says_more():
    page = _page(rows=100, cap=10)
    assert (page.paginator.count, page.paginator.capped, page.paginator.num_pages) == (10, True, 4)
    last = _page(rows=100, cap=10, number=99)  # beyond the offered pages: the last one
    assert (last.number, list(last)) == (4, [9])
    with translation.override("vi"):
        html = render_to_string(
            "components/pagination.html", {"page": page}, RequestFactory().get("/")
        )
    assert "1 / hơn 4" in html


def test_under_the_cap_it_counts_exactly():
    page = _page(rows=7, cap=10)
    assert (page.paginator.count, page.paginator.capped, page.paginator.num_pages) == (7, False, 3)
    with translation.override("vi"):
        html = render_to_string(
            "components/pagination.html", {"page": page}, RequestFactory().get("/")
        )
    assert "1 / 3" in html and "hơn" not in html


def test_the_count_is_shown_with_grouped_thousands():
    page = _page(rows=6000, cap=5000)
    with translation.override("vi"):
        assert page.paginator.count_shown == "5.000"
