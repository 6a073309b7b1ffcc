from __future__ import annotations

from django.urls import path

from . import views, views_otp

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("otp/", views_otp.otp_verify, name="otp-verify"),
    path("otp/setup/", views_otp.otp_setup, name="otp-setup"),
    path("otp/recovery/", views_otp.recovery_codes, name="recovery-codes"),
    path("otp/recovery/new/", views_otp.recovery_codes_new, name="recovery-codes-new"),
    path("reauth/", views_otp.reauth, name="reauth"),
]
