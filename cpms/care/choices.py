"""Alternative care (Law on Children Arts. 62–68; Decree 56/2017 alternative-care chapter)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlacementKind(models.TextChoices):
    """The four forms of alternative care (Law on Children Art. 62)."""

    RELATIVE = "relative", _("Chăm sóc thay thế bởi người thân thích")
    FOSTER = "foster", _("Nhận chăm sóc thay thế không phải người thân thích")
    ADOPTION = "adoption", _("Nhận con nuôi")
    FACILITY = "facility", _("Cơ sở trợ giúp xã hội")


class ProviderKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    FAMILY = "family", _("Gia đình")
    FACILITY = "facility", _("Cơ sở trợ giúp xã hội")


# Which caregivers can take which form of care.
KIND_PROVIDERS: dict[str, frozenset[str]] = {
    PlacementKind.RELATIVE: frozenset({ProviderKind.INDIVIDUAL, ProviderKind.FAMILY}),
    PlacementKind.FOSTER: frozenset({ProviderKind.INDIVIDUAL, ProviderKind.FAMILY}),
    PlacementKind.ADOPTION: frozenset({ProviderKind.INDIVIDUAL, ProviderKind.FAMILY}),
    PlacementKind.FACILITY: frozenset({ProviderKind.FACILITY}),
}


class ItemAppliesTo(models.TextChoices):
    PERSON = "person", _("Cá nhân, gia đình")
    FACILITY = "facility", _("Cơ sở trợ giúp xã hội")


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất, chờ quyết định")
    ACTIVE = "active", _("Đang chăm sóc thay thế")
    ENDED = "ended", _("Đã chấm dứt")
    WITHDRAWN = "withdrawn", _("Đề xuất đã rút")


OPEN_STATUSES = (PlacementStatus.PROPOSED, PlacementStatus.ACTIVE)


class EndReason(models.TextChoices):
    CAREGIVER_REQUEST = "caregiver_request", _("Theo đề nghị của người nhận chăm sóc (Mẫu 15)")
    RETURN_HOME = "return_home", _("Trẻ trở về với gia đình")
    ADOPTED = "adopted", _("Trẻ được nhận làm con nuôi")
    TRANSFERRED = "transferred", _("Chuyển hình thức chăm sóc thay thế")
    UNSAFE = "unsafe", _("Người chăm sóc không bảo đảm an toàn cho trẻ")
    ADULT = "adult", _("Trẻ đủ 16 tuổi hoặc tự lập")
    OTHER = "other", _("Lý do khác")


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", _("Tiếp tục chăm sóc thay thế")
    END = "end", _("Đề nghị chấm dứt")


class DurationUnit(models.TextChoices):
    MONTHS = "months", _("tháng")
    WORKING_DAYS = "working_days", _("ngày làm việc")
