from __future__ import annotations

from django.urls import path

from . import views, views_abuse, views_more
from .official_forms import views as form_views

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
    path("<uuid:uid>/forms/<slug:code>/", form_views.case_form, name="form"),
    path("reports/<uuid:uid>/forms/01/", form_views.report_form, name="report-form"),
    path("<uuid:uid>/abuse/", views_abuse.abuse_edit, name="abuse"),
    path("<uuid:uid>/perpetrators/", views_abuse.perpetrators, name="perpetrators"),
    path("<uuid:uid>/perpetrators/new/", views_abuse.perpetrator_add_view, name="perpetrator-add"),
    path(
        "<uuid:uid>/perpetrators/<uuid:row_uid>/withdraw/",
        views_abuse.perpetrator_withdraw_view,
        name="perpetrator-withdraw",
    ),
    path("<uuid:uid>/justice/new/", views_abuse.justice_add, name="justice-add"),
    path(
        "<uuid:uid>/justice/<uuid:row_uid>/withdraw/",
        views_abuse.justice_withdraw_view,
        name="justice-withdraw",
    ),
    path(
        "<uuid:uid>/separations/<uuid:sep_uid>/<slug:action>/",
        views_more.separation_change,
        name="separation",
    ),
]
