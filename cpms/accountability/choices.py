"""Kinds of violation, actions taken, and the life of an entry (proposed, then confirmed or
dismissed)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    CONCEALMENT = "concealment", _("Che giấu thông tin về trẻ em bị xâm hại")
    FAILURE_TO_REPORT = "failure_to_report", _("Không thông báo, tố giác")
    OBSTRUCTION = "obstruction", _("Cản trở việc cung cấp thông tin, xử lý")
    LATE_HANDLING = "late_handling", _("Chậm xử lý, quá thời hạn")
    OTHER = "other", _("Khác")


class ActionTaken(models.TextChoices):
    NONE = "none", _("Không áp dụng biện pháp")
    REMINDER = "reminder", _("Nhắc nhở")
    WARNING = "warning", _("Cảnh cáo")
    FINE_PROPOSAL = "fine_proposal", _("Đề nghị xử phạt vi phạm hành chính")
    POLICE_REFERRAL = "police_referral", _("Chuyển cơ quan công an")


class EntryStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất, chờ xem xét")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    DISMISSED = "dismissed", _("Không xác nhận")


class EntrySource(models.TextChoices):
    MANUAL = "manual", _("Ghi nhận trực tiếp")
    DEADLINE = "deadline", _("Đề xuất tự động từ thời hạn quá hạn")
