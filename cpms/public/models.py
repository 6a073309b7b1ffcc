"""Public-site content (guidance pages, hotlines), follow-up codes of web reports, and the
rate-limit counters used by cpms.core.ratelimit."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import choices_constraint
from cpms.geography.models import AdminUnit


class Audience(models.TextChoices):
    PARENTS = "parents", _("Cha mẹ, người chăm sóc trẻ")
    TEACHERS = "teachers", _("Thầy cô giáo, nhà trường")
    CHILDREN = "children", _("Trẻ em")


class PublicPage(models.Model):
    """Guidance text, written in plain text: blank lines separate paragraphs, lines starting
    with "- " are list items, a line starting with "## " is a heading. Never raw HTML."""

    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    title = models.CharField(_("tiêu đề"), max_length=200)
    summary = models.CharField(_("tóm tắt"), max_length=300, blank=True)
    body = models.TextField(_("nội dung"), max_length=20000)
    audience = models.CharField(_("dành cho"), max_length=20, choices=Audience.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    published = models.BooleanField(_("đang hiển thị"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("trang hướng dẫn công khai")
        verbose_name_plural = _("trang hướng dẫn công khai")
        ordering = ["audience", "position", "slug"]
        constraints = [choices_constraint("audience", Audience, "publicpage_audience_valid")]

    def __str__(self) -> str:
        return self.title


class HotlineScope(models.TextChoices):
    NATIONAL = "national", _("Toàn quốc")
    PROVINCIAL = "provincial", _("Cấp tỉnh")


class Hotline(models.Model):
    name = models.CharField(_("tên"), max_length=200)
    number = models.CharField(_("số điện thoại"), max_length=30, blank=True)
    scope = models.CharField(_("phạm vi"), max_length=20, choices=HotlineScope.choices)
    province = models.ForeignKey(
        AdminUnit,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hours = models.CharField(_("thời gian hoạt động"), max_length=100, blank=True)
    description = models.CharField(_("mô tả"), max_length=500, blank=True)
    emergency = models.BooleanField(_("số khẩn cấp"), default=False)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("đường dây nóng")
        verbose_name_plural = _("đường dây nóng")
        ordering = ["position", "pk"]
        constraints = [
            choices_constraint("scope", HotlineScope, "hotline_scope_valid"),
            models.CheckConstraint(
                condition=Q(number="") | Q(number__regex=r"^[0-9+][0-9 .]*$"),
                name="hotline_number_digits",
            ),
            # A number not yet confirmed is kept blank and hidden from the public.
            models.CheckConstraint(
                condition=Q(active=False) | ~Q(number=""), name="hotline_active_has_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"

    @property
    def tel(self) -> str:
        """The number for a tel: link (digits and a leading +)."""
        return "".join(c for c in self.number if c.isdigit() or c == "+")


class PublicSubmission(models.Model):
    """The follow-up code of a report sent through the public form. Only a keyed hash of
    the code is stored, so the table alone does not let anyone look a report up."""

    report = models.OneToOneField(
        "intake.Report", on_delete=models.PROTECT, related_name="public_submission"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mã theo dõi báo tin công khai")
        verbose_name_plural = _("mã theo dõi báo tin công khai")

    def __str__(self) -> str:
        return f"{self.report_id}"


class RateCounter(models.Model):
    """One fixed window of one rate-limit key (cpms.core.ratelimit)."""

    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="ratecounter_key_window")
        ]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
