"""The navbar groups the links a role may use into drop-downs and marks the current one."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from cpms.home.navigation import SECTIONS, nav_sections


def _item(name: str, url: str) -> SimpleNamespace:
    return SimpleNamespace(label=name.title(), url=url, name=name)


def test_links_are_grouped_in_section_order_and_unknown_links_stay_top_level():
    items = [
        _item("index", "/"),
        _item("stats", "/stats/"),
        _item("cases", "/cases/"),
        _item("my-work", "/cases/mine/"),
        _item("brand-new", "/new/"),
    ]
    sections = nav_sections(items, "/cases/mine/")
    # The home page is the brand's link, not a menu entry.
    assert [s.key for s in sections] == ["section-cases", "section-stats", "brand-new"]
    cases = sections[0]
    assert [link.name for link in cases.links] == ["cases", "my-work"]
    # The longest matching address wins: /cases/mine/ is "my work", not the case list.
    assert [link.active for link in cases.links] == [False, True]
    assert cases.active and cases.single is None
    assert sections[1].single is not None and not sections[1].active
    assert not nav_sections(items, "/")[0].active


def test_every_grouped_name_is_in_one_section_only():
    names = [name for _key, _label, group in SECTIONS for name in group]
    assert len(names) == len(set(names))


@pytest.mark.django_db
def test_the_officer_sees_drop_downs_with_the_current_section_marked(client_for):
    html = client_for("officer").get("/programmes/").content.decode()
    assert 'data-testid="section-prevention"' in html
    toggle = re.search(
        r'<button class="nav-link dropdown-toggle([^"]*)"\s+[^>]*id="section-prevention"', html
    )
    assert toggle is not None and "active" in toggle.group(1)
    assert re.search(r'href="/programmes/" data-testid="nav-programmes" aria-current="page"', html)
    assert 'data-bs-toggle="dropdown"' in html


@pytest.mark.django_db
def test_the_worker_sees_only_links_of_their_role(client_for):
    html = client_for("worker").get("/").content.decode()
    assert 'data-testid="nav-cases"' in html
    assert 'data-testid="nav-admin"' not in html


@pytest.mark.django_db
def test_the_collaborator_sees_no_empty_section(client_for):
    html = client_for("collaborator").get("/").content.decode()
    assert 'data-testid="section-stats"' not in html
    assert 'dropdown-menu" aria-labelledby="section-stats' not in html
