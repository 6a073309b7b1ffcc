"""Roles, permissions and the one role→permission map. docs/permissions.md is the same table."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COLLABORATOR = "collaborator", _("Cộng tác viên thôn, tổ dân phố")
    COMMUNE_WORKER = "commune_worker", _("Người làm công tác bảo vệ trẻ em cấp xã")
    COMMUNE_LEADER = "commune_leader", _("Chủ tịch / Phó Chủ tịch UBND xã")
    POLICE = "police", _("Công an")
    PARTNER_FOCAL = (
        "partner_focal",
        _("Đầu mối cơ quan phối hợp (trường học, y tế, cơ sở, tổ chức)"),
    )
    AREA_OFFICER = "area_officer", _("Cán bộ theo dõi cấp huyện / tỉnh")
    STATISTICS_VIEWER = "statistics_viewer", _("Xem số liệu tổng hợp (Sở, Bộ)")
    HOTLINE_OPERATOR = "hotline_operator", _("Điện thoại viên tổng đài")
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")


class ScopeKind(StrEnum):
    """How a role's reach is decided."""

    AREA = "area"  # the subtree of the membership's administrative unit
    REFERRAL = "referral"  # only what is referred to the agency, while the referral is open
    AGGREGATE = "aggregate"  # counts for the area, never a personal record
    OWN = "own"  # only the records the user created (hotline calls)


class Perm(StrEnum):
    HOME_VIEW = "home.view"
    UNIT_VIEW = "unit.view"
    AGENCY_VIEW = "agency.view"
    CHILD_VIEW = "child.view"
    CHILD_EDIT = "child.edit"
    CHILD_SENSITIVE_VIEW = "child.sensitive_view"
    REPORT_CREATE = "report.create"
    REPORT_VIEW = "report.view"
    REPORT_TRIAGE = "report.triage"
    REPORTER_IDENTITY_VIEW = "report.reporter_identity"
    CALL_LOG = "call.log"
    CASE_VIEW = "case.view"
    CASE_EDIT = "case.edit"
    CASE_APPROVE_PLAN = "case.approve_plan"
    CASE_DECIDE_SEPARATION = "case.decide_separation"
    CASE_PERPETRATOR_VIEW = "case.perpetrator_view"
    CASE_JUSTICE_EDIT = "case.justice_edit"
    REFERRAL_RECEIVE = "referral.receive"
    ACCOUNTABILITY_VIEW = "accountability.view"
    ACCOUNTABILITY_EDIT = "accountability.edit"
    STATS_VIEW = "stats.view"
    EXPORT_CREATE = "export.create"
    AUDIT_VIEW = "audit.view"
    CONFIG_MANAGE = "config.manage"


_COMMUNE_WORK = frozenset(
    {
        Perm.HOME_VIEW,
        Perm.UNIT_VIEW,
        Perm.AGENCY_VIEW,
        Perm.CHILD_VIEW,
        Perm.CHILD_EDIT,
        Perm.CHILD_SENSITIVE_VIEW,
        Perm.REPORT_CREATE,
        Perm.REPORT_VIEW,
        Perm.REPORT_TRIAGE,
        Perm.REPORTER_IDENTITY_VIEW,
        Perm.CASE_VIEW,
        Perm.CASE_EDIT,
        Perm.CASE_PERPETRATOR_VIEW,
        Perm.CASE_JUSTICE_EDIT,
        Perm.ACCOUNTABILITY_VIEW,
        Perm.STATS_VIEW,
        Perm.EXPORT_CREATE,
    }
)

ROLE_PERMS: dict[Role, frozenset[Perm]] = {
    Role.COLLABORATOR: frozenset(
        {Perm.HOME_VIEW, Perm.UNIT_VIEW, Perm.CHILD_VIEW, Perm.CHILD_EDIT, Perm.REPORT_CREATE}
    ),
    Role.COMMUNE_WORKER: _COMMUNE_WORK,
    Role.COMMUNE_LEADER: _COMMUNE_WORK
    | {
        Perm.CASE_APPROVE_PLAN,
        Perm.CASE_DECIDE_SEPARATION,
        Perm.AUDIT_VIEW,
        Perm.ACCOUNTABILITY_EDIT,
    },
    Role.POLICE: frozenset(
        {
            Perm.HOME_VIEW,
            Perm.REFERRAL_RECEIVE,
            Perm.CASE_VIEW,
            Perm.CASE_PERPETRATOR_VIEW,
            Perm.CASE_JUSTICE_EDIT,
        }
    ),
    Role.PARTNER_FOCAL: frozenset({Perm.HOME_VIEW, Perm.REFERRAL_RECEIVE, Perm.REPORT_CREATE}),
    Role.AREA_OFFICER: frozenset(
        {
            Perm.HOME_VIEW,
            Perm.UNIT_VIEW,
            Perm.AGENCY_VIEW,
            Perm.CHILD_VIEW,
            Perm.REPORT_VIEW,
            Perm.CASE_VIEW,
            Perm.ACCOUNTABILITY_VIEW,
            Perm.ACCOUNTABILITY_EDIT,
            Perm.STATS_VIEW,
            Perm.EXPORT_CREATE,
            Perm.AUDIT_VIEW,
        }
    ),
    Role.STATISTICS_VIEWER: frozenset({Perm.HOME_VIEW, Perm.UNIT_VIEW, Perm.STATS_VIEW}),
    Role.HOTLINE_OPERATOR: frozenset(
        {Perm.HOME_VIEW, Perm.REPORT_CREATE, Perm.REPORT_VIEW, Perm.CALL_LOG}
    ),
    Role.SYSTEM_ADMIN: frozenset(
        {Perm.HOME_VIEW, Perm.UNIT_VIEW, Perm.AGENCY_VIEW, Perm.AUDIT_VIEW, Perm.CONFIG_MANAGE}
    ),
}

ROLE_SCOPE: dict[Role, ScopeKind] = {
    Role.COLLABORATOR: ScopeKind.AREA,
    Role.COMMUNE_WORKER: ScopeKind.AREA,
    Role.COMMUNE_LEADER: ScopeKind.AREA,
    Role.POLICE: ScopeKind.REFERRAL,
    Role.PARTNER_FOCAL: ScopeKind.REFERRAL,
    Role.AREA_OFFICER: ScopeKind.AREA,
    Role.STATISTICS_VIEWER: ScopeKind.AGGREGATE,
    Role.HOTLINE_OPERATOR: ScopeKind.OWN,
    Role.SYSTEM_ADMIN: ScopeKind.AREA,
}
