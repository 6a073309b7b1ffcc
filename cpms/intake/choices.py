from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    HOTLINE_111 = "hotline_111", _("Tổng đài quốc gia 111")
    PROVINCIAL_HOTLINE = "provincial_hotline", _("Đường dây nóng của tỉnh")
    POLICE = "police", _("Công an")
    SCHOOL = "school", _("Trường học")
    HEALTH = "health", _("Cơ sở y tế")
    WALK_IN = "walk_in", _("Đến trực tiếp")
    PHONE = "phone", _("Điện thoại")
    COLLABORATOR = "collaborator", _("Cộng tác viên thôn, tổ dân phố")
    WEB_FORM = "web_form", _("Biểu mẫu trên trang công khai")
    INTEGRATION = "integration", _("Hệ thống khác (kết nối)")


class Setting(models.TextChoices):
    """Where the abuse happened (môi trường xâm hại, Circular 13/2021 breakdown)."""

    FAMILY = "family", _("Gia đình")
    SCHOOL = "school", _("Trường học")
    COMMUNITY = "community", _("Cộng đồng")
    ONLINE = "online", _("Môi trường mạng")
    UNKNOWN = "unknown", _("Chưa rõ")


class ReporterRelation(models.TextChoices):
    PARENT = "parent", _("Cha, mẹ")
    RELATIVE = "relative", _("Người thân")
    CHILD_SELF = "child_self", _("Chính trẻ em")
    FRIEND = "friend", _("Bạn bè")
    NEIGHBOUR = "neighbour", _("Hàng xóm")
    TEACHER = "teacher", _("Giáo viên, nhà trường")
    HEALTH_WORKER = "health_worker", _("Nhân viên y tế")
    OFFICIAL = "official", _("Cán bộ, cơ quan")
    OTHER = "other", _("Khác")
    UNKNOWN = "unknown", _("Không rõ")


class ChildSex(models.TextChoices):
    """Mẫu 01 2.c: the sex may be unknown at intake."""

    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")
    UNKNOWN = "unknown", _("Không biết")


class ReportStatus(models.TextChoices):
    NEW = "new", _("Mới, chưa phân loại")
    TRIAGED = "triaged", _("Đã phân loại")


class TriageOutcome(models.TextChoices):
    CASE_OPENED = "case_opened", _("Mở trường hợp mới")
    CASE_LINKED = "case_linked", _("Gắn vào trường hợp đang mở")
    NO_CASE = "no_case", _("Không cần mở trường hợp")
