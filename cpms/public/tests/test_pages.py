from __future__ import annotations

from django.test import Client
from django.urls import reverse

from cpms.public.models import Hotline, PublicPage
from cpms.public.selectors import Block, page_blocks


def test_the_index_lists_hotlines_with_tap_to_call_and_guidance(world):
    response = Client().get(reverse("public:index"))
    page = response.content.decode()
    assert 'href="tel:111"' in page and 'href="tel:113"' in page
    assert "Đường dây nóng bảo vệ trẻ em tỉnh Quảng Ngãi" not in page  # no number yet
    assert reverse("public:report") in page
    for slug in PublicPage.objects.values_list("slug", flat=True):
        assert reverse("public:page", args=[slug]) in page
    assert "<script" not in page
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


def test_a_configured_provincial_hotline_appears(world):
    hotline = Hotline.objects.get(scope="provincial")
    hotline.number = "0255 3 822 111"
    hotline.active = True
    hotline.save()
    page = Client().get(reverse("public:index")).content.decode()
    assert 'href="tel:02553822111"' in page


def test_every_seeded_page_renders_without_login(world):
    for page in PublicPage.objects.all():
        response = Client().get(reverse("public:page", args=[page.slug]))
        assert response.status_code == 200
        assert page.title in response.content.decode()
    assert PublicPage.objects.values("audience").distinct().count() == 3


def test_unpublished_and_unknown_pages_are_not_found(world):
    PublicPage.objects.filter(slug="sau-khi-bao-tin").update(published=False)
    assert Client().get(reverse("public:page", args=["sau-khi-bao-tin"])).status_code == 404
    assert Client().get(reverse("public:page", args=["khong-co"])).status_code == 404


def test_page_text_cannot_inject_html(world):
    PublicPage.objects.filter(slug="sau-khi-bao-tin").update(
        body="## <b>Tiêu đề</b>\n\n<script>alert(1)</script>\n- <img src=x>"
    )
    page = Client().get(reverse("public:page", args=["sau-khi-bao-tin"])).content.decode()
    assert "<script>alert" not in page and "<img src=x>" not in page
    assert "&lt;script&gt;" in page


def test_page_blocks():
    assert page_blocks("Một\nhai\n\n## Đầu\n- a\n- b\nSau") == [
        Block("paragraph", "Một hai"),
        Block("heading", "Đầu"),
        Block("list", items=("a", "b")),
        Block("paragraph", "Sau"),
    ]


def test_public_pages_use_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    client = Client()
    for url in (
        reverse("public:index"),
        reverse("public:page", args=["sau-khi-bao-tin"]),
        reverse("public:report"),
        reverse("public:status"),
    ):
        with django_assert_max_num_queries(4):
            assert client.get(url).status_code == 200


def test_the_login_page_links_to_the_public_site(world):
    page = Client().get(reverse("accounts:login")).content.decode()
    assert reverse("public:index") in page


def test_signed_in_staff_see_public_pages_uncached(client_for):
    response = client_for("worker").get(reverse("public:index"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
