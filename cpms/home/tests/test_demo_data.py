from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cpms.accounts.demo import DEMO_PASSWORD, demo_otp_code
from cpms.accounts.models import Membership, User


@pytest.mark.django_db
def test_it_seeds_one_demo_user_per_role_and_is_idempotent():
    call_command("seed_demo_data")
    call_command("seed_demo_data")
    roles = set(Membership.objects.values_list("role", flat=True))
    assert len(roles) == 9
    # Demo people only: the public site's system user (inactive, no role) is not one of them.
    assert User.objects.filter(is_active=True).count() == Membership.objects.count() == 10


@pytest.mark.django_db
def test_it_lets_the_demo_commune_worker_see_their_ward_only():
    call_command("seed_demo_data")
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "canbo.nghialo", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    code = demo_otp_code("canbo.nghialo")  # the second step, with the published demo secret
    assert client.post(reverse("accounts:otp-verify"), {"code": code}).status_code == 302
    units = client.get(reverse("home:unit-list")).context["page"]
    names = {u.name for u in units}
    assert "Phường Nghĩa Lộ" in names
    assert "Xã An Phú" not in names


def test_it_switches_to_english_only_when_the_user_asks(world, client_for):
    client = client_for("worker")
    vietnamese = client.get(reverse("home:index"), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Vai trò và địa bàn của bạn" in vietnamese
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("home:index")).content.decode()
    assert 'lang="en"' in english
    assert "Vai trò và địa bàn của bạn" not in english
    assert "Your roles and areas" in english


@pytest.mark.django_db
def test_it_seeds_a_demo_registry_once_with_a_duplicate_and_twins():
    from cpms.children.models import Child, RiskScreening

    call_command("seed_demo_data")
    count = Child.objects.count()
    call_command("seed_demo_data")
    assert Child.objects.count() == count >= 40
    assert Child.objects.filter(name_key="dang thi ngoc anh").count() == 2
    assert Child.objects.filter(mother_key="tran thi huong", birth_date="2014-06-02").count() == 2
    assert RiskScreening.objects.exists()
