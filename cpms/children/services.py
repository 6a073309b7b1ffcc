"""Writes to the child registry. Every service is atomic and writes one audit row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record, audit_record_many
from cpms.core.bulk import Uuids, copy_insert
from cpms.core.exceptions import StaleEditError as StaleEditError
from cpms.core.fastmodel import Blank, FieldCheck
from cpms.core.text import normalize_text, search_key
from cpms.geography.models import AdminUnit, UnitLevel

from .choices import DatePrecision, LivingSituation, ParentsMarital, Relationship
from .models import Child, FamilyLink, Person, PersonSensitiveFact, Visit
from .names import name_keys
from .validators import validate_personal_id

SUBJECT = "children.child"


def audit_child(
    *, event: AuditEvent, actor: User | None, child: Child, extra: dict[str, Any] | None = None
) -> None:
    """The audit row of a write to a child's file (the child is the subject)."""
    audit_record(
        event=event,
        actor=actor,
        subject_type=SUBJECT,
        subject_id=child.uid,
        admin_unit_id=child.commune_id,
        extra=extra,
    )


@dataclass
class ChildData:
    full_name: str
    birth_date: dt.date
    sex: str
    commune: AdminUnit
    village: AdminUnit | None = None
    birth_precision: str = DatePrecision.EXACT
    ethnicity: str = "Kinh"
    personal_id: str = ""
    birth_certificate_no: str = ""
    address: str = ""
    school: str = ""
    school_class: str = ""
    out_of_school: bool = False
    disability: str = ""
    living_situation: str = LivingSituation.BOTH_PARENTS
    parents_marital: str = ParentsMarital.UNKNOWN
    notes: str = ""
    changed: list[str] = field(default_factory=list)


TEXT_FIELDS = (
    "full_name",
    "ethnicity",
    "personal_id",
    "birth_certificate_no",
    "address",
    "school",
    "school_class",
    "disability",
    "notes",
)


# The fields `_apply` writes. A new child's other fields hold their defaults, so checking a
# new child only needs these (a third of the model's fields): see `clean_applied`.
APPLIED_FIELDS = frozenset(
    {
        *TEXT_FIELDS,
        *("name_key", "family_key", "family_canon", "given_key"),
        *("birth_date", "birth_precision", "birth_year", "sex"),
        *("commune", "village", "unit_path"),
        *("out_of_school", "living_situation", "parents_marital"),
    }
)


# New children are built and checked many at a time (imports): the same defaults and checks as
# `Child()` and `clean_fields` on the fields `_apply` writes (`_apply` checks the commune and
# village, and the database every foreign key on insert), at a fraction of the cost.
new_child = Blank(Child)
check_new_child = FieldCheck(Child, APPLIED_FIELDS - {"commune", "village"})


def _apply(child: Child, data: ChildData, *, today: dt.date | None = None) -> list[str]:
    """Copy validated data onto the child, with keys; return the names of changed fields."""
    if data.commune.level != UnitLevel.COMMUNE:
        raise ValidationError({"commune": _("Vui lòng chọn một xã, phường.")})
    if data.village is not None and data.village.parent_id != data.commune.pk:
        raise ValidationError({"village": _("Thôn, tổ dân phố không thuộc xã, phường đã chọn.")})
    if data.birth_date > (today or timezone.localdate()):
        raise ValidationError({"birth_date": _("Ngày sinh không được ở tương lai.")})
    texts = {name: normalize_text(getattr(data, name)) for name in TEXT_FIELDS}
    texts["personal_id"] = texts["personal_id"].replace(" ", "")
    if texts["personal_id"]:
        try:
            validate_personal_id(texts["personal_id"], birth_date=data.birth_date, sex=data.sex)
        except ValidationError as exc:
            raise ValidationError({"personal_id": exc.messages}) from exc
    keys = name_keys(texts["full_name"])
    values: dict[str, object] = dict(texts)
    values.update(
        name_key=keys.name_key,
        family_key=keys.family_key,
        family_canon=keys.family_canon,
        given_key=keys.given_key,
        birth_date=data.birth_date,
        birth_precision=data.birth_precision,
        birth_year=data.birth_date.year,
        sex=data.sex,
        commune=data.commune,
        village=data.village,
        unit_path=(data.village or data.commune).path,
        out_of_school=data.out_of_school,
        living_situation=data.living_situation,
        parents_marital=data.parents_marital,
    )
    assert values.keys() == APPLIED_FIELDS, "keep APPLIED_FIELDS in step with _apply"
    changed = (
        []  # a new child: nothing to compare with
        if child._state.adding
        else [name for name, value in values.items() if getattr(child, name, None) != value]
    )
    for name, value in values.items():
        setattr(child, name, value)
    return changed


def _check_unique_pid(child: Child) -> None:
    if child.personal_id:
        clash = Child.objects.filter(personal_id=child.personal_id, archived_at__isnull=True)
        if clash.exclude(pk=child.pk).exists():
            raise ValidationError(
                {"personal_id": _("Số định danh này đã có trong sổ theo dõi (có thể trùng hồ sơ).")}
            )


