from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cpms.cases.choices import FieldGroup

__all__ = ["OPEN_STATES", "FieldGroup", "ReferralKind", "ReferralState", "SharingBasis"]


class ReferralKind(models.TextChoices):
    INVESTIGATION = "investigation", _("Điều tra, xác minh")
    MEDICAL_CARE = "medical_care", _("Chăm sóc y tế")
    FORENSIC_EXAM = "forensic_exam", _("Giám định pháp y")
    PSYCHOLOGICAL = "psychological", _("Hỗ trợ tâm lý")
    LEGAL_AID = "legal_aid", _("Trợ giúp pháp lý")
    EDUCATION = "education", _("Hỗ trợ giáo dục")
    SHELTER = "shelter", _("Chỗ ở an toàn, trợ giúp xã hội")
    OTHER = "other", _("Khác")


class ReferralState(models.TextChoices):
    SENT = "sent", _("Đã chuyển gửi")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    DECLINED = "declined", _("Từ chối tiếp nhận")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    COMPLETED = "completed", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


OPEN_STATES = frozenset({ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS})


class SharingBasis(models.TextChoices):
    """Why the case may be shared with the agency (Law on Children Art. 6, 21; Decree 13/2023
    Art. 17 for processing without consent)."""

    CONSENT = "consent", _("Có sự đồng ý của trẻ (từ đủ 7 tuổi) và cha mẹ, người giám hộ")
    STATE_DUTY = (
        "state_duty",
        _("Thực hiện trách nhiệm của cơ quan nhà nước (Luật Trẻ em Điều 51, Nghị định 56/2017)"),
    )
    EMERGENCY = "emergency", _("Khẩn cấp để bảo vệ tính mạng, sức khỏe của trẻ")
    AUTHORITY_REQUEST = "authority_request", _("Theo yêu cầu của cơ quan công an, tòa án")
