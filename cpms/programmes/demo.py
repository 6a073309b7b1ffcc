"""A year (December 2025 – November 2026) of prevention work in the Quảng Ngãi demo communes:
training, awareness activities, a provincial inspection plan, steering boards (idempotent;
invented people and documents)."""

from __future__ import annotations

import datetime as dt
import decimal

from django.db import transaction
from django.utils import timezone

from cpms.accounts.models import User
from cpms.geography.demo import DemoGeography
from cpms.geography.models import AdminUnit

from .choices import ActivityKind, BoardPosition, ParticipantGroup, Sex
from .models import InspectionPlan, TrainingTopic
from .services.boards import (
    MemberData,
    board_create,
    decision_done,
    decision_record,
    meeting_record,
    member_add,
)
from .services.campaigns import ActivityData, activity_record
from .services.inspections import (
    InspectionData,
    RecommendationData,
    inspection_record,
    plan_create,
    recommendation_close,
    recommendation_issue,
)
from .services.training import (
    ParticipantData,
    SessionData,
    course_create,
    participant_add,
    session_create,
)

OFFICER = "soyte.quangngai"
PLAN_TITLE = "Kế hoạch kiểm tra công tác bảo vệ trẻ em, phòng, chống xâm hại trẻ em năm 2026"
STAFF = {  # commune → demo users trained there (present), in the order they are listed
    "Phường Nghĩa Lộ": ("canbo.nghialo", "ctv.nghialo"),
    "Xã An Phú": (),  # canbo.anphu is listed absent: the coverage page shows him untrained
}
PARENTS = ("Nguyễn Thị Hằng", "Trần Văn Sơn", "Phạm Thị Thu", "Lê Thị Kim")
TEACHERS = ("Võ Thị Ngọc Anh", "Đỗ Văn Tài")
CAMPAIGNS = [
    # (month, day, kind, title, 111, provincial hotline, audience)
    (
        12,
        10,
        ActivityKind.LOUDSPEAKER,
        "Phát thanh về Tổng đài quốc gia 111",
        True,
        True,
        {("residents", "male"): 300, ("residents", "female"): 320},
    ),
    (
        3,
        18,
        ActivityKind.SCHOOL_SESSION,
        "Kỹ năng tự bảo vệ cho học sinh tiểu học",
        True,
        False,
        {("children", "male"): 95, ("children", "female"): 88, ("teachers", "female"): 6},
    ),
    (
        6,
        1,
        ActivityKind.EVENT,
        "Mít tinh hưởng ứng Tháng hành động vì trẻ em",
        True,
        True,
        {
            ("children", "male"): 120,
            ("children", "female"): 130,
            ("parents", "female"): 60,
            ("officials", "male"): 15,
        },
    ),
    (
        6,
        15,
        ActivityKind.MEETING,
        "Họp dân về phòng, chống xâm hại tình dục trẻ em",
        False,
        True,
        {("parents", "male"): 35, ("parents", "female"): 48},
    ),
    (
        8,
        20,
        ActivityKind.LEAFLET,
        "Phát tờ rơi phòng, chống đuối nước",
        False,
        False,
        {("parents", "female"): 150, ("residents", "male"): 90},
    ),
    (
        10,
        5,
        ActivityKind.SOCIAL_MEDIA,
        "Chuỗi bài về an toàn trẻ em trên mạng",
        True,
        False,
        {("parents", "female"): 410, ("parents", "male"): 230},
    ),
]


def _day(year: int, month: int, day: int) -> dt.date:
    return min(dt.date(year, month, day), timezone.localdate())


def _year_of(month: int) -> int:
    return 2025 if month == 12 else 2026


