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
    # emergency (issue 9)
    EMERGENCY_ACCESS = "emergency.access"
    # programmes (issue 6)
    PROGRAMME_VIEW = "programme.view"
    PROGRAMME_EDIT = "programme.edit"
    INSPECTION_EDIT = "inspection.edit"
    RECOMMENDATION_CLOSE = "recommendation.close"
    # reports (issue 7)
    STAT_REPORT_VIEW = "stat_report.view"
    STAT_REPORT_PREPARE = "stat_report.prepare"
    STAT_REPORT_REVIEW = "stat_report.review"
    STAT_REPORT_APPROVE = "stat_report.approve"
    # directives (issue 6)
    DIRECTIVE_VIEW = "directive.view"
    DIRECTIVE_REPORT = "directive.report"
    DIRECTIVE_MANAGE = "directive.manage"
    # privacy (issue 9)
    PRIVACY_VIEW = "privacy.view"
    PRIVACY_EDIT = "privacy.edit"
    PRIVACY_RESTRICT = "privacy.restrict"
    PRIVACY_SUBJECT_ACCESS = "privacy.subject_access"


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

# reports (issue 7): the commune prepares and submits; the level above reviews and approves;
# aggregate viewers read the reports (protected figures) of their area.
_REPORT_PREPARE = frozenset({Perm.STAT_REPORT_VIEW, Perm.STAT_REPORT_PREPARE})
_REPORT_RECEIVE = frozenset(
    {
        Perm.STAT_REPORT_VIEW,
        Perm.STAT_REPORT_PREPARE,
        Perm.STAT_REPORT_REVIEW,
        Perm.STAT_REPORT_APPROVE,
    }
)
ROLE_PERMS[Role.COMMUNE_WORKER] |= _REPORT_PREPARE
ROLE_PERMS[Role.COMMUNE_LEADER] |= _REPORT_PREPARE
ROLE_PERMS[Role.AREA_OFFICER] |= _REPORT_RECEIVE
ROLE_PERMS[Role.STATISTICS_VIEWER] |= {Perm.STAT_REPORT_VIEW}

# programmes (issue 6): communes and area officers record training, campaigns and steering
# boards; area officers (the inspecting level) plan inspections and issue recommendations;
# commune leaders and area officers close recommendations. Aggregate viewers get the figures
# through statistics, never the lists (participants are named).
_PROGRAMME_WORK = frozenset({Perm.PROGRAMME_VIEW, Perm.PROGRAMME_EDIT})
ROLE_PERMS[Role.COMMUNE_WORKER] |= _PROGRAMME_WORK
ROLE_PERMS[Role.COMMUNE_LEADER] |= _PROGRAMME_WORK | {Perm.RECOMMENDATION_CLOSE}
ROLE_PERMS[Role.AREA_OFFICER] |= _PROGRAMME_WORK | {
    Perm.INSPECTION_EDIT,
    Perm.RECOMMENDATION_CLOSE,
}

# directives (issue 6): agencies given a clause (People's Committees, police, schools, area
# offices) read the directive and report for their own agency; area officers register
# directives, assign clauses, follow the reporting board and print the consolidated report.
_DIRECTIVE_WORK = frozenset({Perm.DIRECTIVE_VIEW, Perm.DIRECTIVE_REPORT})
for _role in (Role.COMMUNE_WORKER, Role.COMMUNE_LEADER, Role.POLICE, Role.PARTNER_FOCAL):
    ROLE_PERMS[_role] |= _DIRECTIVE_WORK
ROLE_PERMS[Role.AREA_OFFICER] |= _DIRECTIVE_WORK | {Perm.DIRECTIVE_MANAGE}

# privacy (issue 9): the commune worker records consent and the legal basis per purpose; the
# commune chairman also restricts processing and answers subject-access requests.
_PRIVACY_WORK = frozenset({Perm.PRIVACY_VIEW, Perm.PRIVACY_EDIT})
ROLE_PERMS[Role.COMMUNE_WORKER] |= _PRIVACY_WORK
ROLE_PERMS[Role.COMMUNE_LEADER] |= _PRIVACY_WORK | {
    Perm.PRIVACY_RESTRICT,
    Perm.PRIVACY_SUBJECT_ACCESS,
}

# emergency (issue 9): staff who work on cases may open one outside their area for a few
# hours, read-only, after stating why (cpms/emergency).
for _role in (Role.COMMUNE_WORKER, Role.COMMUNE_LEADER, Role.AREA_OFFICER):
    ROLE_PERMS[_role] |= {Perm.EMERGENCY_ACCESS}

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
