from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cpms.core.forms import BootstrapForm

STALE = _("Hồ sơ vừa được người khác cập nhật. Vui lòng mở lại trang để xem thay đổi mới nhất.")


def form_errors(form: BootstrapForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
