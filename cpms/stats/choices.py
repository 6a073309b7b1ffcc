from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationPeriod(models.TextChoices):
    MONTHLY = "monthly", _("Tháng")
    SIX_MONTHLY = "six_monthly", _("6 tháng")
    YEARLY = "yearly", _("Năm")


class ReportKind(models.TextChoices):
    """The periodic reports of issue 7 (the report workflow itself lives in cpms/reports)."""

    SIX_MONTHLY = "six_monthly", _("Báo cáo 6 tháng")
    YEARLY = "yearly", _("Báo cáo năm")
    MONTH_OF_ACTION = "month_of_action", _("Báo cáo Tháng hành động vì trẻ em")
    AD_HOC = "ad_hoc", _("Báo cáo đột xuất")


class Dimension(models.TextChoices):
    """Breakdown keys (phân tổ) an indicator may list."""

    SEX = "sex", _("Giới tính")
    AGE_GROUP = "age_group", _("Nhóm tuổi")
    SETTING = "setting", _("Môi trường xâm hại")
    ABUSE_TYPE = "abuse_type", _("Hình thức xâm hại")
    PERPETRATOR_RELATION = "perpetrator_relation", _("Quan hệ của người gây hại với trẻ")
    COMMUNE = "commune", _("Xã, phường")
    PROTECTION_LEVEL = "protection_level", _("Cấp độ bảo vệ")
    CIRCUMSTANCE_GROUP = "circumstance_group", _("Nhóm hoàn cảnh đặc biệt")
    CHANNEL = "channel", _("Nguồn tiếp nhận")
    CASE_STEP = "case_step", _("Bước xử lý")
    DEADLINE_RULE = "deadline_rule", _("Thời hạn")
    REFERRAL_KIND = "referral_kind", _("Loại dịch vụ")
    REFERRAL_STATUS = "referral_status", _("Tình trạng chuyển gửi")
    CLOCK_STATUS = "clock_status", _("Tình trạng thời hạn")
    HELPED = "helped", _("Được hỗ trợ, can thiệp")
    PLAN_DAYS = "plan_days", _("Thời gian từ tiếp nhận đến phê duyệt kế hoạch")
