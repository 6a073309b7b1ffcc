"""HTML input for the case steps (one form per transition), notes, tasks and separations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpms.accounts.models import User
from cpms.core.forms import BootstrapForm
from cpms.intake.choices import TriageOutcome
from cpms.intake.models import ReportChild

from .choices import ProtectionLevel, ReviewProposal, RiskLevel
from .risk import RISK_ITEMS

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
DATETIME = forms.DateTimeInput(attrs={"placeholder": "dd/mm/yyyy hh:mm"}, format="%d/%m/%Y %H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})


def _text(label: Any, *, required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, widget=TEXT, max_length=8000, required=required)


class StepForm(BootstrapForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RatedStepForm(StepForm):
    """Adds one Cao / Trung bình / Thấp choice per risk item (risk.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in RISK_ITEMS:
            self.fields[f"risk_{code}"] = forms.ChoiceField(
                label=label, choices=[("", "—"), *RiskLevel.choices], required=False
            )
        for name in list(self.fields):
            if name.startswith("risk_"):
                self.fields[name].widget.attrs["class"] = "form-select"


class InitialAssessForm(RatedStepForm):
    assessed_at = forms.DateTimeField(label=_("Đánh giá lúc"), widget=DATETIME)
    harm_description = _text(_("Mức độ tổn hại của trẻ"))
    overall_risk = forms.ChoiceField(label=_("Mức độ nguy cơ chung"), choices=RiskLevel.choices)
    emergency_needed = forms.BooleanField(
        label=_(
            "Trẻ có nguy cơ hoặc đang bị tổn hại nghiêm trọng: cần can thiệp khẩn cấp trong 12 giờ"
        ),
        required=False,
    )
    safety_measures = _text(_("Biện pháp bảo đảm an toàn tạm thời đã thực hiện"))
    conclusion = _text(_("Kết luận"))


class EmergencyActionForm(StepForm):
    taken_at = forms.DateTimeField(label=_("Thực hiện lúc"), widget=DATETIME)
    police_coordinated = forms.BooleanField(
        label=_("Đã phối hợp công an ngăn chặn hành vi"), required=False
    )
    first_aid = forms.BooleanField(
        label=_("Đã phối hợp cơ sở y tế sơ cứu, cấp cứu"), required=False
    )
    evidence_kept = forms.BooleanField(
        label=_("Đã giữ đồ vật, tài liệu liên quan đến tổn hại"), required=False
    )
    safe_place = forms.CharField(label=_("Nơi an toàn tạm thời"), max_length=300, required=False)
    measures = _text(_("Biện pháp đã thực hiện"), required=True)


class SeparateForm(StepForm):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decided_at = forms.DateTimeField(label=_("Quyết định lúc"), widget=DATETIME)
    separated_from = forms.CharField(
        label=_("Tạm thời cách ly khỏi (họ tên, quan hệ với trẻ)"), max_length=300
    )
    reason = _text(_("Lý do"), required=True)
    place = forms.CharField(label=_("Nơi tạm trú an toàn"), max_length=300)
    caregiver = forms.CharField(label=_("Người chăm sóc thay thế"), max_length=300, required=False)
    starts_at = forms.DateTimeField(label=_("Bắt đầu"), widget=DATETIME)
    ends_at = forms.DateTimeField(
        label=_("Kết thúc"), widget=DATETIME, help_text=_("Không quá 15 ngày.")
    )
    authority_extended = forms.BooleanField(
        label=_("Cơ quan có thẩm quyền yêu cầu cách ly quá 15 ngày"), required=False
    )
    authority_basis = forms.CharField(
        label=_("Văn bản của cơ quan có thẩm quyền"), max_length=300, required=False
    )


class NeedsAssessForm(RatedStepForm):
    assessed_on = forms.DateField(label=_("Ngày đánh giá"), widget=DATE)
    child_state = _text(_("Tình trạng thể chất, tâm lý, tình cảm của trẻ"))
    family_capacity = _text(_("Hoàn cảnh và khả năng bảo vệ của gia đình"))
    overall_risk = forms.ChoiceField(label=_("Mức độ nguy cơ chung"), choices=RiskLevel.choices)
    protection_level = forms.ChoiceField(label=_("Cấp độ bảo vệ"), choices=ProtectionLevel.choices)
    needs = _text(_("Nhu cầu cần hỗ trợ, can thiệp"), required=True)
    meeting_date = forms.DateField(label=_("Ngày họp xác định nhu cầu"), widget=DATE)
    meeting_chair = forms.CharField(label=_("Người chủ trì cuộc họp"), max_length=200)
    meeting_participants = _text(_("Thành phần tham dự"))
    meeting_minutes = _text(_("Tóm tắt biên bản họp"))


class PlanForm(StepForm):
    objectives = _text(_("Mục tiêu"), required=True)
    measures = forms.CharField(
        label=_("Biện pháp hỗ trợ, can thiệp (mỗi dòng: biện pháp, người thực hiện, thời gian)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=8000,
    )
    starts_on = forms.DateField(label=_("Thực hiện từ ngày"), widget=DATE)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE)


class ApprovePlanForm(StepForm):
    decision_number = forms.CharField(label=_("Số quyết định phê duyệt"), max_length=50)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE)


