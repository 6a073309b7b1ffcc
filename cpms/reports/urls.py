from __future__ import annotations

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create_view, name="create"),
    path("<uuid:uid>/", views.report_detail, name="detail"),
    path("<uuid:uid>/edit/", views.report_edit, name="edit"),
    path("<uuid:uid>/refresh/", views.report_refresh_view, name="refresh"),
    path("<uuid:uid>/export/", views.export_create, name="export"),
    path("<uuid:uid>/step/<slug:action>/", views.report_transition_view, name="transition"),
    path("files/<uuid:uid>/", views.export_detail, name="export-detail"),
    path("files/<uuid:uid>/download/", views.export_download, name="export-download"),
]
