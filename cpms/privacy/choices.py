from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Decree 13/2023 Art. 20 and Law 91/2025 Art. 24: a child aged 7 or more consents too.
CHILD_CONSENT_AGE = 7


class BasisKind(models.TextChoices):
    CONSENT = "consent", _("Sự đồng ý của trẻ và người đại diện theo pháp luật")
    STATE_DUTY = "state_duty", _("Nhiệm vụ của cơ quan nhà nước (Luật Trẻ em, Nghị định 56)")
    EMERGENCY = "emergency", _("Khẩn cấp, bảo vệ tính mạng, sức khỏe của trẻ")
    OTHER_LAW = "other_law", _("Quy định khác của pháp luật")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Bằng văn bản")
    ORAL = "oral", _("Bằng lời nói, có biên bản ghi nhận")
    ELECTRONIC = "electronic", _("Bằng phương tiện điện tử")
