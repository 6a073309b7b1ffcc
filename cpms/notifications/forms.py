from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpms.core.forms import BootstrapForm

from .channels import extra_channels
from .choices import EmailMode, KindGroup
from .selectors import UserPreferences

INHERIT, ON, OFF = "", "on", "off"
TRI_STATE = [(INHERIT, _("Theo cài đặt chung")), (ON, _("Có")), (OFF, _("Không"))]


class PreferencesForm(BootstrapForm):
    """One row per group: the e-mail mode and each extra channel. The "all" row sets the
    defaults; the other rows may inherit them."""

    def __init__(self, *args: Any, prefs: UserPreferences, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.channel_names = sorted(extra_channels())
        modes = [c for c in EmailMode.choices if c[0] != EmailMode.INHERIT]
        for group in KindGroup:
            row = prefs.row(group)
            all_row = group == KindGroup.ALL
            self.fields[f"{group}-email"] = forms.ChoiceField(
                label=_("Thư điện tử"),
                choices=modes if all_row else EmailMode.choices,
                required=all_row,
                initial=(row.email_mode if row else "") or (EmailMode.IMMEDIATE if all_row else ""),
            )
            for name in self.channel_names:
                label = str(extra_channels()[name].label)
                if all_row:
                    self.fields[f"{group}-{name}"] = forms.BooleanField(
                        label=label,
                        required=False,
                        initial=bool(row and row.channels.get(name)),
                    )
                else:
                    stored = row.channels.get(name) if row else None
                    self.fields[f"{group}-{name}"] = forms.ChoiceField(
                        label=label,
                        choices=TRI_STATE,
                        required=False,
                        initial=INHERIT if stored is None else (ON if stored else OFF),
                    )
        for field in self.fields.values():
            checkbox = isinstance(field.widget, forms.CheckboxInput)
            field.widget.attrs["class"] = "form-check-input" if checkbox else "form-select"

    def rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (
                str(group.label),
                [self[f"{group}-email"]] + [self[f"{group}-{n}"] for n in self.channel_names],
            )
            for group in KindGroup
        ]

    def values(self) -> dict[str, tuple[str, dict[str, bool]]]:
        data = self.cleaned_data
        result: dict[str, tuple[str, dict[str, bool]]] = {}
        for group in KindGroup:
            channels: dict[str, bool] = {}
            for name in self.channel_names:
                value = data[f"{group}-{name}"]
                if group == KindGroup.ALL:
                    channels[name] = bool(value)
                elif value != INHERIT:
                    channels[name] = value == ON
            result[group] = (data[f"{group}-email"], channels)
        return result
