"""Referrals for the Quảng Ngãi demo (idempotent): the separated child referred to the ward
police, who have taken and accepted it; the child out of school referred to the school; and
a health-station referral sent as a letter (the station has no users)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cpms.accounts.models import Agency, User
from cpms.cases.choices import CaseState
from cpms.cases.models import Case

from .assignment import referral_take
from .choices import ReferralKind, SharingBasis
from .models import Referral
from .services import referral_send, referral_step


def _send(worker: User, case: Case, agency: Agency, kind: str, service: str, days: int) -> Referral:
    return referral_send(
        actor=worker,
        case=case,
        agency=agency,
        kind=kind,
        service=service,
        due_on=timezone.localdate() + dt.timedelta(days=days),
        sharing_basis=SharingBasis.STATE_DUTY,
        sharing_note="Luật Trẻ em 2016 Điều 51; Nghị định 56/2017",
    )


@transaction.atomic
def seed_demo_referrals() -> int:
    if Referral.objects.exists():
        return 0
    worker = User.objects.get(username="canbo.nghialo")
    police_user = User.objects.get(username="congan.nghialo")
    cases = list(Case.objects.filter(commune__name="Phường Nghĩa Lộ").order_by("received_at"))
    separated = next((c for c in cases if c.state == CaseState.PLAN_DRAFTED), None)
    ongoing = next((c for c in cases if c.state == CaseState.IN_PROGRESS), None)
    if separated is None or ongoing is None:
        return 0
    police = Agency.objects.get(name="Công an phường Nghĩa Lộ")
    referral = _send(
        worker,
        separated,
        police,
        ReferralKind.INVESTIGATION,
        "Xác minh hành vi bạo lực của cha đối với trẻ; xử lý theo thẩm quyền.",
        5,
    )
    referral = referral_take(actor=police_user, referral=referral, expected_version=1)
    referral_step(actor=police_user, referral=referral, code="accept", expected_version=2)
    _send(
        worker,
        ongoing,
        Agency.objects.get(name="Trường THCS Nghĩa Lộ"),
        ReferralKind.EDUCATION,
        "Bố trí cho trẻ đi học lại, phụ đạo các môn bị chậm.",
        10,
    )
    _send(
        worker,
        separated,
        Agency.objects.get(name="Trạm Y tế phường Nghĩa Lộ"),
        ReferralKind.MEDICAL_CARE,
        "Khám sức khỏe, điều trị vết thương và theo dõi định kỳ.",
        3,
    )
    return 3
