"""HTML input of the spreadsheet pages: parse and validate only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cpms.accounts.scope import AnyUser
from cpms.core.forms import BootstrapForm
from cpms.geography.models import AdminUnit

from ..forms import UnitChoiceField, villages_for
from ..selectors import ChildFilters

XLSX_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(BootstrapForm):
    file = forms.FileField(
        label=_("Tệp sổ theo dõi trẻ em (.xlsx)"),
        max_length=255,
        widget=forms.ClearableFileInput(attrs={"accept": XLSX_TYPES}),
    )
    commune = UnitChoiceField(label=_("Nhập cho xã, phường"), queryset=AdminUnit.objects.none())

    def __init__(self, *args: Any, communes: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes  # type: ignore[attr-defined]
        only = list(communes[:2])
        self.single_commune = only[0] if len(only) == 1 else None
        if self.single_commune is not None:
            # The user's one commune: nothing to choose, and nothing to tamper with.
            del self.fields["commune"]

    def chosen_commune(self) -> AdminUnit:
        if self.single_commune is not None:
            return self.single_commune
        chosen: AdminUnit = self.cleaned_data["commune"]
        return chosen


class ExportForm(BootstrapForm):
    q = forms.CharField(
        label=_("Tên trẻ, tên cha mẹ hoặc số định danh (để trống: tất cả)"),
        max_length=100,
        required=False,
    )
    village = UnitChoiceField(
        label=_("Thôn, tổ dân phố"), queryset=AdminUnit.objects.none(), required=False
    )

    def __init__(self, *args: Any, viewer: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages_for(viewer)  # type: ignore[attr-defined]
        self.fields["village"].empty_label = _("Tất cả")  # type: ignore[attr-defined]

    def to_filters(self) -> ChildFilters:
        village = self.cleaned_data["village"]
        return ChildFilters(
            query=self.cleaned_data["q"], village_id=village.pk if village else None
        )
