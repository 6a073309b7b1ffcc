from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True for a request made by htmx (set by django-htmx's middleware)."""
    return bool(getattr(request, "htmx", False))
