from __future__ import annotations

from django.urls import path

from . import views, views_more

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("my-work/", views_more.my_work, name="my-work"),
    path("triage/<uuid:uid>/", views_more.triage, name="triage"),
    path("<uuid:uid>/", views.case_detail, name="detail"),
    path("<uuid:uid>/step/<slug:code>/", views.case_step, name="step"),
    path("<uuid:uid>/notes/", views.case_note_add, name="note-add"),
    path("<uuid:uid>/tasks/", views.case_task_add, name="task-add"),
    path("<uuid:uid>/tasks/<uuid:task_uid>/done/", views.case_task_done, name="task-done"),
    path(
        "<uuid:uid>/separations/<uuid:sep_uid>/<slug:action>/",
        views_more.separation_change,
        name="separation",
    ),
]
