from __future__ import annotations

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read-all/", views.notifications_read_all, name="read-all"),
    path("preferences/", views.preferences, name="preferences"),
    path("badge/", views.unread_badge, name="badge"),
    path("<uuid:uid>/open/", views.notification_open, name="open"),
]
