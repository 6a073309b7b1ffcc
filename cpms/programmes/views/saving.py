"""The one flow of every programme page that saves a form over an existing record: show the
form, on a valid POST call the service, then redirect with a message; 409 when the record
cannot take the change any more (already closed) or someone saved it meanwhile."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from cpms.accounts.http import AuthedRequest
from cpms.core.forms import save_form

from ..forms import ScopedForm


def save_page(
    request: AuthedRequest,
    *,
    form: forms.Form,
    save: Callable[[dict[str, Any]], object],
    done_url: str,
    message: str,
    context: Mapping[str, object],
    template: str = "programmes/form.html",
    closed: bool = False,
) -> HttpResponse:
    status = 409 if closed else 200
    if not closed and request.method == "POST" and form.is_valid():
        saved, status = save_form(form, lambda: save(form.cleaned_data))
        if saved is not None:
            messages.success(request, message)
            return redirect(done_url)
    return render(request, template, {"form": form, **context}, status=status)


def edit_page(
    request: AuthedRequest,
    *,
    record: Any,
    form_class: type[ScopedForm],
    fields: tuple[str, ...],
    update: Callable[..., object],
    done_url: str,
    title: str,
    subtitle: str,
    data_class: type | None = None,
) -> HttpResponse:
    """The edit page of a record whose form fields are named like its attributes: the form
    starts from the record; `update` (the service with actor and record bound) gets the
    fields as keywords, or wrapped in `data_class` as `data`, and the version read."""
    initial = {name: getattr(record, name) for name in (*fields, "version")}

    def save(d: dict[str, Any]) -> object:
        values = {name: d[name] for name in fields}
        given = {"data": data_class(**values)} if data_class is not None else values
        return update(**given, expected_version=d["version"])

    return save_page(
        request,
        form=form_class(request.POST or None, viewer=request.user, initial=initial),
        save=save,
        done_url=done_url,
        message=str(_("Đã lưu thay đổi.")),
        context={"title": title, "subtitle": subtitle},
    )
