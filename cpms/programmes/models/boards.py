"""Commune child-protection steering boards: members, meetings and the decisions taken."""

from __future__ import annotations

import datetime as dt

import pghistory
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint, validity_constraint

from ..choices import BoardPosition, DecisionStatus
from .common import NO_DELETE, created_by, unit_fk, user_fk


@pghistory.track()
class SteeringBoard(BaseModel):
    commune = unit_fk(_("xã, phường"))
    name = models.CharField(_("tên ban"), max_length=300)
    decision = models.CharField(_("quyết định thành lập, kiện toàn"), max_length=300)
    established_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = created_by()

    class Meta:
        verbose_name = _("ban chỉ đạo công tác trẻ em")
        verbose_name_plural = _("ban chỉ đạo công tác trẻ em")
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class BoardMember(BaseModel):
    board = models.ForeignKey(
        SteeringBoard, verbose_name=_("ban"), on_delete=models.PROTECT, related_name="members"
    )
    user = user_fk(_("thành viên (tài khoản)"))
    person_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    position = models.CharField(_("chức danh trong ban"), max_length=10, choices=BoardPosition)
    agency = models.CharField(_("cơ quan công tác"), max_length=300, blank=True)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = created_by()

    class Meta:
        verbose_name = _("thành viên ban chỉ đạo")
        verbose_name_plural = _("thành viên ban chỉ đạo")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(person_name=""),
                name="boardmember_user_or_name",
            ),
            choices_constraint("position", BoardPosition, "boardmember_position_valid"),
            validity_constraint("boardmember_valid_range"),
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(self.user) if self.user is not None else self.person_name


@pghistory.track()
class BoardMeeting(BaseModel):
    board = models.ForeignKey(
        SteeringBoard, verbose_name=_("ban"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("ngày họp"))
    minutes = models.TextField(_("biên bản, nội dung họp"))
    created_by = created_by()

    class Meta:
        verbose_name = _("cuộc họp ban chỉ đạo")
        verbose_name_plural = _("cuộc họp ban chỉ đạo")
        indexes = [models.Index(fields=["date"], name="boardmeeting_date_idx")]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return f"{self.board} · {self.date:%d/%m/%Y}"


@pghistory.track()
class BoardDecision(BaseModel):
    """A decision of a meeting, followed as a task until done."""

    meeting = models.ForeignKey(
        BoardMeeting, verbose_name=_("cuộc họp"), on_delete=models.PROTECT, related_name="decisions"
    )
    text = models.TextField(_("nội dung kết luận, nhiệm vụ"))
    owner = models.CharField(_("người, cơ quan thực hiện"), max_length=300)
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=DecisionStatus, default=DecisionStatus.OPEN
    )
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    done_note = models.TextField(_("kết quả"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = created_by()

    class Meta:
        verbose_name = _("kết luận của ban chỉ đạo")
        verbose_name_plural = _("kết luận của ban chỉ đạo")
        constraints = [
            choices_constraint("status", DecisionStatus, "boarddecision_status_valid"),
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.OPEN, done_on__isnull=True)
                | Q(status=DecisionStatus.DONE, done_on__isnull=False),
                name="boarddecision_done_has_date",
            ),
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return self.text[:80]

    def is_overdue(self, today: dt.date) -> bool:
        return (
            self.status == DecisionStatus.OPEN and self.due_on is not None and self.due_on < today
        )
