"""Expected answers of the two-factor and re-authentication pages (merged into the role
matrix). client_for sessions have passed the second factor, with no authenticator enrolled."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.testing import PERSONAS, World


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
}
