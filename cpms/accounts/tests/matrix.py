"""Expected answers of the two-factor and re-authentication pages (merged into the role
matrix). client_for sessions have passed the second factor, with no authenticator enrolled."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.accounts.models import Passkey
from cpms.testing import PERSONAS, World


def _worker_passkey(world: World) -> Passkey:
    passkey, _ = Passkey.objects.get_or_create(
        user=world.personas["worker"],
        credential_id=b"matrix",
        defaults={"name": "matrix", "public_key": b"k"},
    )
    return passkey


def _expect(default: int, **overrides: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table.update(overrides)
    return table


ACCOUNTS_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "accounts:otp-verify": (lambda w: reverse("accounts:otp-verify"), _expect(302)),
    "accounts:otp-setup": (lambda w: reverse("accounts:otp-setup"), _expect(200, anonymous=302)),
    "accounts:recovery-codes": (
        lambda w: reverse("accounts:recovery-codes"),
        _expect(200, anonymous=302),
    ),
    "accounts:recovery-codes-new": (
        lambda w: reverse("accounts:recovery-codes-new"),
        _expect(405, anonymous=302),
    ),
    "accounts:reauth": (lambda w: reverse("accounts:reauth"), _expect(200, anonymous=302)),
    "accounts:passkeys": (lambda w: reverse("accounts:passkeys"), _expect(200, anonymous=302)),
    "accounts:passkey-register-options": (
        lambda w: reverse("accounts:passkey-register-options"),
        _expect(405, anonymous=302),
    ),
    "accounts:passkey-register": (
        lambda w: reverse("accounts:passkey-register"),
        _expect(405, anonymous=302),
    ),
    "accounts:passkey-login-options": (
        lambda w: reverse("accounts:passkey-login-options"),
        _expect(405, anonymous=302),
    ),
    "accounts:passkey-login": (
        lambda w: reverse("accounts:passkey-login"),
        _expect(405, anonymous=302),
    ),
    "accounts:passkey-revoke": (
        lambda w: reverse("accounts:passkey-revoke", args=[_worker_passkey(w).uid]),
        _expect(404, worker=200, anonymous=302),
    ),
}
