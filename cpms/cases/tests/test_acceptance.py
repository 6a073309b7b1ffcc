"""Issue 4 acceptance: a hotline report walked to closure over the Tết 2027 break, with the
legal clocks computed on the holiday calendar and every reminder and escalation sent exactly
once while two workers sweep at the same time (real PostgreSQL, two connections)."""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse

from cpms.accounts.models import User
from cpms.cases.alerts import deadline_sweep
from cpms.cases.choices import AlertKind, CaseState
from cpms.cases.models import Case, CaseDeadline, DeadlineAlert
from cpms.intake.models import Report
from cpms.workdays.calendar import is_working_day

VN = ZoneInfo("Asia/Ho_Chi_Minh")
END_OF_DAY = dt.time(23, 59, 59, 999999)


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, minute, tzinfo=VN)


def end_of(month: int, day: int) -> dt.datetime:
    return dt.datetime.combine(dt.date(2027, month, day), END_OF_DAY, tzinfo=VN)


def sweep_concurrently() -> list[int]:
    """Two workers (threads, each with its own database connection) sweep at the same moment."""
    barrier = threading.Barrier(2)
    sent: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            sent.append(deadline_sweep())
        except BaseException as exc:  # reported below: a thread must not swallow a failure
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return sent


def due(case: Case, rule: str, *, open_only: bool = True) -> dt.datetime:
    rows = CaseDeadline.objects.filter(case=case, rule__code=rule)
    if open_only:
        rows = rows.filter(met_at=None, cancelled_at=None)
    return rows.get().due_at


def post_step(client, case: Case, code: str, data: dict[str, str]) -> int:
    case.refresh_from_db()
    url = reverse("cases:step", args=[case.uid, code])
    return int(client.post(url, {"version": case.version, **data}).status_code)


