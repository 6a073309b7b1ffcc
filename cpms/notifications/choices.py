"""Kinds of notification and the groups users set preferences for.

A new kind needs one line in NotificationKind and one in KIND_GROUP (and a migration for the
database check constraint).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    REFERRAL_SENT = "referral_sent", _("Chuyển gửi mới")
    REFERRAL_ANSWERED = "referral_answered", _("Phản hồi chuyển gửi")
    REFERRAL_OVERDUE = "referral_overdue", _("Chuyển gửi quá hạn")
    DEADLINE_ALERT = "deadline_alert", _("Sắp đến hạn")
    DEADLINE_ESCALATION = "deadline_escalation", _("Quá hạn")
    TASK_ASSIGNED = "task_assigned", _("Được giao việc")
    CASE_TRANSFERRED = "case_transferred", _("Chuyển trường hợp")
    CONFERENCE_DECISION = "conference_decision", _("Kết luận họp liên ngành")
    ACCOUNTABILITY_PROPOSED = "accountability_proposed", _("Đề xuất xử lý trách nhiệm")
    OTHER = "other", _("Khác")


class KindGroup(models.TextChoices):
    ALL = "all", _("Tất cả (cài đặt chung)")
    REFERRALS = "referrals", _("Chuyển gửi")
    DEADLINES = "deadlines", _("Thời hạn")
    CASES = "cases", _("Trường hợp và công việc")
    OTHER = "other", _("Khác")


KIND_GROUP: dict[str, KindGroup] = {
    NotificationKind.REFERRAL_SENT: KindGroup.REFERRALS,
    NotificationKind.REFERRAL_ANSWERED: KindGroup.REFERRALS,
    NotificationKind.REFERRAL_OVERDUE: KindGroup.REFERRALS,
    NotificationKind.DEADLINE_ALERT: KindGroup.DEADLINES,
    NotificationKind.DEADLINE_ESCALATION: KindGroup.DEADLINES,
    NotificationKind.TASK_ASSIGNED: KindGroup.CASES,
    NotificationKind.CASE_TRANSFERRED: KindGroup.CASES,
    NotificationKind.CONFERENCE_DECISION: KindGroup.CASES,
    NotificationKind.ACCOUNTABILITY_PROPOSED: KindGroup.CASES,
    NotificationKind.OTHER: KindGroup.OTHER,
}


def group_of(kind: str) -> KindGroup:
    return KIND_GROUP.get(kind, KindGroup.OTHER)


class EmailMode(models.TextChoices):
    INHERIT = "", _("Theo cài đặt chung")
    OFF = "off", _("Không gửi")
    IMMEDIATE = "immediate", _("Gửi ngay")
    DIGEST = "digest", _("Gộp vào thư tổng hợp hằng ngày")


class DeliveryState(models.TextChoices):
    CLAIMED = "claimed", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")


EMAIL = "email"
