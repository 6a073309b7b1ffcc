from __future__ import annotations

from django.urls import path

from . import views, views_otp, views_passkeys

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("otp/", views_otp.otp_verify, name="otp-verify"),
    path("otp/setup/", views_otp.otp_setup, name="otp-setup"),
    path("otp/recovery/", views_otp.recovery_codes, name="recovery-codes"),
    path("otp/recovery/new/", views_otp.recovery_codes_new, name="recovery-codes-new"),
    path("reauth/", views_otp.reauth, name="reauth"),
    path("otp/passkeys/", views_passkeys.passkey_list, name="passkeys"),
    path(
        "otp/passkeys/register/options/",
        views_passkeys.passkey_register_options,
        name="passkey-register-options",
    ),
    path("otp/passkeys/register/", views_passkeys.passkey_register_verify, name="passkey-register"),
    path(
        "otp/passkeys/login/options/",
        views_passkeys.passkey_login_options,
        name="passkey-login-options",
    ),
    path("otp/passkeys/login/", views_passkeys.passkey_login_verify, name="passkey-login"),
    path("otp/passkeys/<uuid:uid>/revoke/", views_passkeys.passkey_revoke, name="passkey-revoke"),
]
