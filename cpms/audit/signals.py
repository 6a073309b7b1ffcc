"""Logins, logouts and failed logins are security events: each writes one audit row."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from .models import AuditEvent
from .services import audit_record


@receiver(user_logged_in)
def on_login(sender: object, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit_record(event=AuditEvent.LOGIN, actor=user, request=request)


@receiver(user_logged_out)
def on_logout(sender: object, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit_record(event=AuditEvent.LOGOUT, actor=user, request=request)


@receiver(user_login_failed)
def on_login_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The typed name is kept as a label only: it may not be an account, and no password is kept.
    audit_record(
        event=AuditEvent.LOGIN_FAILED,
        actor=None,
        request=request,
        actor_label=str(credentials.get("username", ""))[:150],
    )


@receiver(user_locked_out)
def on_locked_out(
    sender: object, request: HttpRequest, username: str | None = None, **kwargs: Any
) -> None:
    audit_record(
        event=AuditEvent.LOCKED_OUT,
        actor=None,
        request=request,
        actor_label=(username or "")[:150],
    )
