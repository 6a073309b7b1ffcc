"""The user's notification pages: own rows only, mark read, preferences, badge."""

from __future__ import annotations

from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.notifications.choices import EmailMode, KindGroup
from cpms.notifications.models import Notification, NotificationPreference

from .factories import make_notification


def test_it_lists_own_notifications_newest_first_with_unread_marked(world, client_for):
    worker = world.personas["worker"]
    old = make_notification(worker, title="Cũ")
    Notification.objects.filter(pk=old.pk).update(created_at=old.created_at.replace(year=2020))
    make_notification(worker, title="Mới")
    make_notification(world.personas["leader"], title="Của người khác")
    read = make_notification(worker, title="Đã đọc")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    page = client_for("worker").get(reverse("notifications:list")).content.decode()
    assert "Của người khác" not in page
    assert page.index("Đã đọc") < page.index("Mới") < page.index("Cũ")
    assert page.count('data-unread="1"') == 2
    assert "Đánh dấu tất cả là đã đọc" in page


def test_the_list_costs_the_same_queries_for_any_number_of_rows(
    world, client_for, django_assert_num_queries, django_assert_max_num_queries
):
    worker = world.personas["worker"]
    client = client_for("worker")
    make_notification(worker)
    url = reverse("notifications:list")
    client.get(url)  # warm the session
    with django_assert_max_num_queries(10) as few:
        assert client.get(url).status_code == 200
    for i in range(30):
        make_notification(worker, title=f"Việc {i}")
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("list-group-item-primary") == 25
    assert "1 / 2" in page


def test_opening_marks_read_once_and_follows_the_link(world, client_for):
    row = make_notification(world.personas["worker"], url="/cases/")
    url = reverse("notifications:open", args=[row.uid])
    client = client_for("worker")
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == "/cases/"
    row.refresh_from_db()
    first = row.read_at
    assert first is not None
    assert client.post(url).status_code == 302
    row.refresh_from_db()
    assert row.read_at == first


def test_it_never_follows_a_link_out_of_the_app(world, client_for):
    row = make_notification(world.personas["worker"], url="https://evil.example/")
    response = client_for("worker").post(reverse("notifications:open", args=[row.uid]))
    assert response["Location"] == reverse("notifications:list")


def test_another_users_notification_is_not_found(world, client_for):
    row = make_notification(world.personas["worker"])
    url = reverse("notifications:open", args=[row.uid])
    for persona in ("leader", "outsider", "sysadmin"):
        assert client_for(persona).post(url).status_code == 404
    row.refresh_from_db()
    assert row.read_at is None
    refusals = AuditLog.objects.filter(event_type=AuditEvent.OUT_OF_SCOPE, subject_id=str(row.uid))
    assert refusals.count() == 3


def test_mark_all_read_touches_only_own_rows(world, client_for):
    worker, leader = world.personas["worker"], world.personas["leader"]
    for _ in range(3):
        make_notification(worker)
    theirs = make_notification(leader)
    url = reverse("notifications:read-all")
    assert client_for("worker").get(url).status_code == 405
    assert client_for("worker").post(url).status_code == 302
    assert not Notification.objects.filter(recipient=worker, read_at=None).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert client_for("worker").post(url).status_code == 302  # again: nothing left


def test_the_badge_shows_the_unread_count_in_one_query(
    world, client_for, django_assert_max_num_queries
):
    worker = world.personas["worker"]
    for _ in range(2):
        make_notification(worker)
    client = client_for("worker")
    url = reverse("notifications:badge")
    client.get(url)
    # session, user, the count, the session save (inside a savepoint: 3 statements)
    with django_assert_max_num_queries(6):
        body = client.get(url).content.decode()
    assert 'data-testid="unread-count">2<' in body
    assert "unread-count" not in client_for("leader").get(url).content.decode()
    home = client.get(reverse("home:index")).content.decode()
    assert f'hx-get="{url}"' in home
    anonymous = client_for("anonymous").get(reverse("accounts:login")).content.decode()
    assert url not in anonymous


def test_preferences_are_saved_for_the_user_and_audited(world, client_for):
    worker = world.personas["worker"]
    url = reverse("notifications:preferences")
    client = client_for("worker")
    page = client.get(url).content.decode()
    assert "Tin nhắn SMS" in page and "Zalo" in page
    data = {
        "all-email": "digest",
        "all-sms": "on",
        "referrals-email": "immediate",
        "referrals-sms": "",
        "referrals-zalo": "on",
        "deadlines-email": "",
        "cases-email": "off",
        "cases-sms": "off",
        "other-email": "",
    }
    assert client.post(url, data).status_code == 302
    prefs = {p.group: (p.email_mode, p.channels) for p in worker.notification_preferences.all()}
    assert prefs == {
        KindGroup.ALL: (EmailMode.DIGEST, {"sms": True, "zalo": False}),
        KindGroup.REFERRALS: (EmailMode.IMMEDIATE, {"zalo": True}),
        KindGroup.CASES: (EmailMode.OFF, {"sms": False}),
    }
    audit = AuditLog.objects.get(subject_type="notifications.preference")
    assert audit.actor == worker and audit.extra_data["old"] == {}
    assert client.post(url, data).status_code == 302
    assert AuditLog.objects.filter(subject_type="notifications.preference").count() == 1
    again = client.get(url).content.decode()
    assert 'value="digest" selected' in again


def test_invalid_preferences_are_refused_and_nothing_saved(world, client_for):
    url = reverse("notifications:preferences")
    response = client_for("worker").post(url, {"all-email": "shout", "cases-email": ""})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode() or "invalid-feedback" in (
        response.content.decode()
    )
    assert NotificationPreference.objects.count() == 0
