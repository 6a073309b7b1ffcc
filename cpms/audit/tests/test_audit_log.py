from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from cpms.accounts import services as account_services
from cpms.accounts.models import Agency, AgencyKind
from cpms.audit.models import AuditEvent, AuditLog
from cpms.audit.selectors import audit_trail_for
from cpms.audit.services import audit_record
from cpms.home import views as home_views


@pytest.mark.django_db
def test_it_refuses_updates_at_the_database_level():
    row = audit_record(event=AuditEvent.READ, actor=None, subject_type="x", subject_id="1")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditLog.objects.filter(pk=row.pk).update(subject_id="2")
    row.refresh_from_db()
    assert row.subject_id == "1"


@pytest.mark.django_db
def test_it_refuses_deletes_at_the_database_level():
    row = audit_record(event=AuditEvent.READ, actor=None, subject_type="x", subject_id="1")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditLog.objects.filter(pk=row.pk).delete()
    assert AuditLog.objects.filter(pk=row.pk).exists()


def test_it_writes_one_row_per_service_write(world):
    before = AuditLog.objects.count()
    agency = account_services.agency_create(
        actor=world.personas["sysadmin"],
        name="Trạm Y tế An Hòa",
        kind=AgencyKind.HEALTH,
        admin_unit=world.commune_a,
    )
    rows = AuditLog.objects.filter(subject_id=str(agency.uid))
    assert AuditLog.objects.count() == before + 1
    assert rows.get().event_type == AuditEvent.CREATE
    assert rows.get().actor == world.personas["sysadmin"]


def test_it_undoes_the_write_when_the_audit_write_fails(world, monkeypatch):
    def broken_audit(**kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(account_services, "audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        account_services.agency_create(
            actor=None, name="Không được lưu", kind=AgencyKind.NGO, admin_unit=world.commune_a
        )
    assert not Agency.objects.filter(name="Không được lưu").exists()


def test_it_fails_the_read_when_its_audit_row_cannot_be_written(world, client_for, monkeypatch):
    def broken_audit(**kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(home_views, "audit_record", broken_audit)
    client = client_for("worker")
    client.raise_request_exception = False
    response = client.get(reverse("home:agency-detail", args=[world.pc_a.uid]))
    assert response.status_code == 500
    assert "UBND phường An Hòa" not in response.content.decode()


def test_it_answers_who_saw_a_record(world, client_for):
    client_for("worker").get(reverse("home:agency-detail", args=[world.pc_a.uid]))
    client_for("outsider").get(reverse("home:agency-detail", args=[world.pc_a.uid]))
    trail = audit_trail_for(subject_type="accounts.agency", subject_id=world.pc_a.uid)
    seen = {(row.actor_label, row.event_type) for row in trail}
    assert ("worker", AuditEvent.READ) in seen
    assert ("outsider", AuditEvent.OUT_OF_SCOPE) in seen


def test_it_shows_the_trail_on_the_admin_page(world, client_for):
    client_for("worker").get(reverse("home:agency-detail", args=[world.pc_a.uid]))
    response = client_for("sysadmin").get(
        reverse("admin:audit_auditlog_changelist"), {"q": str(world.pc_a.uid)}
    )
    assert response.status_code == 200
    assert "worker" in response.content.decode()
