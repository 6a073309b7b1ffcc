"""Calls taken by hotline operators: what kind of call, who called, about which children,
and the report it was forwarded as."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint
from cpms.intake.choices import ChildSex, ReporterRelation
from cpms.privacy.fields import EncryptedCharField, EncryptedTextField

from .choices import CallType


@pghistory.track()
class Call(BaseModel):
    received_at = models.DateTimeField(_("thời gian nhận cuộc gọi"))
    duration_seconds = models.PositiveIntegerField(_("thời lượng (giây)"), default=0)
    call_type = models.CharField(_("loại cuộc gọi"), max_length=20, choices=CallType.choices)
    caller_relation = models.CharField(
        _("quan hệ của người gọi với trẻ"),
        max_length=20,
        choices=ReporterRelation.choices,
        default=ReporterRelation.UNKNOWN,
    )
    caller_anonymous = models.BooleanField(_("người gọi giấu tên"), default=False)
    caller_name = EncryptedCharField(_("họ và tên người gọi"), max_length=200, blank=True)
    caller_phone = EncryptedCharField(_("điện thoại người gọi"), max_length=30, blank=True)
    summary = EncryptedTextField(_("nội dung cuộc gọi"), blank=True)
    case_ref = models.CharField(_("mã trường hợp đã biết"), max_length=100, blank=True)
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("tổng đài"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    report = models.OneToOneField(
        "intake.Report",
        verbose_name=_("thông tin đã chuyển"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_call",
    )
    forwarded_at = models.DateTimeField(_("chuyển lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("điện thoại viên"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A token rendered in the form: a double POST of the same form logs one call.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("cuộc gọi")
        verbose_name_plural = _("cuộc gọi")
        indexes = [
            models.Index(fields=["created_by", "received_at"], name="call_operator_idx"),
        ]
        constraints = [
            choices_constraint("call_type", CallType, "call_type_valid"),
            choices_constraint("caller_relation", ReporterRelation, "call_relation_valid"),
            models.CheckConstraint(
                condition=Q(caller_anonymous=False) | (Q(caller_name="") & Q(caller_phone="")),
                name="call_anonymous_has_no_identity",
            ),
            models.CheckConstraint(
                condition=Q(report__isnull=True) | Q(forwarded_at__isnull=False),
                name="call_forwarded_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.received_at:%d/%m/%Y %H:%M} · {self.get_call_type_display()}"

    @property
    def duration_display(self) -> str:
        minutes, seconds = divmod(self.duration_seconds, 60)
        return f"{minutes}:{seconds:02d}"


@pghistory.track()
class CallChild(BaseModel):
    """A child the caller spoke about, as told on the phone (the hotline cannot search the
    registry; the commune matches the child when it triages the forwarded report)."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="children")
    full_name = models.CharField(_("họ và tên trẻ"), max_length=200, blank=True)
    age_estimate = models.PositiveSmallIntegerField(_("tuổi ước lượng"), null=True, blank=True)
    sex = models.CharField(
        _("giới tính"), max_length=10, choices=ChildSex.choices, default=ChildSex.UNKNOWN
    )
    condition = EncryptedTextField(_("tình trạng của trẻ"), blank=True)

    class Meta:
        verbose_name = _("trẻ em được nói đến trong cuộc gọi")
        verbose_name_plural = _("trẻ em được nói đến trong cuộc gọi")
        constraints = [choices_constraint("sex", ChildSex, "callchild_sex_valid")]

    def __str__(self) -> str:
        return self.full_name or str(_("Trẻ chưa rõ tên"))
