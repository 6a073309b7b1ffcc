"""Programme records for tests, built through the services as the officer (whose area is the
whole province) unless a persona is named."""

from __future__ import annotations

import datetime as dt
import decimal

from cpms.accounts.models import User
from cpms.geography.models import AdminUnit
from cpms.programmes.choices import ActivityKind, ParticipantGroup, Sex
from cpms.programmes.models import (
    BoardDecision,
    BoardMeeting,
    BoardMember,
    CampaignActivity,
    Inspection,
    InspectionPlan,
    Participation,
    Recommendation,
    SteeringBoard,
    TrainingCourse,
    TrainingSession,
    TrainingTopic,
)
from cpms.programmes.services.boards import (
    MemberData,
    board_create,
    decision_record,
    meeting_record,
    member_add,
)
from cpms.programmes.services.campaigns import ActivityData, activity_record
from cpms.programmes.services.inspections import (
    InspectionData,
    RecommendationData,
    inspection_record,
    plan_create,
    recommendation_issue,
)
from cpms.programmes.services.training import (
    ParticipantData,
    SessionData,
    course_create,
    participant_add,
    session_create,
)
from cpms.testing import World

DAY = dt.date(2026, 3, 10)


def actor(world: World, persona: str = "officer") -> User:
    return world.personas[persona]


def make_course(world: World, *, unit: AdminUnit | None = None) -> TrainingCourse:
    return course_create(
        actor=actor(world),
        title="Tập huấn nhận diện xâm hại trẻ em",
        topic=TrainingTopic.objects.get(code="recognise_report_abuse"),
        unit=unit or world.province,
        organiser="Sở Y tế",
    )


def make_session(
    world: World,
    *,
    unit: AdminUnit | None = None,
    date: dt.date = DAY,
    course: TrainingCourse | None = None,
) -> TrainingSession:
    return session_create(
        actor=actor(world),
        course=course or make_course(world),
        data=SessionData(
            date=date,
            hours=decimal.Decimal("4.0"),
            trainer="ThS. Nguyễn Văn Huấn",
            place="Hội trường UBND phường",
            unit=unit or world.commune_a,
        ),
    )


def attend(
    world: World,
    session: TrainingSession,
    *,
    user: User | None = None,
    name: str = "",
    present: bool = True,
    group: str = ParticipantGroup.WORKER,
) -> Participation:
    return participant_add(
        actor=actor(world),
        session=session,
        data=ParticipantData(
            group=group, sex=Sex.FEMALE, user=user, person_name=name, present=present
        ),
    )


def make_activity(
    world: World,
    *,
    unit: AdminUnit | None = None,
    date: dt.date = DAY,
    audience: dict[tuple[str, str], int] | None = None,
    promoted_111: bool = False,
    persona: str = "officer",
) -> CampaignActivity:
    return activity_record(
        actor=actor(world, persona),
        data=ActivityData(
            kind=ActivityKind.LOUDSPEAKER,
            title="Phát thanh về Tổng đài 111",
            date=date,
            unit=unit or world.commune_a,
            audience=audience if audience is not None else {("residents", "male"): 10},
            promoted_111=promoted_111,
        ),
    )


def make_plan(world: World, *, year: int = 2026) -> InspectionPlan:
    return plan_create(
        actor=actor(world),
        year=year,
        title="Kế hoạch kiểm tra công tác trẻ em",
        unit=world.province,
        issuer="Sở Y tế",
    )


def make_inspection(
    world: World,
    *,
    plan: InspectionPlan | None = None,
    unit: AdminUnit | None = None,
    date: dt.date = DAY,
) -> Inspection:
    return inspection_record(
        actor=actor(world),
        plan=plan or make_plan(world, year=date.year),
        data=InspectionData(
            unit=unit or world.commune_a,
            inspected_body="UBND phường An Hòa",
            date=date,
            team="Trưởng đoàn: Nguyễn Văn A",
            findings="Chưa lập sổ theo dõi trẻ em có hoàn cảnh đặc biệt.",
        ),
    )


def make_recommendation(
    world: World, *, inspection: Inspection | None = None, deadline: dt.date | None = None
) -> Recommendation:
    inspection = inspection or make_inspection(world)
    return recommendation_issue(
        actor=actor(world),
        inspection=inspection,
        data=RecommendationData(
            text="Lập sổ theo dõi trẻ em có hoàn cảnh đặc biệt",
            owner_agency="UBND phường An Hòa",
            deadline=deadline or inspection.date + dt.timedelta(days=30),
        ),
    )


def make_board(world: World, *, commune: AdminUnit | None = None) -> SteeringBoard:
    return board_create(
        actor=actor(world),
        commune=commune or world.commune_a,
        name="Ban chỉ đạo công tác trẻ em phường An Hòa",
        decision="Quyết định số 12/QĐ-UBND ngày 05/01/2026",
    )


def make_member(world: World, *, board: SteeringBoard | None = None) -> BoardMember:
    return member_add(
        actor=actor(world),
        board=board or make_board(world),
        data=MemberData(
            position="member", person_name="Trần Thị Lan", valid_from=dt.date(2026, 1, 5)
        ),
    )


def make_meeting(
    world: World, *, board: SteeringBoard | None = None, date: dt.date = DAY
) -> BoardMeeting:
    return meeting_record(
        actor=actor(world),
        board=board or make_board(world),
        date=date,
        minutes="Đánh giá công tác quý I.",
    )


def make_decision(
    world: World, *, meeting: BoardMeeting | None = None, due_on: dt.date | None = None
) -> BoardDecision:
    meeting = meeting or make_meeting(world)
    return decision_record(
        actor=actor(world),
        meeting=meeting,
        text="Rà soát trẻ em có nguy cơ",
        owner="Công chức văn hóa - xã hội",
        due_on=due_on or meeting.date + dt.timedelta(days=30),
    )
