from __future__ import annotations

from django.urls import path

from . import views, views_followup

app_name = "children"
urlpatterns = [
    path("", views.child_list, name="list"),
    path("new/", views.child_register_view, name="register"),
    path("my-village/", views_followup.my_village, name="my-village"),
    path("<uuid:uid>/", views.child_detail, name="detail"),
    path("<uuid:uid>/edit/", views.child_edit, name="edit"),
    path("<uuid:uid>/archive/", views.child_archive_view, name="archive"),
    path("<uuid:uid>/duplicates/", views.child_duplicates, name="duplicates"),
    path("<uuid:uid>/screen/", views.child_screen_view, name="screen"),
    path("<uuid:uid>/family/new/", views_followup.family_add, name="family-add"),
    path(
        "<uuid:uid>/family/<uuid:link>/facts/new/",
        views_followup.sensitive_fact_add,
        name="fact-add",
    ),
    path("<uuid:uid>/visits/new/", views_followup.visit_add, name="visit-add"),
    path("<uuid:uid>/merge/<uuid:other>/", views_followup.merge_compare, name="merge"),
]
