"""The accountability register (clause 1.6): concealment, failure to report, obstruction and
late handling, with the legal references and what was done about each."""

from __future__ import annotations

from typing import Any

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from cpms.accounts.models import Agency
from cpms.core.models import BaseModel, choices_constraint
from cpms.geography.models import AdminUnit

from .choices import ActionTaken, EntryKind, EntrySource, EntryStatus

NO_DELETE = pgtrigger.Protect(name="no_delete", operation=pgtrigger.Delete)


@pghistory.track()
class LegalReference(BaseModel):
    """A legal provision an entry cites (seeded; editable in the admin). `verified` stays off
    until someone has checked the summary against the official text."""

    code = models.CharField(_("mã"), max_length=60, unique=True)
    title = models.CharField(_("điều khoản"), max_length=300)
    summary = models.TextField(_("nội dung tóm tắt"))
    note = models.TextField(_("ghi chú"), blank=True)
    verified = models.BooleanField(_("đã kiểm chứng"), default=False)
    applies_to_kinds = ArrayField(
        models.CharField(max_length=30, choices=EntryKind.choices),
        verbose_name=_("gợi ý cho loại vi phạm"),
        blank=True,
        default=list,
        help_text=_("Đề xuất tự động của các loại này được gắn sẵn điều khoản này."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.title


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
class AccountabilityEntry(BaseModel):
    """One recorded violation. Status changes only through services.py; never deleted."""

    kind = models.CharField(_("hành vi"), max_length=30, choices=EntryKind.choices)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("trường hợp"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    report = models.ForeignKey(
        "intake.Report",
        verbose_name=_("thông tin tiếp nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    commune = models.ForeignKey(
        AdminUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    # The commune's path: the scope filter is one indexed prefix match.
    unit_path = models.CharField(max_length=400, editable=False)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan, tổ chức liên quan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    person = _by(_("người liên quan (người dùng)"))
    person_name = models.CharField(_("họ và tên người liên quan"), max_length=200, blank=True)
    person_role = models.CharField(_("chức vụ, quan hệ"), max_length=200, blank=True)
    occurred_on = models.DateField(_("ngày xảy ra"), null=True, blank=True)
    description = models.TextField(_("nội dung vi phạm"))
    legal_references = models.ManyToManyField(
        LegalReference, verbose_name=_("căn cứ pháp lý"), related_name="+", blank=True
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.PROPOSED
    )
    source = models.CharField(
        _("nguồn"), max_length=20, choices=EntrySource.choices, default=EntrySource.MANUAL
    )
    # One proposal per legal clock: the unique key is what makes the sweep idempotent.
    deadline = models.OneToOneField(
        "cases.CaseDeadline",
        verbose_name=_("thời hạn quá hạn"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_by = _by(_("người ghi nhận"))
    proposed_at = models.DateTimeField(_("ghi nhận lúc"))
    action = models.CharField(
        _("biện pháp đã áp dụng"), max_length=20, choices=ActionTaken.choices, blank=True
    )
    action_on = models.DateField(_("ngày áp dụng"), null=True, blank=True)
    action_note = models.TextField(_("ghi chú về biện pháp"), blank=True)
    confirmed_by = _by(_("người xác nhận"))
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    dismissed_by = _by(_("người không xác nhận"))
    dismissed_at = models.DateTimeField(_("không xác nhận lúc"), null=True, blank=True)
    dismiss_reason = models.TextField(_("lý do không xác nhận"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("ghi nhận trách nhiệm")
        verbose_name_plural = _("sổ theo dõi trách nhiệm")
        indexes = [
            models.Index(
                fields=["unit_path", "status"],
                name="accountability_scope_idx",
                opclasses=["varchar_pattern_ops", ""],
            )
        ]
        constraints = [
            choices_constraint("kind", EntryKind, "accountability_kind_valid"),
            choices_constraint("status", EntryStatus, "accountability_status_valid"),
            choices_constraint("source", EntrySource, "accountability_source_valid"),
            models.CheckConstraint(
                condition=Q(action__in=["", *ActionTaken.values]),
                name="accountability_action_valid",
            ),
            models.CheckConstraint(
                condition=Q(case__isnull=False) | Q(report__isnull=False),
                name="accountability_case_or_report",
            ),
            models.CheckConstraint(
                condition=~Q(status=EntryStatus.CONFIRMED)
                | (~Q(action="") & Q(action_on__isnull=False) & Q(confirmed_at__isnull=False)),
                name="accountability_confirmed_has_action",
            ),
            models.CheckConstraint(
                condition=~Q(status=EntryStatus.DISMISSED)
                | (~Q(dismiss_reason="") & Q(dismissed_at__isnull=False)),
                name="accountability_dismissed_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(source=EntrySource.DEADLINE) | Q(deadline__isnull=False),
                name="accountability_deadline_source",
            ),
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.commune}"

    @property
    def person_label(self) -> str:
        names = [str(self.person)] if self.person is not None else []
        names += [n for n in (self.person_name, self.person_role) if n]
        return " · ".join(names)
