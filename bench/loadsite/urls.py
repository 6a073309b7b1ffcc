"""The application's URLs plus the reference view (never part of config.urls)."""

from __future__ import annotations

from django.urls import path

from config.urls import urlpatterns as app_urlpatterns

from . import views

urlpatterns = [
    path("bench/reference/<uuid:uid>/", views.reference, name="bench-reference"),
    *app_urlpatterns,
]
