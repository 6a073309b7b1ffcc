"""Writes for the API: integration clients, tokens, and reports submitted with an
idempotency key. Every write is atomic and writes one audit row."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from cpms.accounts.models import Agency, User
from cpms.accounts.services import user_create
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.text import normalize_text
from cpms.intake.models import Report
from cpms.intake.services import ReportData, report_receive

from .models import ApiSubmission, ApiToken, IntegrationClient, Scope

CLIENT_SUBJECT = "api.client"
TOKEN_SUBJECT = "api.token"  # noqa: S105 - an audit subject type, not a secret
# How often last_used_at is written at most: a busy client should not write on every call.
LAST_USED_EVERY = dt.timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def integration_client_create(
    *, actor: User | None, name: str, agency: Agency, channel: str
) -> IntegrationClient:
    name = normalize_text(name)
    user = user_create(
        actor=actor,
        username=f"api-{secrets.token_hex(6)}",
        password=None,
        full_name=name,
    )
    client = IntegrationClient(name=name, agency=agency, user=user, channel=channel)
    client.full_clean(exclude=["user"])
    client.save()
    audit_record(
        event=AuditEvent.CREATE,
        actor=actor,
        subject_type=CLIENT_SUBJECT,
        subject_id=client.uid,
        extra={"agency": str(agency.uid)},
    )
    return client


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    # Shown once, never stored.
    plaintext: str


@transaction.atomic
def token_issue(
    *,
    actor: User | None,
    client: IntegrationClient,
    scopes: Sequence[str],
    expires_at: dt.datetime,
    label: str = "",
) -> IssuedToken:
    """A new token for `client`; the caller must hand `plaintext` over now: only its hash
    is kept."""
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = ApiToken(
        client=client,
        label=normalize_text(label),
        prefix=prefix,
        secret_hash=_hash(secret),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        created_by=actor,
    )
    token.full_clean(exclude=["client", "created_by"])
    token.save()
    audit_record(
        event=AuditEvent.CREATE,
        actor=actor,
        subject_type=TOKEN_SUBJECT,
        subject_id=token.uid,
        extra={"client": str(client.uid), "scopes": token.scopes},
    )
    return IssuedToken(token=token, plaintext=f"{prefix}.{secret}")


@transaction.atomic
def token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            event=AuditEvent.ARCHIVE, actor=actor, subject_type=TOKEN_SUBJECT, subject_id=token.uid
        )
    return token


def token_authenticate(plaintext: str) -> ApiToken | None:
    """The live token behind `plaintext`, or None (unknown, wrong secret, revoked, expired,
    or its client switched off). Records when the token was used."""
    prefix, sep, secret = plaintext.strip().partition(".")
    if not sep or not prefix or not secret or len(prefix) > 16:
        return None
    token = (
        ApiToken.objects.select_related("client", "client__user", "client__agency")
        .filter(prefix=prefix)
        .first()
    )
    # Compare even when no row matched, so a wrong prefix costs the same as a wrong secret.
    stored = token.secret_hash if token is not None else "0" * 64
    if not hmac.compare_digest(stored, _hash(secret)) or token is None:
        return None
    now = timezone.now()
    if token.revoked_at is not None or token.expires_at <= now or not token.client.active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


class IdempotencyConflict(Exception):
    """The key was used before with a different body."""


def report_submit(
    *, client: IntegrationClient, key: str, body_hash: str, data: ReportData
) -> tuple[Report, bool]:
    """Create the report once per (client, key). Returns (report, created): a retry with the
    same key and body gives back the first report and False."""
    existing = _submission(client, key)
    if existing is not None:
        return _replay(existing, body_hash)
    try:
        with transaction.atomic():
            report = report_receive(actor=client.user, data=data)
            ApiSubmission.objects.create(
                client=client,
                idempotency_key=key,
                body_hash=body_hash,
                report=report,
                children_sent=len(data.children),
            )
    except IntegrityError:
        # A concurrent retry won the (client, key) row; this attempt rolled back whole.
        existing = _submission(client, key)
        if existing is None:
            raise
        return _replay(existing, body_hash)
    return report, True


def _submission(client: IntegrationClient, key: str) -> ApiSubmission | None:
    return (
        ApiSubmission.objects.select_related("report", "report__commune")
        .filter(client=client, idempotency_key=key)
        .first()
    )


def _replay(submission: ApiSubmission, body_hash: str) -> tuple[Report, bool]:
    if not hmac.compare_digest(submission.body_hash, body_hash):
        raise IdempotencyConflict
    return submission.report, False


ALL_SCOPES = tuple(Scope.values)
