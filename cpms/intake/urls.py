from __future__ import annotations

from django.urls import path

from . import views, views_match

app_name = "intake"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("sent/", views.report_sent, name="sent"),
    path("<uuid:uid>/", views.report_detail, name="detail"),
    path("<uuid:uid>/reporter/", views.reporter_reveal, name="reporter"),
    path("<uuid:uid>/children/new/", views.report_child_add_view, name="child-add"),
    path(
        "<uuid:uid>/children/<uuid:child_uid>/match/",
        views_match.report_child_match,
        name="child-match",
    ),
]
