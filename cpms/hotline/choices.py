from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallType(models.TextChoices):
    NEW_REPORT = "new_report", _("Báo tin mới")
    CASE_UPDATE = "case_update", _("Cập nhật về trường hợp đã biết")
    COUNSELLING = "counselling", _("Tư vấn")
    INFORMATION = "information", _("Hỏi thông tin")
    SILENT_OR_PRANK = "silent_or_prank", _("Cuộc gọi im lặng, quấy rối")
    WRONG_NUMBER = "wrong_number", _("Gọi nhầm số")


# Only these calls carry information a commune must act on.
FORWARDABLE = frozenset({CallType.NEW_REPORT, CallType.CASE_UPDATE})
