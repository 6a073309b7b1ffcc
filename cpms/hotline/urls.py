from __future__ import annotations

from django.urls import path

from . import views

app_name = "hotline"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("new/", views.call_create, name="create"),
    path("<uuid:uid>/", views.call_detail, name="detail"),
    path("<uuid:uid>/caller/", views.caller_reveal, name="caller"),
    path("<uuid:uid>/forward/", views.call_forward_view, name="forward"),
]
