from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """The same message for an unknown account and a wrong password: existence is not leaked."""

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại."),
        "inactive": _("Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại."),
    }
