"""The spreadsheet pages, mounted at children/sheets/."""

from __future__ import annotations

from django.urls import path

from . import views_spreadsheets as views

app_name = "children-sheets"
urlpatterns = [
    path("template/", views.template_download, name="template"),
    path("imports/", views.import_list, name="import-list"),
    path("imports/upload/", views.import_upload_view, name="import-upload"),
    path("imports/<uuid:uid>/", views.import_detail, name="import-detail"),
    path("imports/<uuid:uid>/confirm/", views.import_confirm_view, name="import-confirm"),
    path("imports/<uuid:uid>/cancel/", views.import_cancel_view, name="import-cancel"),
    path("exports/", views.export_list, name="export-list"),
    path("exports/new/", views.export_create, name="export-create"),
    path("exports/<uuid:uid>/", views.export_detail, name="export-detail"),
    path("exports/<uuid:uid>/download/", views.export_download, name="export-download"),
]
