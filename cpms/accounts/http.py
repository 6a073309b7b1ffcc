from __future__ import annotations

from django.http import HttpRequest

from .models import User


class AuthedRequest(HttpRequest):
    """A request behind @login_required: the user is a real User."""

    user: User
