from __future__ import annotations

from django.urls import path

from .views import boards, campaigns, common, inspections, training

app_name = "programmes"
urlpatterns = [
    path("", common.index, name="index"),
    path("training/", training.course_list, name="course-list"),
    path("training/new/", training.course_create_view, name="course-create"),
    path("training/coverage/", training.coverage, name="coverage"),
    path("training/<uuid:uid>/", training.course_detail, name="course-detail"),
    path("training/<uuid:uid>/edit/", training.course_edit, name="course-edit"),
    path("training/<uuid:uid>/sessions/new/", training.session_create_view, name="session-create"),
    path("sessions/<uuid:uid>/", training.session_detail, name="session-detail"),
    path("sessions/<uuid:uid>/edit/", training.session_edit, name="session-edit"),
    path("campaigns/", campaigns.activity_list, name="activity-list"),
    path("campaigns/new/", campaigns.activity_create, name="activity-create"),
    path("campaigns/<uuid:uid>/", campaigns.activity_detail, name="activity-detail"),
    path("campaigns/<uuid:uid>/edit/", campaigns.activity_edit, name="activity-edit"),
    path("inspections/", inspections.plan_list, name="plan-list"),
    path("inspections/new/", inspections.plan_create_view, name="plan-create"),
    path("inspections/follow-up/", inspections.recommendation_list, name="recommendation-list"),
    path("inspections/<uuid:uid>/", inspections.plan_detail, name="plan-detail"),
    path("inspections/<uuid:uid>/edit/", inspections.plan_edit, name="plan-edit"),
    path(
        "inspections/<uuid:uid>/inspections/new/",
        inspections.inspection_create,
        name="inspection-create",
    ),
    path("inspection/<uuid:uid>/", inspections.inspection_detail, name="inspection-detail"),
    path("inspection/<uuid:uid>/edit/", inspections.inspection_edit, name="inspection-edit"),
    path(
        "recommendations/<uuid:uid>/close/",
        inspections.recommendation_close_view,
        name="recommendation-close",
    ),
    path("boards/", boards.board_list, name="board-list"),
    path("boards/new/", boards.board_create_view, name="board-create"),
    path("boards/decisions/", boards.decision_list, name="decision-list"),
    path("boards/<uuid:uid>/", boards.board_detail, name="board-detail"),
    path("boards/<uuid:uid>/edit/", boards.board_edit, name="board-edit"),
    path("members/<uuid:uid>/edit/", boards.member_edit, name="member-edit"),
    path("members/<uuid:uid>/end/", boards.member_end_view, name="member-end"),
    path("boards/<uuid:uid>/meetings/new/", boards.meeting_create, name="meeting-create"),
    path("meetings/<uuid:uid>/", boards.meeting_detail, name="meeting-detail"),
    path("decisions/<uuid:uid>/done/", boards.decision_done_view, name="decision-done"),
]
