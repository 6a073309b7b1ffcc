from __future__ import annotations

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client
from django.urls import reverse

import config.settings as production_settings
from cpms.audit.models import AuditEvent, AuditLog
from cpms.testing import PASSWORD


def login(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_it_signs_in_and_lands_on_the_home_page(world):
    client = Client()
    response = login(client, "worker", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home:index")
    assert AuditLog.objects.filter(event_type=AuditEvent.LOGIN, actor__username="worker").exists()


def test_it_gives_the_same_answer_for_unknown_user_and_wrong_password(world):
    unknown = login(Client(), "nobody-here", "whatever-pass")
    wrong = login(Client(), "worker", "wrong-password")
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in wrong.content.decode()


@pytest.mark.parametrize("username", ["worker", "nobody-here"])
def test_it_locks_out_after_repeated_failures_whether_or_not_the_account_exists(world, username):
    client = Client()
    for _ in range(5):
        login(client, username, "wrong-password")
    response = login(client, username, PASSWORD)
    assert response.status_code in (403, 429)
    assert "Tạm thời không thể đăng nhập" in response.content.decode()
    assert AuditLog.objects.filter(event_type=AuditEvent.LOGIN_FAILED).count() >= 5


def test_it_does_not_let_a_locked_out_user_in_with_the_right_password(world):
    client = Client()
    for _ in range(5):
        login(client, "worker", "wrong-password")
    login(client, "worker", PASSWORD)
    assert "_auth_user_id" not in client.session


def test_it_hashes_passwords_with_argon2_in_production():
    assert production_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("x", hasher.salt())
    assert encoded.startswith("argon2$") and hasher.verify("x", encoded)


def test_it_marks_authenticated_pages_no_store(world, client_for):
    response = client_for("worker").get(reverse("home:index"))
    assert "no-store" in response["Cache-Control"]


def test_it_shows_the_home_page_in_vietnamese_with_the_users_role(world, client_for):
    html = client_for("worker").get(reverse("home:index")).content.decode()
    assert 'lang="vi"' in html
    assert "Người làm công tác bảo vệ trẻ em cấp xã" in html
    assert "UBND phường An Hòa" in html
