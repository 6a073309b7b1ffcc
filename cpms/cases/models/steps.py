"""What each step records: the typed fields of Mẫu 02–07 that statistics and clocks read.

Risk items rated Cao / Trung bình / Thấp are stored as {item code: level} (items: risk.py),
with the three counts the forms total ("Tổng số") in typed columns.
"""

from __future__ import annotations

import datetime as dt

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint
from cpms.privacy.fields import EncryptedTextField

from ..choices import ProtectionLevel, ReviewProposal, RiskLevel
from .case import Case

MAX_SEPARATION = dt.timedelta(days=15)


class StepRecord(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class RatedRecord(StepRecord):
    ratings = models.JSONField(_("mức độ từng tiêu chí"), default=dict, blank=True)
    high_count = models.PositiveSmallIntegerField(_("số tiêu chí mức Cao"), default=0)
    medium_count = models.PositiveSmallIntegerField(_("số tiêu chí mức Trung bình"), default=0)
    low_count = models.PositiveSmallIntegerField(_("số tiêu chí mức Thấp"), default=0)

    class Meta:
        abstract = True


@pghistory.track()
class InitialAssessment(RatedRecord):
    """Mẫu 02: initial assessment of risk and level of harm (Art. 26)."""

    assessed_at = models.DateTimeField(_("đánh giá lúc"))
    overall_risk = models.CharField(
        _("mức độ nguy cơ chung"), max_length=10, choices=RiskLevel.choices
    )
    harm_description = EncryptedTextField(_("mức độ tổn hại của trẻ"), blank=True)
    emergency_needed = models.BooleanField(_("cần can thiệp khẩn cấp"), default=False)
    safety_measures = models.TextField(_("biện pháp bảo đảm an toàn tạm thời"), blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)

    class Meta:
        verbose_name = _("đánh giá nguy cơ ban đầu (Mẫu 02)")
        verbose_name_plural = _("đánh giá nguy cơ ban đầu (Mẫu 02)")
        constraints = [choices_constraint("overall_risk", RiskLevel, "initial_risk_valid")]


@pghistory.track()
class EmergencyAction(StepRecord):
    """Emergency protection measures (Art. 31)."""

    taken_at = models.DateTimeField(_("thực hiện lúc"))
    police_coordinated = models.BooleanField(_("đã phối hợp công an ngăn chặn"), default=False)
    first_aid = models.BooleanField(_("đã sơ cứu, cấp cứu"), default=False)
    evidence_kept = models.BooleanField(_("đã giữ đồ vật, tài liệu liên quan"), default=False)
    safe_place = models.CharField(_("nơi an toàn tạm thời"), max_length=300, blank=True)
    measures = models.TextField(_("biện pháp đã thực hiện"))

    class Meta:
        verbose_name = _("can thiệp khẩn cấp")
        verbose_name_plural = _("can thiệp khẩn cấp")


@pghistory.track()
class SeparationDecision(StepRecord):
    """Mẫu 07: temporary separation from the parents or caregiver (Art. 32), ≤ 15 days in
    total unless a competent authority requires it to continue."""

    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decided_at = models.DateTimeField(_("quyết định lúc"))
    separated_from = models.CharField(_("tạm thời cách ly khỏi (người, quan hệ)"), max_length=300)
    reason = models.TextField(_("lý do"))
    place = models.CharField(_("nơi tạm trú an toàn"), max_length=300)
    caregiver = models.CharField(_("người chăm sóc thay thế"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    authority_extended = models.BooleanField(
        _("cơ quan có thẩm quyền yêu cầu tiếp tục cách ly"), default=False
    )
    authority_basis = models.CharField(
        _("văn bản của cơ quan có thẩm quyền"), max_length=300, blank=True
    )
    ended_at = models.DateTimeField(_("chấm dứt lúc"), null=True, blank=True)
    end_reason = models.TextField(_("lý do chấm dứt"), blank=True)

    class Meta:
        verbose_name = _("quyết định tạm thời cách ly (Mẫu 07)")
        verbose_name_plural = _("quyết định tạm thời cách ly (Mẫu 07)")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="separation_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(authority_extended=True)
                | Q(ends_at__lte=F("starts_at") + MAX_SEPARATION),
                name="separation_at_most_15_days",
            ),
            models.CheckConstraint(
                condition=Q(authority_extended=False) | ~Q(authority_basis=""),
                name="separation_authority_has_basis",
            ),
        ]

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class SeparationExtension(BaseModel):
    separation = models.ForeignKey(
        SeparationDecision, on_delete=models.PROTECT, related_name="extensions"
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    previous_ends_at = models.DateTimeField(_("hạn cũ"))
    new_ends_at = models.DateTimeField(_("hạn mới"))
    by_authority = models.BooleanField(_("theo yêu cầu của cơ quan có thẩm quyền"), default=False)
    authority_basis = models.CharField(
        _("văn bản của cơ quan có thẩm quyền"), max_length=300, blank=True
    )
    reason = models.TextField(_("lý do"))

    class Meta:
        verbose_name = _("gia hạn cách ly")
        verbose_name_plural = _("gia hạn cách ly")
        ordering = ["created_at"]


@pghistory.track()
class NeedsAssessment(RatedRecord):
    """Mẫu 03 and the minutes of the needs meeting (Art. 27)."""

    assessed_on = models.DateField(_("ngày đánh giá"))
    overall_risk = models.CharField(
        _("mức độ nguy cơ chung"), max_length=10, choices=RiskLevel.choices
    )
    protection_level = models.CharField(
        _("cấp độ bảo vệ"), max_length=20, choices=ProtectionLevel.choices
    )
    child_state = EncryptedTextField(_("tình trạng thể chất, tâm lý, tình cảm của trẻ"), blank=True)
    family_capacity = models.TextField(_("hoàn cảnh và khả năng bảo vệ của gia đình"), blank=True)
    needs = models.TextField(_("nhu cầu cần hỗ trợ, can thiệp"))
    meeting_date = models.DateField(_("ngày họp xác định nhu cầu"))
    meeting_chair = models.CharField(_("người chủ trì"), max_length=200)
    meeting_participants = models.TextField(_("thành phần tham dự"), blank=True)
    meeting_minutes = models.TextField(_("tóm tắt biên bản họp"), blank=True)

    class Meta:
        verbose_name = _("đánh giá nguy cơ cụ thể (Mẫu 03)")
        verbose_name_plural = _("đánh giá nguy cơ cụ thể (Mẫu 03)")
        constraints = [
            choices_constraint("overall_risk", RiskLevel, "needs_risk_valid"),
            choices_constraint("protection_level", ProtectionLevel, "needs_level_valid"),
        ]


@pghistory.track()
class Plan(StepRecord):
    """Mẫu 04 (the plan) and Mẫu 05 (the chairman's approval decision)."""

    number = models.PositiveSmallIntegerField(_("kế hoạch lần"), default=1)
    drafted_at = models.DateTimeField(_("trình lúc"))
    objectives = models.TextField(_("mục tiêu"))
    measures = models.TextField(_("các biện pháp hỗ trợ, can thiệp, người thực hiện, thời gian"))
    starts_on = models.DateField(_("thực hiện từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định phê duyệt"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kế hoạch hỗ trợ, can thiệp (Mẫu 04, 05)")
        verbose_name_plural = _("kế hoạch hỗ trợ, can thiệp (Mẫu 04, 05)")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="plan_period_valid"
            ),
            models.UniqueConstraint(fields=["case", "number"], name="plan_number_unique"),
            models.CheckConstraint(
                condition=Q(approved_at=None)
                | (~Q(decision_number="") & Q(decision_date__isnull=False)),
                name="plan_approval_has_decision",
            ),
        ]


@pghistory.track()
class Review(RatedRecord):
    """Mẫu 06: review of the child's situation after the plan (Art. 30)."""

    reviewed_on = models.DateField(_("ngày thực hiện"))
    officer_name = models.CharField(_("cán bộ thực hiện"), max_length=200)
    child_state = EncryptedTextField(_("tình trạng của trẻ"), blank=True)
    environment_safety = models.TextField(_("mức độ an toàn của môi trường sống"), blank=True)
    proposal = models.CharField(_("đề xuất"), max_length=10, choices=ReviewProposal.choices)
    conclusion = models.TextField(_("kết luận"), blank=True)

    class Meta:
        verbose_name = _("rà soát, đánh giá (Mẫu 06)")
        verbose_name_plural = _("rà soát, đánh giá (Mẫu 06)")
        constraints = [choices_constraint("proposal", ReviewProposal, "review_proposal_valid")]
