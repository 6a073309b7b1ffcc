from __future__ import annotations

from django.urls import path

from . import views

app_name = "referrals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/<uuid:case_uid>/", views.send, name="send"),
    path("<uuid:uid>/", views.detail, name="detail"),
    path("<uuid:uid>/step/<slug:code>/", views.step, name="step"),
    path("<uuid:uid>/assign/", views.assign, name="assign"),
    path("<uuid:uid>/letter.<slug:file_format>", views.letter, name="letter"),
]
