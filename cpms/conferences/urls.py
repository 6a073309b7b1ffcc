from __future__ import annotations

from django.urls import path

from . import views

app_name = "conferences"
urlpatterns = [
    path("new/<uuid:case_uid>/", views.conference_add, name="add"),
    path("<uuid:uid>/", views.conference_detail, name="detail"),
    path("<uuid:uid>/edit/", views.conference_edit, name="edit"),
    path("<uuid:uid>/minutes.docx", views.conference_minutes, name="minutes"),
]
