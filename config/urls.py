from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Quản trị hệ thống bảo vệ trẻ em")
admin.site.site_title = _("Quản trị cpms")

urlpatterns = [
    path("", include("cpms.home.urls")),
    path("accounts/", include("cpms.accounts.urls")),
    path("children/sheets/", include("cpms.children.urls_spreadsheets")),
    path("children/", include("cpms.children.urls")),
    path("reports/", include("cpms.intake.urls")),
    path("hotline/", include("cpms.hotline.urls")),
    path("api/v1/", include("cpms.api.urls")),
    path("cases/", include("cpms.cases.urls")),
    path("care/", include("cpms.care.urls")),
    path("conferences/", include("cpms.conferences.urls")),
    path("transfers/", include("cpms.transfers.urls")),
    path("referrals/", include("cpms.referrals.urls")),
    path("periodic-reports/", include("cpms.reports.urls")),
    path("accountability/", include("cpms.accountability.urls")),
    path("programmes/", include("cpms.programmes.urls")),
    path("attachments/", include("cpms.attachments.urls")),
    path("notifications/", include("cpms.notifications.urls")),
    path("public/", include("cpms.public.urls")),
    path("stats/", include("cpms.stats.urls")),
    path("directives/", include("cpms.directives.urls")),
    path("privacy/", include("cpms.privacy.urls")),
    path("emergency/", include("cpms.emergency.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
