from __future__ import annotations

from django.urls import reverse

from cpms.cases.tests.factories import make_case


def test_the_case_page_links_to_recording_an_entry_for_those_who_may(world, client_for):
    case = make_case(world)
    link = f"{reverse('accountability:create')}?case={case.uid}"
    page = client_for("worker").get(reverse("cases:detail", args=[case.uid]))
    assert link in page.content.decode()
    officer_page = client_for("officer").get(reverse("cases:detail", args=[case.uid]))
    assert link in officer_page.content.decode()
