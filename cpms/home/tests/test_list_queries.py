"""Every list page and API list runs the same number of SQL queries for 2 rows as for 12
(quality-targets.md: a fixed number of queries per page whatever the page size). Page sizes
are fixed in the views (25 or 50, never a query parameter), so 12 rows fit on one page.

The registry is in list_registry.py; the meta-tests below find every view that paginates and
every API operation that answers a list, so a new one cannot be left out."""

from __future__ import annotations

import ast
import importlib
import inspect
import typing
from collections.abc import Iterator
from functools import cache

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from cpms.api.api import api
from cpms.care.tests.factories import reference_data as care_reference_data
from cpms.home.tests.list_registry import LISTS, ListPage
from cpms.testing import World, fill_reference_data

# the API's rate limit: one more statement on a random request is not the queries growing
pytestmark = pytest.mark.usefixtures("no_random_prune")
SMALL, LARGE = 2, 12
# Views that paginate but whose list is always empty, with the reason.
NOT_LISTS = {
    "children-sheets:export-detail": "shares the import page's context; an export has no issues",
}


@pytest.fixture(autouse=True)
def reference_data(db: None) -> None:
    """Seeded rules, concern types and sharing table, restored if a transactional test
    flushed them."""
    fill_reference_data()
    care_reference_data()


def _get(client: Client, entry: ListPage, url: str, ctx: object) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **entry.headers(ctx))
    assert response.status_code == 200, url
    return entry.rows(response), [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("name", sorted(LISTS))
def test_the_queries_do_not_grow_with_the_rows(name, world: World, client_for) -> None:
    entry = LISTS[name]
    ctx = entry.setup(world)
    client = client_for(entry.persona)
    url = entry.url(world, ctx)
    before, _ = _get(client, entry, url, ctx)  # also warms the session
    for i in range(SMALL):
        entry.add(world, ctx, i)
    rows_small, small = _get(client, entry, url, ctx)
    for i in range(SMALL, LARGE):
        entry.add(world, ctx, i)
    rows_large, large = _get(client, entry, url, ctx)
    assert (rows_small, rows_large) == (before + SMALL, before + LARGE)
    extra = "\n".join(q for q in large if q not in small)
    assert len(large) == len(small), f"{name}: {len(small)} → {len(large)} queries\n{extra}"


def _patterns(
    patterns: list[URLPattern | URLResolver], ns: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns)
        else:
            yield f"{ns}{p.name}", p


@cache
def _paginating_functions(module_name: str) -> frozenset[str]:
    """Functions of the module that build a page themselves or call one (in the same module)
    that does: Paginator(...), .get_page(...) or .paginate(...)."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    calls: dict[str, set[str]] = {}
    direct: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            names = calls.setdefault(node.name, set())
            for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
                func = call.func
                if isinstance(func, ast.Name):
                    names.add(func.id)
                    if func.id == "Paginator":
                        direct.add(node.name)
                elif isinstance(func, ast.Attribute) and func.attr in ("get_page", "paginate"):
                    direct.add(node.name)
    found = set(direct)
    while True:
        more = {f for f, names in calls.items() if f not in found and names & found}
        if not more:
            return frozenset(found)
        found |= more


def paginating_views() -> set[str]:
    found = set()
    for name, pattern in _patterns(get_resolver().url_patterns):
        if name.startswith("admin:"):  # Django's admin, staff-only and paged by Django
            continue
        view = inspect.unwrap(pattern.callback)
        module = getattr(view, "__module__", "")
        if module.startswith("cpms.") and view.__name__ in _paginating_functions(module):
            found.add(name)
    return found


def api_list_operations() -> set[str]:
    found = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                model = operation.response_models.get(200)
                answer = model.model_fields["response"].annotation if model else None
                if "GET" in operation.methods and typing.get_origin(answer) is list:
                    found.add(f"api:{operation.url_name}")
    return found


def test_every_paginating_view_is_in_the_registry() -> None:
    views = paginating_views()
    assert {"children:list", "cases:list", "children-sheets:import-detail"} <= views
    html = {name for name in LISTS if not name.startswith("api:")}
    assert views - html - set(NOT_LISTS) == set(), "add these list pages to list_registry.LISTS"
    assert html - views == set(), "these registry entries no longer paginate"


def test_every_api_list_is_in_the_registry() -> None:
    operations = api_list_operations()
    assert "api:commune-list" in operations
    assert operations == {name for name in LISTS if name.startswith("api:")}
