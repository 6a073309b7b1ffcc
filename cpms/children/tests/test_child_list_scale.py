"""The registry list past the count cap: the same order, and an honest count."""

from __future__ import annotations

from django.urls import reverse

from cpms.children.tests.factories import make_child
from cpms.core import paging

NAMES = ["Trần Văn Bình", "Đỗ Văn Em", "Lê Thị An", "Ngô Thị Dung", "Phạm Văn Cường"]
IN_ORDER = ["Lê Thị An", "Trần Văn Bình", "Phạm Văn Cường", "Ngô Thị Dung", "Đỗ Văn Em"]


def names(response):
    return [c.full_name for c in response.context["page"]]


def test_past_the_cap_the_list_keeps_its_order_and_says_more(world, client_for, monkeypatch):
    for name in NAMES:
        make_child(world, full_name=name)
    client = client_for("worker")
    exact = client.get(reverse("children:list"))  # sorted from its few rows
    assert names(exact) == IN_ORDER
    assert "5 trẻ" in exact.content.decode()
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    capped = client.get(reverse("children:list"))  # walked in index order
    assert names(capped) == IN_ORDER[:3]
    html = capped.content.decode()
    assert "Hơn 3 trẻ" in html and "5 trẻ" not in html


def test_a_search_past_the_cap_keeps_its_order(world, client_for, monkeypatch):
    for name in NAMES:
        make_child(world, full_name=name)
    client = client_for("worker")
    monkeypatch.setattr(paging, "COUNT_CAP", 1)
    assert names(client.get(reverse("children:list"), {"q": "van"})) == ["Trần Văn Bình"]
    monkeypatch.setattr(paging, "COUNT_CAP", 5000)
    found = names(client.get(reverse("children:list"), {"q": "van"}))
    assert found == ["Trần Văn Bình", "Phạm Văn Cường", "Đỗ Văn Em"]
