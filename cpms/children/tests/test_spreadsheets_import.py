from __future__ import annotations

import datetime as dt
import io

import pytest

from cpms.audit.models import AuditEvent, AuditLog
from cpms.children.choices import DatePrecision, LivingSituation, Relationship, Sex
from cpms.children.models import Child, FamilyLink, ImportRowIssue, JobStatus, SpreadsheetJob
from cpms.children.spreadsheets import importer
from cpms.children.spreadsheets.exporter import write_book
from cpms.children.spreadsheets.importer import import_cancel, import_upload
from cpms.children.spreadsheets.reader import BookReader, SheetError
from cpms.children.spreadsheets.validate import BookChecker
from cpms.children.tests.factories import make_child
from cpms.children.tests.test_spreadsheets_support import (
    as_upload,
    confirm_and_import,
    make_book,
    row,
    upload_and_check,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def issues_of(job):
    return [
        (i.row_number, i.severity, i.column, i.message)
        for i in ImportRowIssue.objects.filter(job=job)
    ]


def test_it_reports_each_bad_row_in_plain_vietnamese(world):
    make_child(world)  # Nguyễn Thị Lan, 14/03/2015, Tổ dân phố 1
    data = make_book(
        [
            row(full_name=None),  # 2
            row(birth_date="31/02/2015"),  # 3
            row(birth_date="03/14/2015"),  # 4
            row(village="Thôn Xa Lắc"),  # 5
            row(personal_id="123"),  # 6
            row(sex="X", birth_date=None),  # 7
            row(full_name="nguyen thi lan", birth_date="14/03/2015", sex="Nữ"),  # 8
            row(full_name="Lê Văn Bình", village="tdp 2"),  # 9
            row(full_name="LÊ VĂN BÌNH", village="Tổ dân phố 2"),  # 10
            row(full_name="Phạm Minh Châu", mother_birth_year="năm 88", mother_name="Vũ Thị Hà"),
        ]
    )
    job = upload_and_check(world, data)
    assert job.status == JobStatus.VALIDATED
    assert issues_of(job) == [
        (2, "error", "Họ và tên trẻ", "Thiếu họ và tên trẻ."),
        (
            3,
            "error",
            "Ngày sinh (ngày/tháng/năm)",
            "Ngày sinh «31/02/2015» không có thật (ngày hoặc tháng không đúng).",
        ),
        (
            4,
            "error",
            "Ngày sinh (ngày/tháng/năm)",
            "Ngày sinh «03/14/2015» không có thật; có lẽ đã ghi tháng trước ngày "
            "(nếu vậy, hãy ghi 14/03/2015).",
        ),
        (
            5,
            "error",
            "Thôn, tổ dân phố",
            "Không tìm thấy thôn, tổ dân phố «Thôn Xa Lắc» trong Phường An Hòa. "
            "Các thôn, tổ dân phố có trong hệ thống: Tổ dân phố 1, Tổ dân phố 2.",
        ),
        (6, "error", "Số định danh cá nhân", "Số định danh cá nhân phải gồm đúng 12 chữ số."),
        (7, "error", "Ngày sinh (ngày/tháng/năm)", "Thiếu ngày sinh."),
        (7, "error", "Giới tính (Nam/Nữ)", "Giới tính phải ghi «Nam» hoặc «Nữ» (đang ghi «X»)."),
        (
            8,
            "warning",
            "Họ và tên trẻ",
            "Trẻ này đã có trong sổ theo dõi của xã (cùng họ tên và ngày sinh); "
            "dòng này sẽ được bỏ qua.",
        ),
        (
            10,
            "warning",
            "Họ và tên trẻ",
            "Trùng với dòng 9 trong tệp (cùng họ tên và ngày sinh); dòng này sẽ được bỏ qua.",
        ),
        (
            11,
            "error",
            "Năm sinh của mẹ",
            "Năm sinh «năm 88» không hợp lệ; hãy ghi năm có 4 chữ số, ví dụ 1988.",
        ),
    ]
    assert (job.total_rows, job.error_rows, job.warning_rows) == (10, 7, 2)
    assert job.params["to_import"] == 1
    job = confirm_and_import(world, job)
    assert (job.status, job.created_rows, job.skipped_rows) == (JobStatus.DONE, 1, 9)
    created = Child.objects.get(full_name="Lê Văn Bình")
    assert created.village == world.village_a2


def test_it_imports_rows_with_parents_and_writes_one_audit_row_for_the_job(world):
    data = make_book(
        [
            row(
                personal_id="001216012345",
                village="Tổ dân phố 1",
                mother_name="Trần Thị Hoa",
                mother_birth_year=1988,
                father_name="Nguyễn Văn Nam",
                living_situation="sống với ông bà",
                out_of_school="x",
                birth_date="05/2016",
            )
        ]
    )
    job = upload_and_check(world, data)
    assert (
        AuditLog.objects.filter(
            event_type=AuditEvent.CREATE, subject_type="children.spreadsheetjob", subject_id=job.uid
        ).count()
        == 1
    )
    assert issues_of(job) == []
    confirm_and_import(world, job)
    child = Child.objects.get(personal_id="001216012345")
    assert (child.birth_date, child.birth_precision) == (dt.date(2016, 5, 1), DatePrecision.MONTH)
    assert child.living_situation == LivingSituation.GRANDPARENTS
    assert child.out_of_school is True
    assert child.created_by == world.personas["worker"]
    assert child.mother_key == "tran thi hoa"
    parents = {
        (link.relationship, link.person.full_name, link.person.birth_year)
        for link in FamilyLink.objects.filter(child=child).select_related("person")
    }
    assert parents == {
        (Relationship.MOTHER, "Trần Thị Hoa", 1988),
        (Relationship.FATHER, "Nguyễn Văn Nam", None),
    }


def test_it_adds_nothing_when_the_same_file_comes_twice(world):
    rows = [row(full_name=f"Trần Văn An {i}") for i in ("Một", "Hai", "Ba")]
    data = make_book(rows)
    confirm_and_import(world, upload_and_check(world, data))
    assert Child.objects.count() == 3
    with pytest.raises(SheetError) as caught:
        import_upload(
            actor=world.personas["leader"], upload=as_upload(data), commune=world.commune_a
        )
    assert caught.value.message.startswith("Tệp này đã được nhập cho Phường An Hòa ngày ")
    assert caught.value.message.endswith("(người nhập: Worker). Hệ thống không nhập lại.")
    # The same rows in another file (one row added) add only the new child.
    again = upload_and_check(world, make_book([*rows, row(full_name="Trần Văn An Bốn")]))
    assert (again.params["to_import"], again.params["duplicates"]) == (1, 3)
    again = confirm_and_import(world, again)
    assert (again.created_rows, again.skipped_rows) == (1, 3)
    assert Child.objects.count() == 4


def test_it_resumes_an_interrupted_import_without_creating_twice(world):
    data = make_book([row(full_name=f"Lê Thị Hồng {n}") for n in range(5)])
    job = upload_and_check(world, data)
    importer.import_confirm(actor=world.personas["worker"], job=job)
    job.refresh_from_db()
    checker = BookChecker(commune=world.commune_a, viewer=job.created_by, importing=True)
    with job.file.open("rb") as file, BookReader(file) as book:
        first_two = checker.check(list(book.rows())[:2])
    importer._import_batch(job, first_two, set())  # the worker died after this batch
    importer.import_file(job_id=job.pk)
    job = SpreadsheetJob.objects.get(pk=job.pk)
    assert (job.status, job.created_rows, job.skipped_rows) == (JobStatus.DONE, 5, 0)
    assert Child.objects.count() == 5


def test_it_reads_back_an_export_of_imported_rows_with_the_same_values(world):
    rows = [
        row(
            full_name="Hoàng Thị Mai",
            birth_date=dt.date(2014, 11, 30),
            sex="Nữ",
            ethnicity="Tày",
            personal_id="001314012345",
            birth_certificate_no="123/2014",
            village="Tổ dân phố 2",
            address="Số 5, ngõ 3",
            mother_name="Đỗ Thị Lý",
            mother_birth_year=1990,
            father_name="Hoàng Văn Tú",
            father_birth_year=1987,
            school="Trường Tiểu học An Hòa",
            school_class="5A",
            disability="Khiếm thính",
            living_situation="Sống với cha hoặc mẹ",
            parents_marital="Cha mẹ ly hôn",
            notes="- cần theo dõi; @mẹ đi làm xa",
        ),
        row(full_name="Vũ Đức Anh", birth_date="2017", out_of_school="x"),
        row(full_name="Ngô Bảo Châu", birth_date="07/2018", sex="Nữ"),
    ]
    original = make_book(rows)
    confirm_and_import(world, upload_and_check(world, original))
    exported = io.BytesIO()
    children = Child.objects.select_related("commune", "village").order_by("pk")
    write_book(exported, iter(children), job=None)

    def parsed(data: bytes):
        checker = BookChecker(commune=world.commune_a, viewer=world.personas["worker"])
        with BookReader(io.BytesIO(data)) as book:
            result = []
            for r in book.rows():
                checked = checker.check_row(r)
                assert checked.issues == []
                result.append((vars(checked.data), checked.mother, checked.father))
            return result

    assert parsed(exported.getvalue()) == parsed(original)


def test_it_cancels_a_checked_file_and_deletes_it(world, django_capture_on_commit_callbacks):
    job = upload_and_check(world, make_book([row()]))
    name = job.file.name
    storage = job.file.storage
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        import_cancel(actor=world.personas["worker"], job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert not storage.exists(name)


def test_it_imports_two_thousand_rows(world):
    start = dt.date(2012, 1, 1)
    rows = [
        {
            "full_name": f"Nguyễn Văn {i}",
            "birth_date": (start + dt.timedelta(days=i)).strftime("%d/%m/%Y"),
            "sex": "Nam" if i % 2 else "Nữ",
            "village": "Tổ dân phố 1" if i % 3 else "Tổ dân phố 2",
            "mother_name": f"Trần Thị {i}",
        }
        for i in range(2_000)
    ]
    job = confirm_and_import(world, upload_and_check(world, make_book(rows)))
    assert (job.status, job.created_rows, job.processed_rows) == (JobStatus.DONE, 2_000, 2_000)
    assert Child.objects.filter(commune=world.commune_a, sex=Sex.MALE).count() == 1_000


def test_it_refuses_a_parent_name_the_registry_would_refuse(world):
    job = upload_and_check(world, make_book([row(mother_name="Trần Thị " + "Hoa " * 60)]))
    ((number, severity, column, message),) = issues_of(job)
    assert (number, severity, column) == (2, "error", "Họ và tên mẹ")
    assert "200" in message  # the field's max_length, in the registry's own message
    assert job.params["to_import"] == 0
