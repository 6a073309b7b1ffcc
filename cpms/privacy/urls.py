from __future__ import annotations

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("children/<uuid:uid>/", views.child_privacy, name="child"),
    path("children/<uuid:uid>/bases/new/", views.basis_add, name="basis-add"),
    path("children/<uuid:uid>/bases/<uuid:basis>/", views.basis_detail, name="basis-detail"),
    path(
        "children/<uuid:uid>/bases/<uuid:basis>/withdraw/",
        views.basis_withdraw,
        name="basis-withdraw",
    ),
    path("children/<uuid:uid>/restrict/", views.restrict, name="restrict"),
    path(
        "children/<uuid:uid>/restrictions/<uuid:restriction>/lift/",
        views.restriction_end,
        name="restriction-lift",
    ),
    path("children/<uuid:uid>/subject-access/", views.subject_access, name="subject-access"),
]