def _training(officer: User, commune: AdminUnit, users: dict[str, User], index: int) -> None:
    topics = list(TrainingTopic.objects.order_by("order"))
    for n, (month, topic) in enumerate(((4, topics[1]), (9, topics[4 + index % 3]))):
        course = course_create(
            actor=officer,
            title=f"Tập huấn: {topic.name} ({commune.name})",
            topic=topic,
            unit=commune,
            organiser="Sở Y tế tỉnh Quảng Ngãi",
        )
        session = session_create(
            actor=officer,
            course=course,
            data=SessionData(
                date=_day(2026, month, 10 + index),
                hours=decimal.Decimal("4.0"),
                trainer="ThS. Trần Minh Quân",
                place=f"Hội trường UBND {commune.name.lower()}",
                unit=commune,
            ),
        )
        for username in STAFF.get(commune.name, ()):
            group = ParticipantGroup.COLLABORATOR if "ctv" in username else ParticipantGroup.WORKER
            data = ParticipantData(group=group, sex=Sex.FEMALE, user=users[username])
            participant_add(actor=officer, session=session, data=data)
        if commune.name == "Xã An Phú" and n == 0:
            absent = ParticipantData(
                group=ParticipantGroup.WORKER,
                sex=Sex.MALE,
                user=users["canbo.anphu"],
                present=False,
            )
            participant_add(actor=officer, session=session, data=absent)
        for i, name in enumerate(PARENTS if n == 0 else TEACHERS):
            group = ParticipantGroup.PARENT if n == 0 else ParticipantGroup.TEACHER
            sex = Sex.MALE if "Văn" in name else Sex.FEMALE
            data = ParticipantData(
                group=group,
                sex=sex,
                person_name=name,
                certificate_no=f"{commune.code}-{month:02d}-{i + 1:03d}",
                certificate_date=session.date,
            )
            participant_add(actor=officer, session=session, data=data)


def _campaigns(officer: User, commune: AdminUnit, villages: list[AdminUnit]) -> None:
    for i, (month, day, kind, title, p111, hotline, audience) in enumerate(CAMPAIGNS):
        unit = villages[i % len(villages)] if villages and kind == ActivityKind.MEETING else commune
        activity_record(
            actor=officer,
            data=ActivityData(
                kind=kind,
                title=title,
                date=_day(_year_of(month), month, day),
                unit=unit,
                place=unit.name,
                promoted_111=p111,
                promoted_provincial_hotline=hotline,
                audience=audience,
            ),
        )


def _inspections(officer: User, geo: DemoGeography, communes: list[AdminUnit]) -> None:
    plan = plan_create(
        actor=officer,
        year=2026,
        title=PLAN_TITLE,
        unit=geo.province,
        issuer="Sở Y tế tỉnh Quảng Ngãi",
    )
    for i, commune in enumerate(communes[:4]):
        inspection = inspection_record(
            actor=officer,
            plan=plan,
            data=InspectionData(
                unit=commune,
                inspected_body=f"UBND {commune.name.lower()}",
                date=_day(2026, 4 + i, 12),
                team="Trưởng đoàn: Đặng Thị Thu (Sở Y tế)\n"
                "Thành viên: đại diện Công an tỉnh, Sở Giáo dục và Đào tạo",
                findings="Đã bố trí người làm công tác trẻ em; sổ theo dõi trẻ em có hoàn cảnh "
                "đặc biệt chưa cập nhật đầy đủ; chưa tổ chức họp ban chỉ đạo quý I.",
            ),
        )
        first = recommendation_issue(
            actor=officer,
            inspection=inspection,
            data=RecommendationData(
                text="Cập nhật đầy đủ sổ theo dõi trẻ em có hoàn cảnh đặc biệt",
                owner_agency=f"UBND {commune.name.lower()}",
                owner_person="Công chức văn hóa - xã hội",
                deadline=inspection.date + dt.timedelta(days=60 if i == 1 else 300),
            ),
        )
        second = recommendation_issue(
            actor=officer,
            inspection=inspection,
            data=RecommendationData(
                text="Tổ chức họp ban chỉ đạo công tác trẻ em định kỳ hằng quý",
                owner_agency=f"UBND {commune.name.lower()}",
                deadline=inspection.date + dt.timedelta(days=30),
            ),
        )
        if i != 0:  # the first commune leaves its quarterly-meeting recommendation overdue
            closed_on = min(second.issued_on + dt.timedelta(days=25), timezone.localdate())
            recommendation_close(
                actor=officer,
                recommendation=second,
                closed_on=closed_on,
                note="Đã họp ban chỉ đạo, có biên bản kèm theo.",
                expected_version=1,
            )
        if i == 1:
            recommendation_close(
                actor=officer,
                recommendation=first,
                closed_on=min(first.issued_on + dt.timedelta(days=40), timezone.localdate()),
                note="Đã rà soát, cập nhật sổ theo dõi.",
                expected_version=1,
            )


