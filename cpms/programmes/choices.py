"""Choice lists of the prevention programmes (values are stored; labels are Vietnamese)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class ParticipantGroup(models.TextChoices):
    WORKER = "worker", _("Người làm công tác trẻ em")
    COLLABORATOR = "collaborator", _("Cộng tác viên thôn, tổ dân phố")
    TEACHER = "teacher", _("Giáo viên")
    PARENT = "parent", _("Cha mẹ, người chăm sóc trẻ")
    CHILD = "child", _("Trẻ em")
    POLICE = "police", _("Công an")
    HEALTH = "health", _("Y tế")
    OTHER = "other", _("Khác")


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("Họp dân, sinh hoạt cộng đồng")
    SCHOOL_SESSION = "school_session", _("Buổi tuyên truyền tại trường học")
    LOUDSPEAKER = "loudspeaker", _("Phát thanh trên loa truyền thanh")
    LEAFLET = "leaflet", _("Phát tờ rơi, áp phích")
    SOCIAL_MEDIA = "social_media", _("Mạng xã hội, trang thông tin điện tử")
    EVENT = "event", _("Sự kiện, mít tinh")
    HOME_VISIT = "home_visit", _("Thăm hộ gia đình")


class AudienceGroup(models.TextChoices):
    CHILDREN = "children", _("Trẻ em")
    PARENTS = "parents", _("Cha mẹ, người chăm sóc trẻ")
    TEACHERS = "teachers", _("Giáo viên")
    RESIDENTS = "residents", _("Người dân")
    OFFICIALS = "officials", _("Cán bộ")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    CLOSED = "closed", _("Đã hoàn thành")


class BoardPosition(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    DEPUTY = "deputy", _("Phó trưởng ban")
    MEMBER = "member", _("Thành viên")


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
