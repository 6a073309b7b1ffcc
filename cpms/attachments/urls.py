from __future__ import annotations

from django.urls import path

from . import views

app_name = "attachments"
urlpatterns = [
    path("<str:subject_type>/<uuid:subject_id>/upload/", views.attachment_upload, name="upload"),
    path("<uuid:uid>/download/", views.attachment_download, name="download"),
    path("<uuid:uid>/withdraw/", views.attachment_withdraw_view, name="withdraw"),
]
