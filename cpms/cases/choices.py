from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    INITIAL_ASSESSED = "initial_assessed", _("Đã đánh giá nguy cơ ban đầu")
    EMERGENCY_ACTION = "emergency_action", _("Đã can thiệp khẩn cấp")
    TEMPORARY_SEPARATION = "temporary_separation", _("Đang tạm thời cách ly")
    NEEDS_ASSESSED = "needs_assessed", _("Đã đánh giá nguy cơ cụ thể, xác định nhu cầu")
    PLAN_DRAFTED = "plan_drafted", _("Đã xây dựng kế hoạch, chờ phê duyệt")
    PLAN_APPROVED = "plan_approved", _("Kế hoạch đã được phê duyệt")
    IN_PROGRESS = "in_progress", _("Đang thực hiện kế hoạch")
    REVIEWED = "reviewed", _("Đã rà soát, đánh giá")
    CLOSED = "closed", _("Đã kết thúc")
    REOPENED = "reopened", _("Mở lại")


OPEN_STATES = frozenset(set(CaseState) - {CaseState.CLOSED})


class ProtectionLevel(models.TextChoices):
    PREVENTION = "prevention", _("Phòng ngừa")
    SUPPORT = "support", _("Hỗ trợ")
    INTERVENTION = "intervention", _("Can thiệp")


class RiskLevel(models.TextChoices):
    """The scale of the Decree 56 forms: Cao / Trung bình / Thấp."""

    HIGH = "high", _("Cao")
    MEDIUM = "medium", _("Trung bình")
    LOW = "low", _("Thấp")


class ReviewProposal(models.TextChoices):
    CLOSE = "close", _("Kết thúc kế hoạch")
    REPLAN = "replan", _("Xây dựng kế hoạch mới")


class EventKind(models.TextChoices):
    OPENED = "opened", _("Mở trường hợp")
    REPORT_LINKED = "report_linked", _("Gắn thêm thông tin tiếp nhận")
    TRANSITION = "transition", _("Chuyển bước")
    NOTE = "note", _("Ghi chú")
    TASK_ADDED = "task_added", _("Thêm việc")
    TASK_DONE = "task_done", _("Hoàn thành việc")
    SEPARATION_EXTENDED = "separation_extended", _("Gia hạn cách ly")
    SEPARATION_ENDED = "separation_ended", _("Chấm dứt cách ly")
    ASSIGNED = "assigned", _("Phân công phụ trách")
    ABUSE_UPDATED = "abuse_updated", _("Cập nhật loại xâm hại, môi trường")
    PERPETRATOR_ADDED = "perpetrator_added", _("Ghi nhận người bị cho là gây hại")
    PERPETRATOR_WITHDRAWN = "perpetrator_withdrawn", _("Rút thông tin người bị cho là gây hại")
    JUSTICE_RECORDED = "justice_recorded", _("Tiến trình tố tụng")
    JUSTICE_WITHDRAWN = "justice_withdrawn", _("Rút mốc tố tụng")
    ATTACHMENT_ADDED = "attachment_added", _("Thêm tệp đính kèm")
    ATTACHMENT_WITHDRAWN = "attachment_withdrawn", _("Rút tệp đính kèm")


class DurationUnit(models.TextChoices):
    HOURS = "hours", _("giờ")
    CALENDAR_DAYS = "calendar_days", _("ngày")
    WORKING_DAYS = "working_days", _("ngày làm việc")


class StartEvent(models.TextChoices):
    """What starts a clock. Each maps to an anchor time read from the case (deadlines.py)."""

    RECEIVED = "received", _("Thời điểm tiếp nhận thông tin")
    PLAN_DRAFTED = "plan_drafted", _("Thời điểm trình kế hoạch")
    PLAN_PERIOD_END = "plan_period_end", _("Ngày kết thúc thời gian thực hiện kế hoạch")
    SEPARATION_END = "separation_end", _("Ngày hết hạn tạm thời cách ly")


class AppliesWhen(models.TextChoices):
    ALWAYS = "always", _("Mọi trường hợp")
    EMERGENCY = "emergency", _("Khi trẻ cần bảo vệ khẩn cấp")


class AlertKind(models.TextChoices):
    REMINDER = "reminder", _("Nhắc trước hạn")
    ESCALATION = "escalation", _("Báo quá hạn")


class PerpetratorRelation(models.TextChoices):
    """The alleged perpetrator's relationship to the child (legal-framework §3 design note)."""

    PARENT = "parent", _("Cha, mẹ")
    STEP_PARENT = "step_parent", _("Cha dượng, mẹ kế")
    RELATIVE = "relative", _("Người thân trong gia đình")
    CAREGIVER = "caregiver", _("Người chăm sóc, giám hộ")
    TEACHER = "teacher", _("Giáo viên, nhân viên nhà trường")
    NEIGHBOUR = "neighbour", _("Hàng xóm")
    ACQUAINTANCE = "acquaintance", _("Người quen")
    STRANGER = "stranger", _("Người lạ")
    ANOTHER_CHILD = "another_child", _("Trẻ em khác")
    ONLINE_CONTACT = "online_contact", _("Người quen qua mạng")
    OTHER = "other", _("Khác")
    UNKNOWN = "unknown", _("Chưa rõ")


class PersonSex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")
    UNKNOWN = "unknown", _("Chưa rõ")


class JusticeKind(models.TextChoices):
    """Milestones of the police and court track, in the order they usually happen."""

    REPORTED = "reported", _("Trình báo cơ quan công an")
    FORENSIC = "forensic", _("Giám định")
    PROSECUTION = "prosecution", _("Quyết định khởi tố / không khởi tố")
    TRIAL = "trial", _("Xét xử")
    VERDICT = "verdict", _("Bản án")


class ProsecutionDecision(models.TextChoices):
    PROSECUTE = "prosecute", _("Khởi tố")
    NOT_PROSECUTE = "not_prosecute", _("Không khởi tố")


class FieldGroup(models.TextChoices):
    """Groups of case fields an agency that receives a referral may see (cpms/referrals)."""

    IDENTITY = "identity", _("Thông tin nhận dạng trẻ")
    ABUSE_DETAILS = "abuse_details", _("Thông tin về hành vi xâm hại")
    PERPETRATORS = "perpetrators", _("Người bị cho là gây hại")
    JUSTICE_TRACK = "justice_track", _("Tiến trình tố tụng")
    SUPPORT_NEEDS = "support_needs", _("Nhu cầu hỗ trợ")
    HEALTH_NEEDS = "health_needs", _("Nhu cầu chăm sóc sức khỏe")
