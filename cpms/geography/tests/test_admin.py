from __future__ import annotations

import pytest
from django.urls import reverse

from cpms.geography.models import AdminUnit, UnitLevel
from cpms.geography.services import unit_create

pytestmark = pytest.mark.django_db


def test_it_creates_a_unit_with_its_path_through_the_admin(admin_client):
    parent = unit_create(name="Tỉnh Quảng Ngãi", level=UnitLevel.PROVINCE, code="51")
    response = admin_client.post(
        reverse("admin:geography_adminunit_add"),
        {
            "name": "Phường Nghĩa Lộ",
            "code": "21028",
            "level": UnitLevel.COMMUNE,
            "parent": parent.pk,
            "valid_from": "01/07/2025",
            "valid_to": "",
            "successions_out-TOTAL_FORMS": "0",
            "successions_out-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    unit = AdminUnit.objects.get(code="21028")
    assert unit.path == f"{parent.path}{unit.pk}/"
    assert AdminUnit.objects.count() == 2


def test_it_keeps_path_and_parent_read_only_on_change(admin_client):
    province = unit_create(name="Tỉnh A", level=UnitLevel.PROVINCE)
    other = unit_create(name="Tỉnh B", level=UnitLevel.PROVINCE)
    unit = unit_create(name="Xã C", level=UnitLevel.COMMUNE, parent=province)
    response = admin_client.post(
        reverse("admin:geography_adminunit_change", args=[unit.pk]),
        {
            "name": "Xã C mới",
            "code": "",
            "level": UnitLevel.COMMUNE,
            "parent": other.pk,
            "valid_from": "",
            "valid_to": "",
            "successions_out-TOTAL_FORMS": "0",
            "successions_out-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.name, unit.parent, unit.path) == (
        "Xã C mới",
        province,
        f"{province.path}{unit.pk}/",
    )


def test_it_lists_and_searches_units_and_successions(admin_client):
    unit_create(name="Xã Tịnh Khê", level=UnitLevel.COMMUNE, code="21211")
    response = admin_client.get(reverse("admin:geography_adminunit_changelist"), {"q": "21211"})
    assert "Xã Tịnh Khê" in response.content.decode()
    assert (
        admin_client.get(reverse("admin:geography_adminunitsuccession_changelist")).status_code
        == 200
    )
