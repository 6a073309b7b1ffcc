from __future__ import annotations

from django.urls import path

from . import views

app_name = "emergency"
urlpatterns = [
    path("", views.emergency_request, name="request"),
    path("grants/", views.emergency_list_view, name="list"),
    path("grants/<uuid:uid>/revoke/", views.emergency_revoke, name="revoke"),
]