@transaction.atomic
def child_register(*, actor: User | None, data: ChildData) -> Child:
    """Add a child to the registry. Duplicates are for a person to judge (see dedup), except
    an identical personal identification number, which the database refuses."""
    child = Child(created_by=actor)
    _apply(child, data)
    _check_unique_pid(child)
    child.full_clean(exclude=["created_by"])
    child.save()
    audit_child(
        event=AuditEvent.CREATE,
        actor=actor,
        child=child,
    )
    return child


@transaction.atomic
def child_update(*, actor: User, child: Child, data: ChildData, expected_version: int) -> Child:
    """Save an edit unless someone else saved the child since `expected_version` was read."""
    locked = Child.objects.select_for_update().get(pk=child.pk)
    if locked.version != expected_version:
        raise StaleEditError
    changed = _apply(locked, data)
    if not changed:
        return locked
    _check_unique_pid(locked)
    locked.full_clean(exclude=["created_by"])
    locked.version += 1
    locked.save(update_fields=[*(_field_names(changed)), "version", "updated_at"])
    audit_child(
        event=AuditEvent.UPDATE,
        actor=actor,
        child=locked,
        extra={"fields": sorted(changed)},
    )
    return locked


def _field_names(changed: list[str]) -> list[str]:
    return [f"{name}_id" if name in ("commune", "village") else name for name in changed]


@transaction.atomic
def child_archive(*, actor: User, child: Child, reason: str) -> Child:
    """Take a child out of lists (moved away, turned 16, recorded in error). Nothing is deleted."""
    if child.archived_at is None:
        child.archived_at = timezone.now()
        child.archived_by = actor
        child.version += 1
        child.save(update_fields=["archived_at", "archived_by", "version", "updated_at"])
        audit_child(
            event=AuditEvent.ARCHIVE,
            actor=actor,
            child=child,
            extra={"reason": normalize_text(reason)},
        )
    return child


PARENT_KEY_FIELD = {Relationship.MOTHER: "mother_key", Relationship.FATHER: "father_key"}


@transaction.atomic
def family_member_add(
    *,
    actor: User | None,
    child: Child,
    full_name: str,
    relationship: str,
    birth_year: int | None = None,
    phone: str = "",
    occupation: str = "",
    works_far_away: bool = False,
    is_guardian: bool = False,
    lives_with_child: bool = True,
    person: Person | None = None,
) -> FamilyLink:
    """Link an adult (new, or an existing person such as a sibling's parent) to the child."""
    if person is None:
        name = normalize_text(full_name)
        person = Person(
            full_name=name,
            name_key=search_key(name),
            birth_year=birth_year,
            phone=normalize_text(phone),
            occupation=normalize_text(occupation),
            works_far_away=works_far_away,
        )
        person.full_clean()
        person.save()
    link = FamilyLink(
        child=child,
        person=person,
        relationship=relationship,
        is_guardian=is_guardian,
        lives_with_child=lives_with_child,
    )
    link.full_clean()
    link.save()
    key_field = PARENT_KEY_FIELD.get(Relationship(relationship))
    if key_field:
        setattr(child, key_field, person.name_key)
        child.save(update_fields=[key_field, "updated_at"])
    audit_child(
        event=AuditEvent.UPDATE,
        actor=actor,
        child=child,
        extra={"family_added": relationship, "person": str(person.uid)},
    )
    return link


@dataclass
class FamilySeed:
    """A new adult to link to a child registered by `child_register_many`."""

    full_name: str
    relationship: str
    birth_year: int | None = None
    phone: str = ""
    occupation: str = ""
    works_far_away: bool = False
    is_guardian: bool = False
    lives_with_child: bool = True


_NEW_PERSON, _NEW_LINK = Blank(Person), Blank(FamilyLink)
_CHECK_PERSON = FieldCheck(Person, [f.name for f in Person._meta.concrete_fields])
_CHECK_LINK = FieldCheck(
    FamilyLink,
    [f.name for f in FamilyLink._meta.concrete_fields if f.name not in ("child", "person")],
)


@dataclass
class PreparedChildren:
    """New children with their parents and links, checked and not yet saved."""

    children: list[Child]
    persons: list[Person]
    links: list[FamilyLink]
    pids: set[str]


