from __future__ import annotations

from django import forms

from cpms.core.forms import BootstrapForm


class ChoicesForm(BootstrapForm):
    kinds = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    one = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    name = forms.CharField()


def test_lists_of_boxes_are_not_styled_as_text_fields():
    html = str(ChoicesForm())
    assert html.count('type="checkbox"') == 2 and html.count('type="radio"') == 1
    assert html.count('class="form-control"') == 1  # the text field only
