"""Reference lists a client needs to fill a report: commune codes and concern-type codes."""

from __future__ import annotations

from typing import Annotated

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from cpms.geography.models import AdminUnit, UnitLevel
from cpms.intake.models import ConcernType

from ..auth import TokenAuth
from ..errors import COMMON_ERRORS, ErrorOut
from ..models import Scope
from ..schemas import Code

router = Router(tags=["reference"])


class CommuneOut(Schema):
    code: str
    name: str


class ConcernTypeOut(Schema):
    code: str
    name: str
    parent_code: str | None
    is_abuse: bool


class CommuneFilter(Schema):
    province_code: Annotated[Code, Field(max_length=20)]


@router.get(
    "/communes",
    auth=TokenAuth(Scope.REPORTS_CREATE),
    response={200: list[CommuneOut], frozenset(COMMON_ERRORS): ErrorOut},
    url_name="commune-list",
    summary="Các xã, phường đang hoạt động của một tỉnh",
)
def commune_list(request: HttpRequest, filters: Query[CommuneFilter]) -> list[dict[str, str]]:
    """The communes in force today in the province with this official code (empty when
    there is none)."""
    today = timezone.localdate()
    current = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    provinces = AdminUnit.objects.filter(
        current, code=filters.province_code, level=UnitLevel.PROVINCE
    ).values("path")
    prefix = provinces.first()
    if prefix is None:
        return []
    units = AdminUnit.objects.filter(
        current, level=UnitLevel.COMMUNE, path__startswith=prefix["path"]
    ).order_by("code", "name")
    return [{"code": u.code, "name": u.name} for u in units.only("code", "name")]


@router.get(
    "/concern-types",
    auth=TokenAuth(Scope.REPORTS_CREATE),
    response={200: list[ConcernTypeOut], frozenset(COMMON_ERRORS): ErrorOut},
    url_name="concern-type-list",
    summary="Mã loại vụ việc",
)
def concern_type_list(request: HttpRequest) -> list[dict[str, object]]:
    types = ConcernType.objects.filter(active=True).select_related("parent").order_by("position")
    return [
        {
            "code": t.code,
            "name": t.name,
            "parent_code": t.parent.code if t.parent else None,
            "is_abuse": t.is_abuse,
        }
        for t in types
    ]
