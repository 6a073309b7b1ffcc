from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class DatePrecision(models.TextChoices):
    EXACT = "exact", _("Ngày tháng năm")
    MONTH = "month", _("Chỉ tháng và năm")
    YEAR = "year", _("Chỉ năm")


class LivingSituation(models.TextChoices):
    BOTH_PARENTS = "both_parents", _("Sống với cả cha và mẹ")
    ONE_PARENT = "one_parent", _("Sống với cha hoặc mẹ")
    GRANDPARENTS = "grandparents", _("Sống với ông bà")
    RELATIVES = "relatives", _("Sống với người thân khác")
    ALONE = "alone", _("Sống một mình")
    FACILITY = "facility", _("Sống tại cơ sở trợ giúp xã hội")
    OTHER = "other", _("Khác")


class ParentsMarital(models.TextChoices):
    MARRIED = "married", _("Cha mẹ sống chung (kết hôn)")
    DIVORCED = "divorced", _("Cha mẹ ly hôn")
    SEPARATED = "separated", _("Cha mẹ ly thân")
    WIDOWED = "widowed", _("Cha hoặc mẹ đã mất")
    UNMARRIED = "unmarried", _("Cha mẹ không kết hôn")
    UNKNOWN = "unknown", _("Không rõ")


class Relationship(models.TextChoices):
    FATHER = "father", _("Cha")
    MOTHER = "mother", _("Mẹ")
    STEPFATHER = "stepfather", _("Cha dượng")
    STEPMOTHER = "stepmother", _("Mẹ kế")
    GRANDPARENT = "grandparent", _("Ông / bà")
    SIBLING = "sibling", _("Anh / chị")
    RELATIVE = "relative", _("Họ hàng")
    CAREGIVER = "caregiver", _("Người chăm sóc")
    OTHER = "other", _("Người khác trong hộ")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")


class ProtectionLevel(models.TextChoices):
    """Law on Children Art. 47: the three levels of protection."""

    PREVENTION = "prevention", _("Phòng ngừa")
    SUPPORT = "support", _("Hỗ trợ")
    INTERVENTION = "intervention", _("Can thiệp")
