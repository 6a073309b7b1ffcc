"""A password login starts a new session lifetime and clears any earlier verification."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from .scope import warm_grants_cache
from .twofactor import mark_login


@receiver(user_logged_in)
def on_login(sender: object, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        mark_login(request.session)


@receiver(user_logged_in)
def on_login_warm_grants(sender: object, user: Any, **kwargs: Any) -> None:
    warm_grants_cache(user)
