"""Users, agencies and memberships. A membership gives a user one role in one agency and an
administrative area (the agency's unit, or a narrower unit such as a collaborator's village)."""

from __future__ import annotations

import datetime as dt
import uuid

import pghistory
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint, validity_constraint
from cpms.geography.models import AdminUnit

from .permissions import Role


@pghistory.track(exclude=["password", "last_login"])
class User(AbstractUser):
    uid = models.UUIDField(_("mã định danh"), default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    POLICE = "police", _("Công an")
    SCHOOL = "school", _("Trường học")
    HEALTH = "health", _("Cơ sở y tế / trạm y tế")
    SOCIAL_FACILITY = "social_facility", _("Cơ sở trợ giúp xã hội")
    AREA_OFFICE = "area_office", _("Cơ quan chuyên môn cấp huyện / tỉnh")
    NGO = "ngo", _("Tổ chức xã hội / phi chính phủ")
    HOTLINE = "hotline", _("Tổng đài / đường dây nóng")
    LEGAL_AID = "legal_aid", _("Trợ giúp pháp lý")
    OTHER = "other", _("Khác")


@pghistory.track()
class Agency(BaseModel):
    name = models.CharField(_("tên cơ quan"), max_length=300)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    kind = models.CharField(_("loại cơ quan"), max_length=30, choices=AgencyKind.choices)
    admin_unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subagencies",
    )
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(_("hoạt động đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]
        constraints = [
            validity_constraint("agency_valid_range"),
            choices_constraint("kind", AgencyKind, "agency_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class Membership(BaseModel):
    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.PROTECT, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    scope_unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("địa bàn phụ trách"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Địa bàn của cơ quan, hoặc một địa bàn nhỏ hơn (ví dụ thôn của cộng tác viên)."
        ),
    )
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role", "scope_unit"], name="membership_unique"
            ),
            choices_constraint("role", Role, "membership_role_valid"),
        ]
        indexes = [models.Index(fields=["user", "valid_to"], name="membership_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@pghistory.track()
class AgencyAccessGrant(BaseModel):
    """Time-boxed access of a referral-scoped agency (police, school, health, NGO) to one record.

    Created when a record is referred to the agency; it ends at `valid_until` (the referral's
    end plus a configured period) or when revoked. `field_groups` names the groups of fields
    the agency may see (the police see what an investigation needs, a school what support
    needs).
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="access_grants"
    )
    subject_type = models.CharField(_("loại hồ sơ"), max_length=60)
    subject_id = models.CharField(_("mã hồ sơ"), max_length=64)
    admin_unit = models.ForeignKey(
        AdminUnit, verbose_name=_("địa bàn của hồ sơ"), on_delete=models.PROTECT, related_name="+"
    )
    field_groups = models.JSONField(_("nhóm thông tin được xem"), default=list, blank=True)
    reason = models.CharField(_("lý do"), max_length=300)
    legal_basis = models.CharField(_("căn cứ chia sẻ"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("người cấp"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    valid_from = models.DateTimeField(_("từ"))
    valid_until = models.DateTimeField(_("đến"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("quyền truy cập theo chuyển gửi")
        verbose_name_plural = _("quyền truy cập theo chuyển gửi")
        indexes = [
            models.Index(
                fields=["agency", "subject_type", "subject_id"], name="accessgrant_subject_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("valid_from")), name="accessgrant_valid_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.subject_type} {self.subject_id}"


class Passkey(BaseModel):
    """A WebAuthn credential that can stand in for the authenticator-app code at the second
    login step (docs/security.md, "Passkeys"). Revoked, never deleted: the audit trail names
    it."""

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.PROTECT, related_name="passkeys"
    )
    name = models.CharField(_("tên khóa"), max_length=100)
    credential_id = models.BinaryField(_("mã khóa"), unique=True)
    public_key = models.BinaryField(_("khóa công khai"))
    sign_count = models.PositiveBigIntegerField(_("bộ đếm chữ ký"), default=0)
    transports = models.JSONField(_("kiểu kết nối"), default=list, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa truy cập")
        verbose_name_plural = _("khóa truy cập")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="passkey_user_idx")]

    def __str__(self) -> str:
        return self.name