def emails_of(alert: DeadlineAlert) -> set[str]:
    return {r["email"] for r in alert.recipients}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_hotline_report_walks_to_closure_over_tet(world, client_for):
    for name in ("worker", "leader", "officer", "outsider"):
        User.objects.filter(pk=world.personas[name].pk).update(email=f"{name}@example.vn")
    traveller = time_machine.travel(at(2, 3, 8, 40), tick=False)
    clock = traveller.start()
    # Sessions expire after 30 idle minutes: sign in again at each (travelled) moment.
    hotline, worker, leader = (Persona(client_for, n) for n in ("hotline", "worker", "leader"))
    try:
        # 1. The provincial hotline logs a call on the last working day before Tết.
        response = hotline.post(
            reverse("intake:create"),
            {
                "channel": "provincial_hotline",
                "received_at": "03/02/2027 08:30",
                "commune": world.commune_a.pk,
                "setting": "family",
                "description": "Trẻ bị cha đánh, đang ở nhà hàng xóm.",
                "immediate_danger": "on",
                "reporter_relation": "neighbour",
                "reporter_name": "Võ Thị Mai",
                "idempotency_key": "9b7a4f0e-55a4-4c38-a1f3-0f1a4b1e2c3d",
                "child-full_name": "Đặng Văn Tí",
                "child-age_estimate": "8",
                "child-sex": "male",
            },
        )
        assert response.status_code == 302
        report = Report.objects.get()
        row = report.children.get()

        # 2. The commune worker adds the child to the registry and opens a case.
        match = reverse("intake:child-match", args=[report.uid, row.uid])
        assert (
            worker.post(
                match,
                {
                    "action": "register",
                    "version": report.version,
                    "reg-full_name": "Đặng Văn Tí",
                    "reg-birth_date": "01/01/2019",
                    "reg-birth_precision": "year",
                    "reg-sex": "male",
                    "reg-commune": world.commune_a.pk,
                    "reg-village": world.village_a1.pk,
                    "reg-living_situation": "both_parents",
                    "reg-parents_marital": "unknown",
                },
            ).status_code
            == 302
        )
        report.refresh_from_db()
        triage = reverse("cases:triage", args=[report.uid])
        assert (
            worker.post(
                triage, {"version": report.version, f"outcome_{row.uid}": "case_opened"}
            ).status_code
            == 302
        )
        case = Case.objects.get()
        assert case.emergency and case.received_at == at(2, 3, 8, 30)

        # Clocks: 12 hours from receipt; 5 working days over the Tết break (04–10/02 off).
        assert due(case, "initial_assessment") == at(2, 3, 20, 30)
        assert due(case, "emergency_action") == at(2, 3, 20, 30)
        assert [d for d in range(4, 11) if is_working_day(dt.date(2027, 2, d))] == []
        assert due(case, "plan_draft") == end_of(2, 17)

        # 3. Initial assessment (Mẫu 02), then the chairman separates the child (Mẫu 07).
        clock.move_to(at(2, 3, 10))
        assert (
            post_step(
                worker,
                case,
                "initial_assess",
                {
                    "assessed_at": "03/02/2027 10:00",
                    "overall_risk": "high",
                    "emergency_needed": "on",
                    "risk_harm_severity": "high",
                    "risk_abuser_access": "high",
                },
            )
            == 302
        )
        clock.move_to(at(2, 3, 15))
        separation = {
            "decision_number": "01/QĐ-UBND",
            "decided_at": "03/02/2027 15:00",
            "separated_from": "Đặng Văn Ba (cha)",
            "reason": "Cha là người gây tổn hại",
            "place": "Nhà bà ngoại, tổ dân phố 2",
            "caregiver": "Lê Thị Hoa (bà ngoại)",
            "starts_at": "03/02/2027 15:00",
        }
        assert (
            post_step(worker, case, "separate", {**separation, "ends_at": "10/02/2027 15:00"})
            == 403
        )
        too_long = post_step(
            leader, case, "separate", {**separation, "ends_at": "20/02/2027 15:00"}
        )
        assert too_long == 200  # re-rendered with the 15-day error, nothing saved
        assert (
            post_step(leader, case, "separate", {**separation, "ends_at": "10/02/2027 15:00"})
            == 302
        )
        case.refresh_from_db()
        assert case.state == CaseState.TEMPORARY_SEPARATION
        emergency = CaseDeadline.objects.get(case=case, rule__code="emergency_action")
        assert emergency.met_at == at(2, 3, 15)
        assert due(case, "separation_expiry") == at(2, 10, 15)

        # 4. Needs meeting during the break.
        clock.move_to(at(2, 5, 9))
        needs = {
            "assessed_on": "05/02/2027",
            "overall_risk": "medium",
            "protection_level": "intervention",
            "needs": "Tư vấn tâm lý, khám sức khỏe",
            "meeting_date": "05/02/2027",
            "meeting_chair": "Chủ tịch UBND phường",
        }
        assert post_step(worker, case, "needs_assess", needs) == 302

        # 5. Two workers sweep: the separation reminder (48 h before expiry) goes out once.
        clock.move_to(at(2, 8, 16))
        assert sorted(sweep_concurrently()) == [0, 1]
        # One e-mail per recipient (cpms.notifications), none with the child's name.
        assert sorted(m.to[0] for m in mail.outbox) == ["leader@example.vn", "worker@example.vn"]
        assert not any("Đặng Văn Tí" in f"{m.subject} {m.body}" for m in mail.outbox)
        reminder = DeadlineAlert.objects.get()
        assert reminder.kind == AlertKind.REMINDER
        assert emails_of(reminder) == {"worker@example.vn", "leader@example.vn"}

        # 6. The chairman extends the separation to 14 days in total (16 would be refused).
        clock.move_to(at(2, 9, 10))
        sep = case_separation(case)
        extend = reverse("cases:separation", args=[case.uid, sep.uid, "extend"])
        case.refresh_from_db()
        refused = leader.post(
            extend,
            {
                "version": case.version,
                "new_ends_at": "19/02/2027 15:00",
                "decision_number": "02/QĐ-UBND",
                "reason": "Gia đình chưa bảo đảm an toàn",
            },
        )
        assert refused.status_code == 200
        ok = leader.post(
            extend,
            {
                "version": case.version,
                "new_ends_at": "17/02/2027 15:00",
                "decision_number": "02/QĐ-UBND",
                "reason": "Gia đình chưa bảo đảm an toàn",
            },
        )
        assert ok.status_code == 302
        assert due(case, "separation_expiry") == at(2, 17, 15)

        # 7. Plan drafted on the second working day after Tết; approval is 2 working days.
        clock.move_to(at(2, 12, 10))
        plan = {
            "objectives": "Bảo đảm an toàn, phục hồi tâm lý",
            "measures": "Tư vấn tâm lý – Trạm y tế – hằng tuần",
            "starts_on": "15/02/2027",
            "ends_on": "15/03/2027",
        }
        assert post_step(worker, case, "draft_plan", plan) == 302
        draft = CaseDeadline.objects.get(case=case, rule__code="plan_draft")
        assert draft.met_at == at(2, 12, 10) <= draft.due_at
        assert due(case, "plan_approval") == end_of(2, 16)  # Fri 12 → Mon 15, Tue 16

        # 8. Approval is late: two workers sweep twice; the escalation (to the chairman and
        # the area officer) and the new separation reminder go out once each.
        clock.move_to(at(2, 17, 9))
        assert sorted(sweep_concurrently()) in ([0, 2], [1, 1])
        assert sweep_concurrently() == [0, 0]
        assert len(mail.outbox) == 7  # the escalation to 3 people, the reminder to 2
        escalation = DeadlineAlert.objects.get(kind=AlertKind.ESCALATION)
        assert escalation.deadline.rule.code == "plan_approval"
        assert emails_of(escalation) == {
            "worker@example.vn",
            "leader@example.vn",
            "officer@example.vn",
        }
        assert DeadlineAlert.objects.filter(kind=AlertKind.REMINDER).count() == 2
        overdue = leader.get(reverse("cases:my-work")).content.decode()
        assert "Phê duyệt kế hoạch (Mẫu 05)" in overdue and "Quá hạn" in overdue

        # 9. Approval (Mẫu 05), separation ended, plan carried out.
        clock.move_to(at(2, 17, 10))
        approval = {"decision_number": "05/QĐ-UBND", "decision_date": "17/02/2027"}
        assert post_step(worker, case, "approve_plan", approval) == 403
        assert post_step(leader, case, "approve_plan", approval) == 302
        assert due(case, "plan_review") == end_of(3, 15)
        clock.move_to(at(2, 17, 11))
        end = reverse("cases:separation", args=[case.uid, sep.uid, "end"])
        case.refresh_from_db()
        assert (
            leader.post(end, {"version": case.version, "reason": "Cha cam kết"}).status_code == 302
        )
        assert post_step(worker, case, "start_plan", {"note": "Bắt đầu"}) == 302

        # 10. Review (Mẫu 06) and closure by the chairman.
        clock.move_to(at(3, 15, 9))
        review = {"reviewed_on": "15/03/2027", "proposal": "close", "risk_harm_severity": "low"}
        assert post_step(worker, case, "review", review) == 302
        assert post_step(worker, case, "close", {"reason": "Trẻ đã an toàn"}) == 403
        assert post_step(leader, case, "close", {"reason": "Trẻ đã an toàn"}) == 302
        case.refresh_from_db()
        assert case.state == CaseState.CLOSED
        assert not CaseDeadline.objects.filter(case=case, met_at=None, cancelled_at=None).exists()
        assert sweep_concurrently() == [0, 0]
        assert len(mail.outbox) == 7
        steps = list(
            case.timeline.filter(kind="transition")
            .order_by("at", "pk")
            .values_list("transition", flat=True)
        )
        assert steps == [
            "initial_assess",
            "separate",
            "needs_assess",
            "draft_plan",
            "approve_plan",
            "start_plan",
            "review",
            "close",
        ]
        statuses = dict(
            CaseDeadline.objects.filter(case=case, cancelled_at=None).values_list(
                "rule__code", "met_at"
            )
        )
        late = CaseDeadline.objects.get(case=case, rule__code="plan_approval")
        assert late.met_at is not None
        assert late.met_at > late.due_at and set(statuses) >= {"plan_draft", "plan_review"}
    finally:
        traveller.stop()


class Persona:
    """A persona's test client, signed in afresh for every request."""

    def __init__(self, client_for, name: str) -> None:
        self.client_for, self.name = client_for, name

    def get(self, *args, **kwargs):
        return self.client_for(self.name).get(*args, **kwargs)

    def post(self, *args, **kwargs):
        return self.client_for(self.name).post(*args, **kwargs)


def case_separation(case: Case):
    from cpms.cases.models import SeparationDecision

    return SeparationDecision.objects.get(case=case)
