from __future__ import annotations

from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("guide/<slug:slug>/", views.page, name="page"),
    path("report/", views.report, name="report"),
    path("status/", views.status, name="status"),
]
