"""Choices of the directive register."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """Kinds of documents a directive is, or cites."""

    RESOLUTION = "resolution", _("Nghị quyết")
    DIRECTIVE = "directive", _("Chỉ thị")
    DECISION = "decision", _("Quyết định")
    PLAN = "plan", _("Kế hoạch")
    OFFICIAL_LETTER = "official_letter", _("Công văn")
    COORDINATION_RULES = "coordination_rules", _("Quy chế phối hợp")
    LAW = "law", _("Luật")
    DECREE = "decree", _("Nghị định")
    CIRCULAR = "circular", _("Thông tư")


class DirectiveStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    IN_FORCE = "in_force", _("Đang thực hiện")
    EXPIRED = "expired", _("Hết hiệu lực")


class Schedule(models.TextChoices):
    """How often an assigned agency reports on a clause."""

    ONE_OFF = "one_off", _("Một lần (theo hạn)")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    SEMIANNUAL = "semiannual", _("6 tháng")
    YEARLY = "yearly", _("Hằng năm")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã gửi")
