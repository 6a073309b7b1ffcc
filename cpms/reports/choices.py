"""Kinds, statuses and the one table of allowed transitions of a periodic report."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from cpms.accounts.permissions import Perm


class ReportKind(models.TextChoices):
    SIX_MONTHLY = "six_monthly", _("Báo cáo 6 tháng")
    YEARLY = "yearly", _("Báo cáo năm")
    MONTH_OF_ACTION = "month_of_action", _("Báo cáo Tháng hành động vì trẻ em")
    AD_HOC = "ad_hoc", _("Báo cáo đột xuất")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi lên cấp trên")
    REVIEWED = "reviewed", _("Đã xem xét")
    APPROVED = "approved", _("Đã phê duyệt")
    LOCKED = "locked", _("Đã khóa sổ")


class Level(StrEnum):
    """Where the actor's grant must sit: at the report's own unit, or above it (the unit that
    receives the report; for a unit with no parent, the unit itself)."""

    OWN = "own"
    UPPER = "upper"


class Action(models.TextChoices):
    SUBMIT = "submit", _("Gửi lên cấp trên")
    REVIEW = "review", _("Xác nhận đã xem xét")
    RETURN = "return", _("Trả lại để sửa")
    APPROVE = "approve", _("Phê duyệt")
    LOCK = "lock", _("Khóa sổ")


@dataclass(frozen=True)
class Transition:
    action: Action
    source: frozenset[ReportStatus]
    target: ReportStatus
    perm: Perm
    level: Level


TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(
            Action.SUBMIT,
            frozenset({ReportStatus.DRAFT}),
            ReportStatus.SUBMITTED,
            Perm.STAT_REPORT_PREPARE,
            Level.OWN,
        ),
        Transition(
            Action.REVIEW,
            frozenset({ReportStatus.SUBMITTED}),
            ReportStatus.REVIEWED,
            Perm.STAT_REPORT_REVIEW,
            Level.UPPER,
        ),
        Transition(
            Action.RETURN,
            frozenset({ReportStatus.SUBMITTED, ReportStatus.REVIEWED}),
            ReportStatus.DRAFT,
            Perm.STAT_REPORT_REVIEW,
            Level.UPPER,
        ),
        Transition(
            Action.APPROVE,
            frozenset({ReportStatus.REVIEWED}),
            ReportStatus.APPROVED,
            Perm.STAT_REPORT_APPROVE,
            Level.UPPER,
        ),
        Transition(
            Action.LOCK,
            frozenset({ReportStatus.APPROVED}),
            ReportStatus.LOCKED,
            Perm.STAT_REPORT_APPROVE,
            Level.UPPER,
        ),
    )
}

# Figures follow the data only while the report is a draft; from submission on they are the
# snapshot the upper level saw.
FIGURES_LIVE = frozenset({ReportStatus.DRAFT})
# Reports an upper level aggregates.
AGGREGATED = frozenset({ReportStatus.APPROVED, ReportStatus.LOCKED})

NARRATIVE_FIELDS: tuple[tuple[str, str], ...] = (
    ("general_situation", "I. Tình hình chung"),
    ("results", "II. Kết quả thực hiện"),
    ("difficulties", "III. Khó khăn, vướng mắc"),
    ("recommendations", "IV. Kiến nghị, đề xuất"),
)
