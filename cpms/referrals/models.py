"""Referrals of a case to another agency, what each agency kind may see, and the one-off
escalation of an overdue referral."""

from __future__ import annotations

from typing import Any

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from cpms.accounts.models import Agency, AgencyAccessGrant, AgencyKind
from cpms.cases.models import Case
from cpms.core.models import BaseModel, choices_constraint

from .choices import OPEN_STATES, ReferralKind, ReferralState, SharingBasis


@pghistory.track()
class SharedFieldGroups(BaseModel):
    """What an agency of one kind sees of a referred case, and for how long after the referral
    ends. The row with an empty kind applies to kinds without their own row."""

    agency_kind = models.CharField(
        _("loại cơ quan"), max_length=30, choices=AgencyKind.choices, blank=True, unique=True
    )
    field_groups = models.JSONField(_("nhóm thông tin được xem"), default=list)
    days_after_end = models.PositiveIntegerField(
        _("số ngày còn được xem sau khi kết thúc chuyển gửi"), default=30
    )

    class Meta:
        verbose_name = _("thông tin chia sẻ theo loại cơ quan")
        verbose_name_plural = _("thông tin chia sẻ theo loại cơ quan")
        constraints = [
            models.CheckConstraint(
                condition=Q(agency_kind__in=["", *AgencyKind.values]),
                name="sharedfieldgroups_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return str(self.get_agency_kind_display() or _("Mặc định"))


def _by(label: StrOrPromise) -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


@pghistory.track()
class Referral(BaseModel):
    """A case referred to an agency for one service. State changes only through services.py."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan nhận"), on_delete=models.PROTECT, related_name="referrals"
    )
    kind = models.CharField(_("loại dịch vụ"), max_length=20, choices=ReferralKind.choices)
    service = models.TextField(_("dịch vụ, hành động đề nghị"))
    due_on = models.DateField(_("hạn thực hiện"))
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ReferralState.choices, default=ReferralState.SENT
    )
    sharing_basis = models.CharField(
        _("căn cứ chia sẻ thông tin"), max_length=30, choices=SharingBasis.choices
    )
    sharing_note = models.TextField(_("ghi chú về căn cứ, sự đồng ý"), blank=True)
    grant = models.OneToOneField(
        AgencyAccessGrant, on_delete=models.PROTECT, null=True, blank=True, related_name="referral"
    )
    sent_by = _by(_("người chuyển gửi"))
    sent_at = models.DateTimeField(_("chuyển gửi lúc"), default=timezone.now)
    accepted_by = _by(_("người tiếp nhận"))
    accepted_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    declined_by = _by(_("người từ chối"))
    declined_at = models.DateTimeField(_("từ chối lúc"), null=True, blank=True)
    decline_reason = models.TextField(_("lý do từ chối"), blank=True)
    started_by = _by(_("người bắt đầu thực hiện"))
    started_at = models.DateTimeField(_("bắt đầu thực hiện lúc"), null=True, blank=True)
    completed_by = _by(_("người xác nhận hoàn thành"))
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    outcome = models.TextField(_("kết quả"), blank=True)
    cancelled_by = _by(_("người hủy"))
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    assigned_to = _by(_("người phụ trách ở cơ quan nhận"))
    assigned_at = models.DateTimeField(_("phân công lúc"), null=True, blank=True)
    reply_reference = models.CharField(
        _("văn bản trả lời của cơ quan nhận"),
        max_length=200,
        blank=True,
        help_text=_("Khi cơ quan nhận chưa dùng hệ thống: số, ngày văn bản hoặc cách trả lời."),
    )
    version = models.PositiveIntegerField(default=1)
    # A token rendered in the form: a double POST of the same form sends one referral.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("chuyển gửi")
        verbose_name_plural = _("chuyển gửi")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "state"], name="referral_agency_state_idx"),
            models.Index(fields=["state", "due_on"], name="referral_state_due_idx"),
        ]
        constraints = [
            choices_constraint("kind", ReferralKind, "referral_kind_valid"),
            choices_constraint("state", ReferralState, "referral_state_valid"),
            choices_constraint("sharing_basis", SharingBasis, "referral_basis_valid"),
            models.CheckConstraint(
                condition=~Q(state=ReferralState.DECLINED) | ~Q(decline_reason=""),
                name="referral_decline_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state=ReferralState.CANCELLED) | ~Q(cancel_reason=""),
                name="referral_cancel_reason",
            ),
        ]
        triggers = [pgtrigger.Protect(name="no_delete", operation=pgtrigger.Delete)]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.agency}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class ReferralEscalation(models.Model):
    """One escalation per overdue referral: the unique referral is the claim."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="escalation")
    claimed_at = models.DateTimeField(_("lúc"))
    recipients = models.JSONField(_("người nhận"), default=list)

    class Meta:
        verbose_name = _("báo quá hạn chuyển gửi")
        verbose_name_plural = _("báo quá hạn chuyển gửi")

    def __str__(self) -> str:
        return f"{self.referral} · {self.claimed_at:%d/%m/%Y}"
