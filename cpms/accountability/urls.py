from __future__ import annotations

from django.urls import path

from . import views

app_name = "accountability"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("export/", views.entry_export, name="export"),
    path("new/", views.entry_create, name="create"),
    path("<uuid:uid>/", views.entry_detail, name="detail"),
    path("<uuid:uid>/confirm/", views.entry_confirm_view, name="confirm"),
    path("<uuid:uid>/dismiss/", views.entry_dismiss_view, name="dismiss"),
]
