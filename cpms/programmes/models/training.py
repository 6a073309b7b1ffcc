"""Capacity building: topics, courses, sessions and who took part."""

from __future__ import annotations

import pghistory
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint

from ..choices import ParticipantGroup, Sex
from .common import NO_DELETE, created_by, unit_fk, user_fk


class TrainingTopic(BaseModel):
    """The catalogue of training topics (seeded by a data migration, edited in the admin)."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("chủ đề"), max_length=300)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chủ đề tập huấn")
        verbose_name_plural = _("chủ đề tập huấn")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class TrainingCourse(BaseModel):
    title = models.CharField(_("tên khóa tập huấn"), max_length=300)
    topic = models.ForeignKey(
        TrainingTopic, verbose_name=_("chủ đề"), on_delete=models.PROTECT, related_name="+"
    )
    unit = unit_fk(_("đơn vị tổ chức (địa bàn)"))
    organiser = models.CharField(_("cơ quan tổ chức"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = created_by()

    class Meta:
        verbose_name = _("khóa tập huấn")
        verbose_name_plural = _("khóa tập huấn")
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return self.title


@pghistory.track()
class TrainingSession(BaseModel):
    course = models.ForeignKey(
        TrainingCourse,
        verbose_name=_("khóa tập huấn"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    date = models.DateField(_("ngày tập huấn"))
    hours = models.DecimalField(_("số giờ"), max_digits=4, decimal_places=1)
    trainer = models.CharField(_("giảng viên, báo cáo viên"), max_length=300)
    place = models.CharField(_("địa điểm"), max_length=300)
    unit = unit_fk(_("địa bàn tổ chức"))
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = created_by()

    class Meta:
        verbose_name = _("buổi tập huấn")
        verbose_name_plural = _("buổi tập huấn")
        indexes = [models.Index(fields=["date"], name="trainingsession_date_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="trainingsession_hours_positive")
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return f"{self.course} · {self.date:%d/%m/%Y}"


@pghistory.track()
class Participation(BaseModel):
    """One person at one session: a user account, or a person named in free text (parents,
    teachers, children have no account)."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("buổi tập huấn"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    user = user_fk(_("người tham gia (tài khoản)"))
    person_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    group = models.CharField(_("nhóm"), max_length=20, choices=ParticipantGroup.choices)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices)
    present = models.BooleanField(_("có mặt"), default=True)
    certificate_no = models.CharField(_("số chứng nhận"), max_length=60, blank=True)
    certificate_date = models.DateField(_("ngày cấp chứng nhận"), null=True, blank=True)
    created_by = created_by()

    class Meta:
        verbose_name = _("người tham gia tập huấn")
        verbose_name_plural = _("người tham gia tập huấn")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False),
                name="participation_one_per_user",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(person_name=""),
                name="participation_user_or_name",
            ),
            choices_constraint("group", ParticipantGroup, "participation_group_valid"),
            choices_constraint("sex", Sex, "participation_sex_valid"),
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(self.user) if self.user is not None else self.person_name
