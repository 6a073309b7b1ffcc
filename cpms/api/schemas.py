"""Input and output of the report endpoints (pydantic through django-ninja)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AwareDatetime, BaseModel, BeforeValidator, Field, StrictBool, StrictInt

from cpms.intake.choices import ChildSex, ReporterRelation, Setting

# Literal types keep the OpenAPI enums in step with the model choices (checked in tests).
SexCode = Literal["male", "female", "unknown"]
SettingCode = Literal["family", "school", "community", "online", "unknown"]
RelationCode = Literal[
    "parent",
    "relative",
    "child_self",
    "friend",
    "neighbour",
    "teacher",
    "health_worker",
    "official",
    "other",
    "unknown",
]
CHOICE_LITERALS = {SexCode: ChildSex, SettingCode: Setting, RelationCode: ReporterRelation}


def _text_only(value: object) -> object:
    """Dates come as ISO text; pydantic would also take a number as a Unix time."""
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 string")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_text_only)]
IsoDateTime = Annotated[AwareDatetime, BeforeValidator(_text_only)]

# Input models are plain pydantic models: ninja's Schema reads attributes off any object,
# so it would take a list or a number for a nested object and fill in the defaults.
Short = Annotated[str, Field(max_length=200)]
# Official codes: letters, digits, "_" and "-" only.
Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]
Long = Annotated[str, Field(max_length=4000)]


class ReporterIn(BaseModel):
    anonymous: StrictBool = False
    name: Short = ""
    phone: Annotated[str, Field(max_length=30)] = ""
    address: Annotated[str, Field(max_length=300)] = ""
    relation: RelationCode = "unknown"


class ReportChildIn(BaseModel):
    full_name: Short = ""
    birth_date: IsoDate | None = None
    age_estimate: Annotated[StrictInt, Field(ge=0, le=17)] | None = None
    sex: SexCode = "unknown"
    condition: Long = ""
    likely_consequences: Long = ""
    caregiver: Short = ""
    family_situation: Long = ""


class ReportIn(BaseModel):
    commune_code: Annotated[Code, Field(max_length=20, description="Mã xã, phường")]
    received_at: IsoDateTime
    description: Annotated[str, Field(min_length=1, max_length=8000)]
    concern_types: Annotated[list[Code], Field(max_length=20)] = []
    setting: SettingCode = "unknown"
    place: Annotated[str, Field(max_length=300)] = ""
    immediate_danger: StrictBool = False
    actions_taken: Long = ""
    reporter: ReporterIn = ReporterIn()
    children: Annotated[list[ReportChildIn], Field(min_length=1, max_length=20)]


class ReportChildOut(Schema):
    full_name: str
    birth_date: dt.date | None
    age_estimate: int | None
    sex: SexCode


class ReportOut(Schema):
    id: uuid.UUID
    status: Literal["received", "triaged"] = Field(
        description="received: chưa phân loại; triaged: xã, phường đã phân loại"
    )
    commune_code: str
    received_at: dt.datetime
    created_at: dt.datetime
    description: str
    concern_types: list[str]
    setting: SettingCode
    immediate_danger: bool
    children: list[ReportChildOut]
