from __future__ import annotations

from django.urls import path

from . import views

app_name = "home"
urlpatterns = [
    path("", views.index, name="index"),
    path("healthz/", views.healthz, name="healthz"),
    path("metrics/", views.metrics, name="metrics"),
    path("units/", views.unit_list, name="unit-list"),
    path("units/<uuid:uid>/", views.unit_detail, name="unit-detail"),
    path("agencies/<uuid:uid>/", views.agency_detail, name="agency-detail"),
]
