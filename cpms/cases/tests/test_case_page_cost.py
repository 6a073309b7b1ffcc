"""What the case page's speed-ups must not change: the forms it shows, and its statements."""

from __future__ import annotations

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cpms.accounts.models import User
from cpms.accounts.permissions import Role
from cpms.accounts.services import membership_grant, user_create
from cpms.cases.forms import NoteForm, TaskForm
from cpms.cases.templatetags.case_page import form_fields_once
from cpms.cases.tests.factories import make_case
from cpms.cases.tests.walk import busy_case


def test_the_forms_rendered_once_are_what_the_component_renders(world):
    owners = User.objects.filter(pk__in=[world.personas["worker"].pk, world.personas["leader"].pk])
    for form, key in ((NoteForm(), ()), (TaskForm(owners=owners), ("k",))):
        expected = render_to_string("components/form_fields.html", {"form": form})
        assert form_fields_once(form, *key) == expected
        assert form_fields_once(form, *key) == expected  # from the process's store
    with translation.override("en"):
        english = form_fields_once(NoteForm())
        assert english == render_to_string("components/form_fields.html", {"form": NoteForm()})
    assert english != form_fields_once(NoteForm())


def test_a_form_with_data_is_never_taken_from_the_store(world):
    form_fields_once(NoteForm())
    bound = NoteForm({"text": ""})
    assert bound.errors
    html = form_fields_once(bound)
    assert html == render_to_string("components/form_fields.html", {"form": bound})
    assert "invalid-feedback" in html


def test_a_new_member_of_the_commune_is_offered_as_task_owner_on_the_next_view(world, client_for):
    case = make_case(world)
    client = client_for("worker")
    url = reverse("cases:detail", args=[case.uid])
    assert "Người Mới Đến" not in client.get(url).content.decode()
    newcomer = user_create(
        actor=None, username="newcomer", password=None, full_name="Người Mới Đến"
    )
    membership_grant(actor=None, user=newcomer, agency=world.pc_a, role=Role.COMMUNE_WORKER)
    page = client.get(url).content.decode()
    assert f'<option value="{newcomer.pk}">Người Mới Đến</option>' in page


def test_the_case_page_of_a_worker_reads_no_grants_and_opens_no_cursor(world, client_for):
    case = busy_case(world)
    client = client_for("worker")
    url = reverse("cases:detail", args=[case.uid])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert "Ghi chú 2" in page and "Việc 2" in page
    sqls = [q["sql"] for q in queries]
    assert not any('FROM "accounts_membership"' in sql for sql in sqls)  # grants cached
    assert not any(sql.startswith("DECLARE") for sql in sqls)  # no server-side cursor
    assert len(sqls) <= 19, sqls


def test_the_page_shows_the_task_and_note_forms_as_the_form_templates_render_them(
    world, client_for
):
    case = make_case(world)
    owners = (
        User.objects.filter(memberships__scope_unit__path=case.commune.path, is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )
    page = client_for("worker").get(reverse("cases:detail", args=[case.uid])).content.decode()
    for form in (TaskForm(owners=owners), NoteForm()):
        assert render_to_string("components/form_fields.html", {"form": form}) in page
