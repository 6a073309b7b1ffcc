from __future__ import annotations

from django.urls import path

from . import views

app_name = "transfers"
urlpatterns = [
    path("", views.transfer_list_view, name="list"),
    path("new/<uuid:case_uid>/", views.transfer_case, name="new"),
]
