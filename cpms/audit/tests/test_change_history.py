from __future__ import annotations

import pghistory.models
from django.urls import reverse

from cpms.accounts.models import Agency


def test_it_keeps_the_history_of_an_admin_change_with_who_made_it(world, client_for):
    agency = world.pc_a
    url = reverse("admin:accounts_agency_change", args=[agency.pk])
    response = client_for("sysadmin").post(
        url,
        {
            "name": "UBND phường An Hòa (mới)",
            "short_name": "",
            "kind": agency.kind,
            "admin_unit": agency.admin_unit_id,
            "parent": "",
            "phone": "0255 3 822 111",
            "address": "",
            "valid_from": "",
            "valid_to": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Agency.objects.get(pk=agency.pk).name == "UBND phường An Hòa (mới)"
    events = pghistory.models.Events.objects.tracks(agency).order_by("pgh_created_at")
    last = list(events)[-1]
    assert last.pgh_data["name"] == "UBND phường An Hòa (mới)"
    assert last.pgh_context["user"] == world.personas["sysadmin"].pk


def test_it_keeps_history_for_bulk_updates_too(world):
    Agency.objects.filter(pk=world.pc_b.pk).update(phone="0255 000")
    events = pghistory.models.Events.objects.tracks(world.pc_b)
    assert any(e.pgh_data.get("phone") == "0255 000" for e in events)
