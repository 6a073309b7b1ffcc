"""Reports (Mẫu 01): what was received, from whom, about which children, and how it was triaged."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint
from cpms.geography.models import AdminUnit
from cpms.privacy.fields import EncryptedCharField, EncryptedTextField

from .choices import Channel, ChildSex, ReporterRelation, ReportStatus, Setting, TriageOutcome


class ConcernType(models.Model):
    """Abuse types, sexual-abuse sub-types and "at risk" (legal-framework §3), as data."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc loại"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    is_abuse = models.BooleanField(_("là hành vi xâm hại"), default=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("loại vụ việc")
        verbose_name_plural = _("loại vụ việc")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.parent.name} – {self.name}" if self.parent_id and self.parent else self.name


@pghistory.track()
class Report(BaseModel):
    channel = models.CharField(_("nguồn tiếp nhận"), max_length=30, choices=Channel.choices)
    received_at = models.DateTimeField(_("thời gian tiếp nhận"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reporter_anonymous = models.BooleanField(_("người báo tin giấu tên"), default=False)
    reporter_name = EncryptedCharField(_("họ và tên người báo tin"), max_length=200, blank=True)
    reporter_phone = EncryptedCharField(_("điện thoại người báo tin"), max_length=30, blank=True)
    reporter_address = EncryptedCharField(_("địa chỉ người báo tin"), max_length=300, blank=True)
    reporter_relation = models.CharField(
        _("quan hệ với trẻ"),
        max_length=20,
        choices=ReporterRelation.choices,
        default=ReporterRelation.UNKNOWN,
    )
    concern_types = models.ManyToManyField(
        ConcernType, verbose_name=_("loại vụ việc"), related_name="+", blank=True
    )
    setting = models.CharField(
        _("môi trường xảy ra"), max_length=20, choices=Setting.choices, default=Setting.UNKNOWN
    )
    place = models.CharField(_("địa điểm xảy ra vụ việc"), max_length=300, blank=True)
    description = EncryptedTextField(_("nội dung thông tin"))
    immediate_danger = models.BooleanField(_("trẻ đang gặp nguy hiểm ngay"), default=False)
    actions_taken = models.TextField(_("hành động đã thực hiện"), blank=True)
    commune = models.ForeignKey(
        AdminUnit,
        verbose_name=_("xã, phường tiếp nhận xử lý"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_path = models.CharField(max_length=400, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    triaged_at = models.DateTimeField(_("phân loại lúc"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # A token rendered in the form: a double POST of the same form creates one report.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("thông tin tiếp nhận")
        verbose_name_plural = _("thông tin tiếp nhận")
        indexes = [
            models.Index(
                fields=["unit_path", "status", "received_at"],
                name="report_scope_status_idx",
                opclasses=["varchar_pattern_ops", "", ""],
            ),
            models.Index(fields=["created_by", "received_at"], name="report_creator_idx"),
            # The inbox order (selectors.report_list), so a page stops after its rows.
            models.Index(
                fields=["status", "-immediate_danger", "-received_at", "-id"],
                name="report_list_order_idx",
            ),
        ]
        constraints = [
            choices_constraint("channel", Channel, "report_channel_valid"),
            choices_constraint("setting", Setting, "report_setting_valid"),
            choices_constraint("status", ReportStatus, "report_status_valid"),
            choices_constraint("reporter_relation", ReporterRelation, "report_relation_valid"),
            models.CheckConstraint(
                condition=Q(reporter_anonymous=False)
                | (Q(reporter_name="") & Q(reporter_phone="") & Q(reporter_address="")),
                name="report_anonymous_has_no_identity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.received_at:%d/%m/%Y %H:%M} · {self.get_channel_display()}"


@pghistory.track()
class ReportChild(BaseModel):
    """A child named in a report, as reported (Mẫu 01 §2), then matched to the registry."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="children")
    full_name = models.CharField(_("họ và tên trẻ"), max_length=200, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    age_estimate = models.PositiveSmallIntegerField(_("tuổi ước lượng"), null=True, blank=True)
    sex = models.CharField(
        _("giới tính"), max_length=10, choices=ChildSex.choices, default=ChildSex.UNKNOWN
    )
    condition = EncryptedTextField(_("tình trạng hiện tại của trẻ"), blank=True)
    likely_consequences = models.TextField(
        _("hậu quả có thể xảy ra nếu không được hỗ trợ"), blank=True
    )
    caregiver = models.CharField(_("người đang chăm sóc trẻ"), max_length=200, blank=True)
    family_situation = models.TextField(_("hoàn cảnh gia đình"), blank=True)
    child = models.ForeignKey(
        "children.Child",
        verbose_name=_("hồ sơ trong sổ theo dõi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(
        _("kết quả phân loại"), max_length=20, choices=TriageOutcome.choices, blank=True
    )
    no_case_reason = models.TextField(_("lý do không mở trường hợp"), blank=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("trường hợp"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_children",
    )

    class Meta:
        verbose_name = _("trẻ em trong thông tin tiếp nhận")
        verbose_name_plural = _("trẻ em trong thông tin tiếp nhận")
        constraints = [
            choices_constraint("sex", ChildSex, "reportchild_sex_valid"),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=TriageOutcome.values),
                name="reportchild_outcome_valid",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=TriageOutcome.NO_CASE) | ~Q(no_case_reason=""),
                name="reportchild_no_case_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(outcome__in=[TriageOutcome.CASE_OPENED, TriageOutcome.CASE_LINKED])
                | Q(case__isnull=False),
                name="reportchild_case_outcome_has_case",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or str(_("Trẻ chưa rõ tên"))
