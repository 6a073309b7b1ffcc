from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpms.children.tests.factories import make_child

from . import dataset

pytestmark = pytest.mark.django_db

URL = reverse("stats:dashboard")
YEAR_2025 = {"period": "custom", "start": "01/01/2025", "end": "31/12/2025"}


@pytest.fixture
def data(world):
    return dataset.build(world)


ACTIVITY_CODES = ("VH07", "VH08", "VH09")  # staff and audience counts: not protected


def shown_numbers(html: str, *, children_only: bool = False) -> list[str]:
    sections = html.split('data-testid="stats-table"')[1:]
    if children_only:
        sections = [s for s in sections if not any(f">{c}<" in s for c in ACTIVITY_CODES)]
    return [n for s in sections for n in re.findall(r'<td class="text-end">([^<]*)</td>', s)]


def test_it_shows_a_commune_worker_his_commune_unprotected(world, data, client_for):
    response = client_for("worker").get(URL, {**YEAR_2025, "unit": world.commune_a.uid})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Số trẻ em bị xâm hại, chia theo nhóm tuổi và giới tính" in html
    assert "–" not in shown_numbers(html)
    assert "3" in shown_numbers(html)
    assert "<svg" in html
    assert "<style" not in html
    assert "đã được bảo vệ" not in html
    assert "chia theo xã, phường" not in html  # one commune: no table by commune


def test_it_protects_figures_above_the_commune(world, data, client_for):
    for persona in ("officer", "statistician"):
        response = client_for(persona).get(URL, {**YEAR_2025, "unit": world.province.uid})
        assert response.status_code == 200
        html = response.content.decode()
        numbers = shown_numbers(html, children_only=True)
        assert "–" in numbers
        assert not {"1", "2", "3", "4"} & set(numbers), persona
        assert "đã được bảo vệ" in html


def test_it_protects_a_commune_seen_from_the_province(world, data, client_for):
    response = client_for("officer").get(URL, {**YEAR_2025, "unit": world.commune_a.uid})
    assert response.status_code == 200
    numbers = shown_numbers(response.content.decode(), children_only=True)
    assert "–" in numbers
    assert not {"1", "2", "3", "4"} & set(numbers)


def test_it_shows_no_personal_data_and_no_links_to_records(world, data, client_for):
    html = client_for("statistician").get(URL, {**YEAR_2025, "unit": world.province.uid})
    text = html.content.decode()
    for child in data.children.values():
        assert child.full_name not in text
        assert str(child.uid) not in text
    for case in data.cases.values():
        assert str(case.uid) not in text
    assert "/cases/" not in text.split("<main", 1)[-1]


def test_it_shows_historical_communes_as_they_were_on_request(world, data, client_for):
    params = {**YEAR_2025, "unit": world.province.uid}
    rolled = client_for("officer").get(URL, params).content.decode()
    assert "Xã Nghĩa Cũ" not in rolled
    kept = client_for("officer").get(URL, {**params, "as_they_were": "on"}).content.decode()
    assert "Xã Nghĩa Cũ" in kept


def test_it_answers_404_for_a_unit_out_of_scope(world, data, client_for):
    response = client_for("outsider").get(URL, {"unit": world.commune_a.uid})
    assert response.status_code == 404


def test_it_refuses_post(world, client_for):
    assert client_for("worker").post(URL).status_code == 405


def test_it_reports_a_bad_period(world, client_for):
    response = client_for("worker").get(
        URL, {"period": "custom", "start": "31/12/2025", "end": "01/01/2025"}
    )
    assert response.status_code == 200
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in response.content.decode()
    response = client_for("worker").get(
        URL, {"period": "custom", "start": "2025-01-01", "end": "x"}
    )
    assert response.status_code == 200
    assert 'data-testid="stats-table"' not in response.content.decode()


def test_it_defaults_to_this_year_in_the_viewers_unit(world, client_for):
    response = client_for("worker").get(URL)
    assert response.status_code == 200
    assert "Phường An Hòa" in response.content.decode()


def test_it_reads_a_fixed_number_of_queries(world, data, client_for):
    client = client_for("officer")
    params = {**YEAR_2025, "unit": world.province.uid}
    client.get(URL, params)  # warm the session and the chart cache alike
    with CaptureQueriesContext(connection) as first:
        client.get(URL, params)
    more = make_child(world, full_name="Trẻ Tám", sex="male")
    case = dataset._case(world, more, world.commune_b, dt.date(2025, 4, 4))
    dataset._abuse(world, case, ["trafficking"], "community")
    with CaptureQueriesContext(connection) as second:
        client.get(URL, params)
    assert len(second) == len(first)
    assert len(first) < 60


def test_above_the_commune_it_reads_the_cube_in_a_fixed_number_of_queries(world, data, client_for):
    from cpms.stats.cube.build import build_cube

    client = client_for("officer")
    params = {**YEAR_2025, "unit": world.province.uid}
    build_cube()
    client.get(URL, params)  # warm the session and the chart cache alike
    with CaptureQueriesContext(connection) as first:
        response = client.get(URL, params)
    assert 'data-testid="stats-as-of"' in response.content.decode()
    more = make_child(world, full_name="Trẻ Tám", sex="male")
    case = dataset._case(world, more, world.commune_b, dt.date(2025, 4, 4))
    dataset._abuse(world, case, ["trafficking"], "community")
    build_cube()
    with CaptureQueriesContext(connection) as second:
        client.get(URL, params)
    assert len(second) == len(first)
    assert len(first) < 60