def child_prepare_many(
    *, actor: User | None, items: list[tuple[ChildData, list[FamilySeed]]]
) -> PreparedChildren:
    """The checks and instances of `child_register_many`, without the database (so a caller
    may prepare a batch while another is being saved). Raises ValidationError if any child
    is refused."""
    children: list[Child] = []
    persons: list[Person] = []
    links: list[FamilyLink] = []
    seen_pids: set[str] = set()
    new_uid = Uuids()
    today = timezone.localdate()
    for data, seeds in items:
        child = new_child(uid=new_uid(), created_by=actor)
        _apply(child, data, today=today)
        check_new_child(child)
        child.clean()
        if child.personal_id:
            if child.personal_id in seen_pids:
                raise ValidationError(
                    {
                        "personal_id": _(
                            "Số định danh %(pid)s bị trùng giữa các trẻ đang được thêm."
                        )
                        % {"pid": child.personal_id}
                    }
                )
            seen_pids.add(child.personal_id)
        for seed in seeds:
            name = normalize_text(seed.full_name)
            person = _NEW_PERSON(
                uid=new_uid(),
                full_name=name,
                name_key=search_key(name),
                birth_year=seed.birth_year,
                phone=normalize_text(seed.phone),
                occupation=normalize_text(seed.occupation),
                works_far_away=seed.works_far_away,
            )
            _CHECK_PERSON(person)
            person.clean()
            link = _NEW_LINK(
                uid=new_uid(),
                child=child,
                person=person,
                relationship=seed.relationship,
                is_guardian=seed.is_guardian,
                lives_with_child=seed.lives_with_child,
            )
            _CHECK_LINK(link)
            link.clean()
            key_field = PARENT_KEY_FIELD.get(Relationship(seed.relationship))
            if key_field:
                setattr(child, key_field, person.name_key)
            persons.append(person)
            links.append(link)
        children.append(child)
    return PreparedChildren(children=children, persons=persons, links=links, pids=seen_pids)


@transaction.atomic
def child_save_prepared(*, actor: User | None, prepared: PreparedChildren) -> list[Child]:
    """Save what `child_prepare_many` prepared, with one audit row per child. Raises
    ValidationError (nothing is written) if an identity number is taken meanwhile."""
    children, persons, links = prepared.children, prepared.persons, prepared.links
    if (
        prepared.pids
        and Child.objects.filter(personal_id__in=prepared.pids, archived_at__isnull=True).exists()
    ):
        raise ValidationError(
            {"personal_id": _("Số định danh này đã có trong sổ theo dõi (có thể trùng hồ sơ).")}
        )
    copy_insert(children)
    copy_insert(persons)
    copy_insert(links)
    audit_rows: list[dict[str, Any]] = []
    child_links: dict[int, list[dict[str, str]]] = {}
    for link in links:
        child_links.setdefault(id(link.child), []).append(
            {"relationship": link.relationship, "person": str(link.person.uid)}
        )
    for child in children:
        row: dict[str, Any] = {
            "subject_type": SUBJECT,
            "subject_id": child.uid,
            "admin_unit_id": child.commune_id,
        }
        if family := child_links.get(id(child)):
            row["extra"] = {"family_added": family}
        audit_rows.append(row)
    audit_record_many(event=AuditEvent.CREATE, actor=actor, rows=audit_rows)
    return children


@transaction.atomic
def child_register_many(
    *, actor: User | None, items: list[tuple[ChildData, list[FamilySeed]]]
) -> list[Child]:
    """`child_register` followed by `family_member_add` for each seed, for many children at
    once: the same values and checks, a few queries for the whole batch, one audit row per
    child. Raises ValidationError (nothing is written) if any child is refused."""
    prepared = child_prepare_many(actor=actor, items=items)
    return child_save_prepared(actor=actor, prepared=prepared)


@transaction.atomic
def visit_record(
    *,
    actor: User,
    child: Child,
    visited_on: dt.date,
    observation: str,
    concern: bool = False,
    next_visit_on: dt.date | None = None,
) -> Visit:
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("Ngày thăm không được ở tương lai.")})
    if next_visit_on is not None and next_visit_on < visited_on:
        raise ValidationError({"next_visit_on": _("Lần thăm tiếp theo phải sau ngày thăm.")})
    visit = Visit(
        child=child,
        visited_on=visited_on,
        observation=normalize_text(observation),
        concern=concern,
        next_visit_on=next_visit_on,
        recorded_by=actor,
    )
    visit.full_clean()
    visit.save()
    audit_child(
        event=AuditEvent.UPDATE,
        actor=actor,
        child=child,
        extra={"visit": str(visit.uid), "concern": concern},
    )
    return visit


@transaction.atomic
def sensitive_fact_record(
    *,
    actor: User,
    child: Child,
    link: FamilyLink,
    kind: str,
    recorded_on: dt.date,
    note: str = "",
) -> PersonSensitiveFact:
    """Record a restricted fact about an adult of the child's family (drugs, gambling,
    prostitution, a criminal record, violence). The audit row names the kind, not the note."""
    if link.child_id != child.pk:
        raise ValidationError(_("Người này không thuộc gia đình của trẻ."))
    fact = PersonSensitiveFact(
        person=link.person,
        kind=kind,
        note=normalize_text(note),
        recorded_on=recorded_on,
        recorded_by=actor,
    )
    fact.full_clean()
    fact.save()
    audit_child(
        event=AuditEvent.UPDATE,
        actor=actor,
        child=child,
        extra={"sensitive_fact": kind, "person": str(link.person.uid)},
    )
    return fact