def _board(officer: User, commune: AdminUnit, users: dict[str, User], index: int) -> None:
    board = board_create(
        actor=officer,
        commune=commune,
        name=f"Ban chỉ đạo công tác trẻ em {commune.name.lower()}",
        decision="Quyết định số 15/QĐ-UBND ngày 15/8/2025 về kiện toàn Ban chỉ đạo",
        established_on=dt.date(2025, 8, 15),
    )
    people = [
        (BoardPosition.HEAD, "Phó Chủ tịch UBND", "UBND"),
        (BoardPosition.DEPUTY, "Trưởng Công an", "Công an"),
        (BoardPosition.MEMBER, "Hiệu trưởng Trường Tiểu học", "Trường Tiểu học"),
        (BoardPosition.MEMBER, "Trạm trưởng Trạm Y tế", "Trạm Y tế"),
    ]
    for position, role, agency in people:
        member_add(
            actor=officer,
            board=board,
            data=MemberData(
                position=position,
                person_name=f"{role} {commune.name}",
                agency=f"{agency} {commune.name.lower()}",
                valid_from=dt.date(2025, 8, 15),
            ),
        )
    worker = users.get("canbo.nghialo") if commune.name == "Phường Nghĩa Lộ" else None
    if worker is not None:
        data = MemberData(position=BoardPosition.MEMBER, user=worker, agency="UBND phường")
        member_add(actor=officer, board=board, data=data)
    for month, text in ((1, "Rà soát trẻ em có nguy cơ"), (7, "Triển khai Tháng hành động")):
        meeting = meeting_record(
            actor=officer,
            board=board,
            date=_day(2026, month, 20),
            minutes=f"Họp ban chỉ đạo: đánh giá kết quả, thống nhất nhiệm vụ: {text.lower()}.",
        )
        decision = decision_record(
            actor=officer,
            meeting=meeting,
            text=f"{text} trên địa bàn",
            owner="Công chức văn hóa - xã hội",
            # One commune lets its July task run late: the task list flags it.
            due_on=meeting.date + dt.timedelta(days=45 if index == 0 or month == 1 else 150),
        )
        if month == 1:
            decision_done(
                actor=officer,
                decision=decision,
                done_on=meeting.date + dt.timedelta(days=30),
                note="Đã rà soát, lập danh sách.",
                expected_version=1,
            )


@transaction.atomic
def seed_demo_programmes(geo: DemoGeography) -> int:
    """Seed once: nothing is added when the demo plan already exists. Returns the number of
    communes seeded."""
    if InspectionPlan.objects.filter(title=PLAN_TITLE).exists():
        return 0
    officer = User.objects.get(username=OFFICER)
    usernames = {u for names in STAFF.values() for u in names} | {"canbo.anphu"}
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    communes = [geo.communes[name] for name in sorted(geo.villages)]
    for index, commune in enumerate(communes):
        _training(officer, commune, users, index)
        _campaigns(officer, commune, geo.villages[commune.name])
        _board(officer, commune, users, index)
    _inspections(officer, geo, communes)
    return len(communes)
