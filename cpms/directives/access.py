"""Who reaches a directive, and the one way views fetch a directive or an assignment.

A user reaches a directive through any active membership:
- in its lead office (the agency that follows it up): everything;
- in an agency given one of its clauses: the directive and that agency's own reports;
- with area scope covering the issuing unit (everything) or an assigned agency's unit.
Out of reach → 404; reached but the role lacks the permission → 403; refusals are audited.
Directives and figures hold no personal data about children; reports name the agencies only.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpRequest

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm, ScopeKind
from cpms.accounts.scope import AnyUser, Grant, user_grants

from .models import ClauseAssignment, Directive

SUBJECT = "directives.directive"
ASSIGNMENT_SUBJECT = "directives.assignment"


@dataclass(frozen=True)
class Target:
    """What reach is decided on: an assignment's agency and its unit path."""

    agency_id: int
    unit_path: str


@dataclass(frozen=True)
class Reach:
    perms: frozenset[Perm]  # held through the memberships that reach the directive
    manage_full: bool  # manages it as its lead office or over the issuing unit
    manage_grants: tuple[Grant, ...]  # memberships with directive.manage that reach it
    own_agencies: frozenset[int]  # agencies the user reads the reports of
    filing_agencies: frozenset[int]  # agencies the user reports for

    def on_board(self, target: Target | ClauseAssignment) -> bool:
        """Whether the user follows this assignment on the reporting board."""
        if self.manage_full:
            return True
        return any(
            g.agency_id == target.agency_id
            or (g.scope == ScopeKind.AREA and g.covers(target.unit_path))
            for g in self.manage_grants
        )

    def can_read(self, target: Target | ClauseAssignment) -> bool:
        return target.agency_id in self.own_agencies or self.on_board(target)

    def can_file(self, target: Target | ClauseAssignment) -> bool:
        return target.agency_id in self.filing_agencies


def directive_reach(user: AnyUser, directive: Directive, targets: Sequence[Target]) -> Reach | None:
    """The user's reach over a directive given its active assignments; None when none."""
    agencies = {t.agency_id for t in targets}
    perms: set[Perm] = set()
    manage: list[Grant] = []
    full = reached = False
    for grant in user_grants(user):
        area = grant.scope == ScopeKind.AREA
        whole = grant.agency_id == directive.lead_agency_id or (
            area and grant.covers(directive.unit_path)
        )
        part = grant.agency_id in agencies or (
            area and any(grant.covers(t.unit_path) for t in targets)
        )
        if not (whole or part):
            continue
        reached = True
        perms |= grant.perms
        if Perm.DIRECTIVE_MANAGE in grant.perms:
            manage.append(grant)
            full = full or whole
    if not reached:
        return None
    grants = user_grants(user)
    return Reach(
        perms=frozenset(perms),
        manage_full=full,
        manage_grants=tuple(manage),
        own_agencies=frozenset(g.agency_id for g in grants if Perm.DIRECTIVE_VIEW in g.perms),
        filing_agencies=frozenset(g.agency_id for g in grants if Perm.DIRECTIVE_REPORT in g.perms),
    )


def directive_targets(directive: Directive) -> list[Target]:
    rows = ClauseAssignment.objects.filter(clause__directive=directive, active=True)
    pairs = rows.order_by().values_list("agency_id", "unit_path").distinct()
    return [Target(agency, path) for agency, path in pairs]


def access_directive(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.DIRECTIVE_VIEW
) -> tuple[Directive, Reach]:
    directive = (
        Directive.objects.select_related("lead_agency", "issuer_agency", "issuing_unit")
        .filter(uid=uid)
        .first()
    )
    reach = None
    if directive is not None:
        reach = directive_reach(request.user, directive, directive_targets(directive))
    if reach is None:
        refuse(request, found=False, subject_type=SUBJECT, subject_id=uid, need=need)
    if need not in reach.perms or (
        need == Perm.DIRECTIVE_MANAGE and not (reach.manage_full or reach.manage_grants)
    ):
        refuse(request, found=True, subject_type=SUBJECT, subject_id=uid, need=need)
    assert directive is not None
    return directive, reach


def access_assignment(
    request: HttpRequest, uid: uuid.UUID, *, file: bool = False
) -> tuple[ClauseAssignment, Reach]:
    """An assignment for reading its reports (its own agency or the board), or for filing
    (`file`: a member of the assigned agency with directive.report)."""
    need = Perm.DIRECTIVE_REPORT if file else Perm.DIRECTIVE_VIEW
    assignment = (
        ClauseAssignment.objects.select_related(
            "clause", "clause__directive", "agency", "agency__admin_unit"
        )
        .filter(uid=uid)
        .first()
    )
    reach = None
    if assignment is not None:
        directive = assignment.clause.directive
        reach = directive_reach(request.user, directive, directive_targets(directive))
    if reach is None:
        refuse(request, found=False, subject_type=ASSIGNMENT_SUBJECT, subject_id=uid, need=need)
    assert assignment is not None
    allowed = reach.can_file(assignment) if file else reach.can_read(assignment)
    if not allowed:
        refuse(request, found=True, subject_type=ASSIGNMENT_SUBJECT, subject_id=uid, need=need)
    return assignment, reach
