from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory, override_settings

from cpms.core import ratelimit
from cpms.public.models import RateCounter

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 10, 0, 5, tzinfo=dt.UTC)


def test_allows_up_to_the_limit_then_refuses():
    results = [ratelimit.hit("k", limit=3, window=60, now=T0) for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert RateCounter.objects.get(key="k").count == 5


def test_keys_are_independent():
    assert ratelimit.hit("a", limit=1, window=60, now=T0)
    assert not ratelimit.hit("a", limit=1, window=60, now=T0)
    assert ratelimit.hit("b", limit=1, window=60, now=T0)


def test_a_new_window_starts_afresh():
    assert ratelimit.hit("k", limit=1, window=60, now=T0)
    assert not ratelimit.hit("k", limit=1, window=60, now=T0 + dt.timedelta(seconds=50))
    assert ratelimit.hit("k", limit=1, window=60, now=T0 + dt.timedelta(seconds=60))


def test_prune_deletes_only_expired_windows():
    ratelimit.hit("old", limit=5, window=60, now=T0)
    ratelimit.hit("new", limit=5, window=60, now=T0 + dt.timedelta(minutes=5))
    assert ratelimit.prune(T0 + dt.timedelta(minutes=5)) == 1
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["new"]


def test_client_address_ignores_forwarded_header_unless_trusted():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert ratelimit.client_address(request) == "10.0.0.1"
    with override_settings(RATELIMIT_TRUSTED_PROXY_HEADER="HTTP_X_FORWARDED_FOR"):
        assert ratelimit.client_address(request) == "1.2.3.4"
        # A client-written entry before the proxy's own is not believed.
        spoofed = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4"
        )
        assert ratelimit.client_address(spoofed) == "1.2.3.4"
