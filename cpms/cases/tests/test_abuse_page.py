"""The case page shows abuse details, the police and court track and attachments in the same
number of queries however many there are, and the perpetrators page likewise."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpms.cases.tests.abuse_factories import add_attachment, add_milestone, add_perpetrator
from cpms.cases.tests.factories import make_case


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_one_of_each(world, case, i):
    add_perpetrator(world, case, full_name=f"Người {i}")
    add_milestone(world, case, unit=f"Công an số {i}")
    add_attachment(world, case, name=f"tep-{i}.pdf")


def test_the_case_page_query_count_does_not_grow_with_details(world, client_for):
    case = make_case(world)
    client = client_for("worker")
    url = reverse("cases:detail", kwargs={"uid": case.uid})
    add_one_of_each(world, case, 0)
    client.get(url)
    few, _page = count_queries(client, url)
    for i in range(1, 5):
        add_one_of_each(world, case, i)
    many, page = count_queries(client, url)
    assert many == few
    assert "tep-4.pdf" in page and "Công an số 4" in page
    assert "Người bị cho là gây hại: 5" in page
    assert "Người 4" not in page  # names only on the audited page


def test_the_perpetrators_page_query_count_does_not_grow(world, client_for):
    case = make_case(world)
    client = client_for("leader")
    url = reverse("cases:perpetrators", kwargs={"uid": case.uid})
    add_perpetrator(world, case, full_name="Người 0")
    client.get(url)
    few, _page = count_queries(client, url)
    for i in range(1, 5):
        add_perpetrator(world, case, full_name=f"Người {i}")
    many, page = count_queries(client, url)
    assert many == few and "Người 4" in page
