from __future__ import annotations

from django.urls import path

from . import views, views_edit

app_name = "directives"
urlpatterns = [
    path("", views.directive_list, name="list"),
    path("mine/", views.my_assignments, name="mine"),
    path("new/", views_edit.directive_create_view, name="create"),
    path("<uuid:uid>/", views.directive_detail, name="detail"),
    path("<uuid:uid>/edit/", views_edit.directive_edit_view, name="edit"),
    path("<uuid:uid>/assign/", views.assignment_create, name="assign"),
    path("<uuid:uid>/consolidated/", views.consolidated_view, name="consolidated"),
    path(
        "assignments/<uuid:uid>/withdraw/",
        views.assignment_withdraw_view,
        name="assignment-withdraw",
    ),
    path("assignments/<uuid:uid>/periods/<str:start>/", views.report_view, name="report"),
]
