from __future__ import annotations

from django.urls import path

from .views import needs, placements, providers

app_name = "care"
urlpatterns = [
    path("", placements.placement_list, name="placement-list"),
    path("new/<uuid:child_uid>/", placements.placement_create, name="placement-create"),
    path("<uuid:uid>/", placements.placement_detail, name="placement-detail"),
    path("<uuid:uid>/decision/", placements.placement_decide_view, name="placement-decide"),
    path("<uuid:uid>/review/", placements.placement_review_view, name="placement-review"),
    path("<uuid:uid>/end/", placements.placement_end_view, name="placement-end"),
    path("caregivers/", providers.provider_list, name="provider-list"),
    path("caregivers/new/", providers.provider_register_view, name="provider-register"),
    path("caregivers/<uuid:uid>/", providers.provider_detail, name="provider-detail"),
    path("caregivers/<uuid:uid>/verify/", providers.provider_verify_view, name="provider-verify"),
    path(
        "caregivers/<uuid:uid>/archive/", providers.provider_archive_view, name="provider-archive"
    ),
    path("needs/", needs.needs_list, name="needs"),
    path("needs/export/", needs.needs_export_view, name="needs-export"),
]
