"""One error envelope for every API error:
{"error": {"code": "...", "message": "... (Vietnamese)", "details": [...]}}."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError


class ErrorDetail(Schema):
    loc: list[str | int] = []
    msg: str
    type: str = ""


class ErrorBody(Schema):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorOut(Schema):
    error: ErrorBody


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers or {}


# Every operation documents these, so a client (and schemathesis) knows each answer's shape.
COMMON_ERRORS = frozenset({400, 401, 403, 422, 429})


def envelope(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return api.create_response(request, body, status=status)


def _loc(loc: Any) -> list[str | int]:
    return [part if isinstance(part, int) else str(part) for part in loc or ()]


def install_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        response = envelope(
            api,
            request,
            status=exc.status,
            code=exc.code,
            message=exc.message,
            details=exc.details,
        )
        for name, value in exc.headers.items():
            response[name] = value
        return response

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = [
            {
                "loc": _loc(e.get("loc")),
                "msg": str(e.get("msg", "")),
                "type": str(e.get("type", "")),
            }
            for e in exc.errors
        ]
        return envelope(
            api,
            request,
            status=422,
            code="validation_error",
            message=_("Dữ liệu gửi lên không hợp lệ."),
            details=details,
        )

    @api.exception_handler(AuthenticationError)
    def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = envelope(
            api,
            request,
            status=401,
            code="unauthorized",
            message=_("Thiếu mã truy cập, hoặc mã không hợp lệ, đã hết hạn hay bị thu hồi."),
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        codes = {400: "bad_request", 403: "forbidden", 405: "method_not_allowed"}
        return envelope(
            api,
            request,
            status=exc.status_code,
            code=codes.get(exc.status_code, "error"),
            message=_("Yêu cầu không hợp lệ.") if exc.status_code == 400 else str(exc),
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return envelope(api, request, status=404, code="not_found", message=_("Không tìm thấy."))
