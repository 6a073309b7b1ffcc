"""Legal bases for the demo cases' children (idempotent): case management and sharing rest
on the state's duty; the registry record on the same duty."""

from __future__ import annotations

from django.db import transaction

from cpms.accounts.models import User
from cpms.cases.models import Case

from .choices import BasisKind
from .models import ProcessingBasis, ProcessingPurpose
from .services import BasisData, processing_basis_record

BASES = {
    "registry": "Luật Trẻ em 2016, Điều 48 (theo dõi trẻ em có nguy cơ)",
    "case_management": "Nghị định 56/2017/NĐ-CP, Chương III (hỗ trợ, can thiệp)",
    "referral": "Luật Trẻ em 2016, Điều 51; Nghị định 56/2017/NĐ-CP, Điều 33",
}


@transaction.atomic
def seed_demo_privacy() -> int:
    actor = User.objects.get(username="canbo.nghialo")
    added = 0
    for case in Case.objects.select_related("child"):
        for code, reference in BASES.items():
            purpose = ProcessingPurpose.objects.get(code=code)
            if ProcessingBasis.objects.filter(child=case.child, purpose=purpose).exists():
                continue
            data = BasisData(purpose=purpose, kind=BasisKind.STATE_DUTY, legal_reference=reference)
            processing_basis_record(actor=actor, child=case.child, data=data)
            added += 1
    return added
