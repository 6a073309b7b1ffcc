from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from cpms.core.forms import BootstrapForm


class LoginForm(AuthenticationForm):
    """The same message for an unknown account and a wrong password: existence is not leaked."""

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại."),
        "inactive": _("Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length after the field is built, so it is never
        # checked: an over-long name reached the lockout table (255 characters) and failed.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))  # type: ignore[attr-defined]


class OtpForm(BootstrapForm):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=20,
        help_text=_("6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class ReauthForm(BootstrapForm):
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=20,
        help_text=_("6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    def __init__(self, *args: Any, with_code: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_code:
            del self.fields["code"]
