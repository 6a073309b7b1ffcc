"""The breach drill: everything one account read, exported or tried to reach in a window.

Answered from the audit log alone through its (actor, event_time) index; subjects are
(type, id) strings, so records are named through the app registry (`app_label.model` and
the model's `uid`), never by importing a domain app.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Max, Min, Model
from django.utils import timezone

from .models import AuditEvent, AuditLog

CHILD = "children.child"
CASE = "cases.case"
REPORT = "intake.report"
REFUSED = (AuditEvent.DENIED, AuditEvent.OUT_OF_SCOPE)
WRITES = (AuditEvent.CREATE, AuditEvent.UPDATE, AuditEvent.ARCHIVE)


@dataclass
class Entry:
    subject_type: str
    subject_id: str
    label: str = ""
    count: int = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class BreachReport:
    username: str
    start: dt.date
    end: dt.date
    children: list[Entry] = field(default_factory=list)
    cases: list[Entry] = field(default_factory=list)
    reports: list[Entry] = field(default_factory=list)
    other_reads: list[Entry] = field(default_factory=list)
    changes: list[Entry] = field(default_factory=list)
    exports: list[Entry] = field(default_factory=list)
    refused: list[Entry] = field(default_factory=list)


def window(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of `start` to the end of `end`, both local days, as aware datetimes."""
    zone = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    return begin, dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)


def _model(subject_type: str) -> type[Model] | None:
    try:
        model = apps.get_model(subject_type)
        model._meta.get_field("uid")
    except (LookupError, ValueError, FieldDoesNotExist):
        return None
    return model


def _objects(subject_type: str, ids: list[str]) -> dict[str, Model]:
    """The records of one type by uid, in one query (with their child, if they have one)."""
    model = _model(subject_type)
    uids = []
    for value in ids:
        try:
            uids.append(uuid.UUID(value))
        except ValueError:
            continue
    if model is None or not uids:
        return {}
    rows = model._default_manager.filter(uid__in=uids)
    if any(f.name == "child" and f.is_relation for f in model._meta.get_fields()):
        rows = rows.select_related("child")
    return {str(getattr(row, "uid", "")): row for row in rows}


def _label(obj: Model | None) -> str:
    if obj is None:
        return ""
    return str(getattr(obj, "full_name", "") or obj)


def breach_report(*, username: str, start: dt.date, end: dt.date) -> BreachReport:
    """Group the account's audit rows in the window: children (read directly or through a
    case they are the subject of), cases, reports, other records read, records changed,
    each export with its row count, and every refused attempt."""
    user = get_user_model()._default_manager.get_by_natural_key(username)
    begin, stop = window(start, end)
    rows = AuditLog.objects.filter(actor=user, event_time__gte=begin, event_time__lt=stop)
    report = BreachReport(username=username, start=start, end=end)
    grouped = list(
        rows.exclude(event_type=AuditEvent.EXPORT)
        .values("event_type", "subject_type", "subject_id")
        .annotate(n=Count("id"), first=Min("event_time"), last=Max("event_time"))
        .order_by("subject_type", "first")
    )
    ids: dict[str, list[str]] = {}
    for row in grouped:
        ids.setdefault(row["subject_type"], []).append(row["subject_id"])
    objects = {t: _objects(t, v) for t, v in ids.items()}
    children: dict[str, Entry] = {}
    for row in grouped:
        obj = objects.get(row["subject_type"], {}).get(row["subject_id"])
        entry = Entry(
            row["subject_type"],
            row["subject_id"],
            _label(obj),
            row["n"],
            row["first"],
            row["last"],
            {"event": row["event_type"]},
        )
        if row["event_type"] in REFUSED:
            report.refused.append(entry)
        elif row["event_type"] in WRITES:
            report.changes.append(entry)
        elif row["subject_type"] == CHILD:
            children[entry.subject_id] = entry
        elif row["subject_type"] == CASE:
            report.cases.append(entry)
            child = getattr(obj, "child", None)
            if child is not None and str(child.uid) not in children:
                children[str(child.uid)] = Entry(
                    CHILD, str(child.uid), _label(child), detail={"via_case": row["subject_id"]}
                )
        elif row["subject_type"] == REPORT:
            report.reports.append(entry)
        else:
            report.other_reads.append(entry)
    report.children = sorted(children.values(), key=lambda e: (e.label, e.subject_id))
    for log in rows.filter(event_type=AuditEvent.EXPORT).order_by("event_time", "id"):
        rows_out = log.extra_data.get("rows", log.extra_data.get("count"))
        report.exports.append(
            Entry(
                log.subject_type,
                log.subject_id,
                count=1,
                first=log.event_time,
                last=log.event_time,
                detail={"rows": rows_out, **log.extra_data},
            )
        )
    return report