class NoteStepForm(StepForm):
    note = _text(_("Ghi chú"))


class ReviewForm(RatedStepForm):
    reviewed_on = forms.DateField(label=_("Ngày thực hiện"), widget=DATE)
    officer_name = forms.CharField(label=_("Cán bộ thực hiện"), max_length=200, required=False)
    child_state = _text(_("Tình trạng thể chất, tâm lý, nhận thức, tình cảm của trẻ"))
    environment_safety = _text(_("Mức độ an toàn của môi trường sống"))
    proposal = forms.ChoiceField(
        label=_("Đề xuất với Chủ tịch UBND xã"), choices=ReviewProposal.choices
    )
    conclusion = _text(_("Kết luận"))


class ReasonStepForm(StepForm):
    reason = _text(_("Lý do"), required=True)


STEP_FORMS: dict[str, type[StepForm]] = {
    "initial_assess": InitialAssessForm,
    "emergency_action": EmergencyActionForm,
    "separate": SeparateForm,
    "needs_assess": NeedsAssessForm,
    "draft_plan": PlanForm,
    "replan": PlanForm,
    "approve_plan": ApprovePlanForm,
    "start_plan": NoteStepForm,
    "review": ReviewForm,
    "close": ReasonStepForm,
    "reopen": ReasonStepForm,
}


class NoteForm(BootstrapForm):
    text = forms.CharField(label=_("Ghi chú"), widget=TEXT, max_length=8000)


class TaskForm(BootstrapForm):
    title = forms.CharField(label=_("Việc cần làm"), max_length=300)
    owner = forms.ModelChoiceField(
        label=_("Người thực hiện"), queryset=User.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Hạn"), widget=DATE, required=False)

    def __init__(self, *args: Any, owners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class SeparationExtendForm(StepForm):
    new_ends_at = forms.DateTimeField(label=_("Hạn mới"), widget=DATETIME)
    decision_number = forms.CharField(label=_("Số quyết định gia hạn"), max_length=50)
    reason = _text(_("Lý do"), required=True)
    by_authority = forms.BooleanField(
        label=_("Theo yêu cầu của cơ quan có thẩm quyền (quá 15 ngày)"), required=False
    )
    authority_basis = forms.CharField(
        label=_("Văn bản của cơ quan có thẩm quyền"), max_length=300, required=False
    )


class SeparationEndForm(StepForm):
    reason = _text(_("Lý do chấm dứt (gia đình đã bảo đảm an toàn cho trẻ…)"), required=True)


class TriageForm(BootstrapForm):
    """One outcome (and reason) per untriaged child of the report."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, rows: list[ReportChild], open_case_child_ids: set[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            choices = [("", "—"), (TriageOutcome.NO_CASE.value, TriageOutcome.NO_CASE.label)]
            if row.child_id and row.child_id in open_case_child_ids:
                choices.insert(
                    1, (TriageOutcome.CASE_LINKED.value, TriageOutcome.CASE_LINKED.label)
                )
            elif row.child_id:
                choices.insert(
                    1, (TriageOutcome.CASE_OPENED.value, TriageOutcome.CASE_OPENED.label)
                )
            self.fields[f"outcome_{row.uid}"] = forms.ChoiceField(
                label=row.full_name or _("Trẻ chưa rõ tên"), choices=choices, required=False
            )
            self.fields[f"outcome_{row.uid}"].widget.attrs["class"] = "form-select"
            self.fields[f"reason_{row.uid}"] = forms.CharField(
                label=_("Lý do không mở trường hợp"),
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                max_length=2000,
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in self.rows:
            if (
                data.get(f"outcome_{row.uid}") == TriageOutcome.NO_CASE
                and not (data.get(f"reason_{row.uid}") or "").strip()
            ):
                self.add_error(f"reason_{row.uid}", _("Ghi lý do không cần mở trường hợp."))
        if not any(data.get(f"outcome_{row.uid}") for row in self.rows):
            raise forms.ValidationError(_("Chọn kết quả phân loại cho ít nhất một trẻ."))
        return data
