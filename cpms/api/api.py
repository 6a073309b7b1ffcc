"""The JSON API v1: /api/v1/, OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

from ninja import NinjaAPI

from .errors import install_handlers
from .views.reference import router as reference_router
from .views.reports import router as reports_router

api = NinjaAPI(
    title="cpms API",
    version="1",
    description="Gửi thông tin về trẻ em cần bảo vệ đến xã, phường (docs/api.md).",
    urls_namespace="api",
)
install_handlers(api)
api.add_router("/", reports_router)
api.add_router("/", reference_router)
