from __future__ import annotations

from procrastinate.contrib.django import app

from cpms.audit.models import AuditEvent, AuditLog
from cpms.public.models import Hotline, PublicPage


def test_an_administrator_edits_a_guidance_page_audited(world, client_for):
    page = PublicPage.objects.get(slug="sau-khi-bao-tin")
    url = f"/admin/public/publicpage/{page.pk}/change/"
    response = client_for("sysadmin").post(
        url,
        {
            "slug": page.slug,
            "title": "Sau khi báo tin",
            "summary": "",
            "body": "Nội dung mới.",
            "audience": "parents",
            "position": 3,
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.title == "Sau khi báo tin"
    assert AuditLog.objects.filter(
        event_type=AuditEvent.UPDATE, subject_type="public.publicpage", subject_id=str(page.pk)
    ).exists()


def test_content_is_never_deleted_through_the_admin(world, client_for):
    hotline = Hotline.objects.get(number="111")
    response = client_for("sysadmin").get(f"/admin/public/hotline/{hotline.pk}/delete/")
    assert response.status_code == 403
    assert Hotline.objects.filter(pk=hotline.pk).exists()


def test_other_personas_cannot_reach_the_content_admin(world, client_for):
    assert client_for("worker").get("/admin/public/publicpage/").status_code == 302


def test_expired_rate_windows_are_pruned_periodically():
    periodic = {t.periodic_id: t for t in app.periodic_registry.periodic_tasks.values()}
    assert periodic["ratelimit-prune"].task.name == "public.prune_rate_counters"
