from __future__ import annotations

import re
import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cpms.core.forms import BootstrapForm
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit
from cpms.intake.choices import ChildSex, ReporterRelation

from .selectors import commune_choices
from .services import PublicReportData

DESCRIPTION_MAX = 4000
PHONE_RE = re.compile(r"^\+?[0-9][0-9 .]{7,14}$")
HONEYPOT = "website"

RELATIONS = [("", _("Không muốn nói"))] + [
    (value, label) for value, label in ReporterRelation.choices if value != ReporterRelation.UNKNOWN
]


def _clean_text(value: str) -> str:
    return normalize_text(value or "")


class PublicReportForm(BootstrapForm):
    commune = forms.TypedChoiceField(
        label=_("Xã, phường nơi trẻ sống hoặc nơi xảy ra sự việc"), coerce=int, choices=()
    )
    description = forms.CharField(
        label=_("Chuyện gì đã xảy ra?"),
        min_length=10,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ghi những gì bạn biết: ở đâu, khi nào, ai liên quan."),
    )
    immediate_danger = forms.BooleanField(
        label=_("Trẻ đang gặp nguy hiểm ngay lúc này"), required=False
    )
    child_name = forms.CharField(
        label=_("Tên hoặc đặc điểm của trẻ (nếu biết)"), max_length=200, required=False
    )
    child_age = forms.TypedChoiceField(
        label=_("Tuổi (ước lượng)"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Không biết"))] + [(str(age), str(age)) for age in range(18)],
    )
    child_sex = forms.ChoiceField(
        label=_("Giới tính của trẻ"),
        choices=ChildSex.choices,
        initial=ChildSex.UNKNOWN,
        required=False,
    )
    place = forms.CharField(
        label=_("Thôn, tổ dân phố hoặc địa chỉ (nếu biết)"), max_length=300, required=False
    )
    reporter_relation = forms.ChoiceField(label=_("Bạn là"), choices=RELATIONS, required=False)
    contact = forms.BooleanField(
        label=_("Tôi muốn để lại tên và số điện thoại để cán bộ liên hệ lại"), required=False
    )
    reporter_name = forms.CharField(label=_("Họ và tên của bạn"), max_length=200, required=False)
    reporter_phone = forms.CharField(
        label=_("Số điện thoại của bạn"), max_length=20, required=False
    )
    # Hidden from people by CSS; bots that fill every field reveal themselves.
    website = forms.CharField(label=_("Trang web"), required=False, max_length=200)
    form_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commune = self.fields["commune"]
        assert isinstance(commune, forms.TypedChoiceField)
        groups = commune_choices()
        # One province: a flat list; several: grouped under each province.
        options = groups[0][1] if len(groups) == 1 else groups
        commune.choices = [("", _("Chọn xã, phường")), *options]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["reporter_phone"].widget.attrs.update(
            {"inputmode": "tel", "autocomplete": "tel"}
        )
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def clean_child_name(self) -> str:
        return _clean_text(self.cleaned_data["child_name"])

    def clean_child_sex(self) -> str:
        return str(self.cleaned_data["child_sex"] or ChildSex.UNKNOWN)

    def clean_place(self) -> str:
        return _clean_text(self.cleaned_data["place"])

    def clean_reporter_name(self) -> str:
        return _clean_text(self.cleaned_data["reporter_name"])

    def clean_reporter_phone(self) -> str:
        phone = _clean_text(self.cleaned_data["reporter_phone"])
        if phone and not PHONE_RE.match(phone):
            raise ValidationError(_("Số điện thoại không hợp lệ."))
        return phone

    def clean_description(self) -> str:
        text = str(self.cleaned_data["description"]).strip()
        if len(set(text)) < 5:
            raise ValidationError(_("Vui lòng mô tả rõ hơn chuyện đã xảy ra."))
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("contact") and not data.get("reporter_phone"):
            self.add_error("reporter_phone", _("Vui lòng ghi số điện thoại để cán bộ liên hệ lại."))
        return data

    def to_data(self) -> PublicReportData:
        data = self.cleaned_data
        commune = AdminUnit.objects.get(pk=data["commune"])
        return PublicReportData(
            commune=commune,
            description=data["description"],
            immediate_danger=data["immediate_danger"],
            contact=data["contact"],
            reporter_name=data["reporter_name"],
            reporter_phone=data["reporter_phone"],
            reporter_relation=data["reporter_relation"],
            child_name=data["child_name"],
            child_age=data["child_age"],
            child_sex=data["child_sex"],
            place=data["place"],
        )


class StatusForm(BootstrapForm):
    code = forms.CharField(
        label=_("Mã theo dõi"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
