from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .permissions import Perm
from .scope import user_grants, user_perms
from .twofactor import session_is_verified, two_factor_required


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    name: str


def navigation(request: HttpRequest) -> dict[str, object]:
    """Navigation offered to the user: only what their roles can reach."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_grants": ()}
    if two_factor_required() and not session_is_verified(request.session):
        # Before the second step only the code page and logout: no links, no badge polling.
        return {"nav_items": [], "nav_grants": (), "two_factor_pending": True}
    perms = user_perms(user)
    items = [NavItem(_("Trang chủ"), reverse("home:index"), "index")]
    if Perm.CHILD_VIEW in perms:
        items.append(NavItem(_("Trẻ em"), reverse("children:list"), "children"))
    if Perm.CHILD_EDIT in perms:
        items.append(NavItem(_("Thăm hộ gia đình"), reverse("children:my-village"), "my-village"))
    if Perm.REPORT_VIEW in perms:
        items.append(NavItem(_("Thông tin tiếp nhận"), reverse("intake:list"), "reports"))
    elif Perm.REPORT_CREATE in perms:
        items.append(NavItem(_("Báo tin"), reverse("intake:sent"), "reports-sent"))
    if Perm.CALL_LOG in perms:
        items.append(NavItem(_("Nhật ký cuộc gọi"), reverse("hotline:list"), "calls"))
    if Perm.CASE_VIEW in perms:
        items.append(NavItem(_("Trường hợp"), reverse("cases:list"), "cases"))
        items.append(NavItem(_("Việc của tôi"), reverse("cases:my-work"), "my-work"))
        items.append(NavItem(_("Chăm sóc thay thế"), reverse("care:placement-list"), "care"))
    if perms & {Perm.REFERRAL_RECEIVE, Perm.CASE_VIEW}:
        items.append(NavItem(_("Chuyển gửi"), reverse("referrals:inbox"), "referrals"))
    if Perm.CASE_EDIT in perms:
        items.append(NavItem(_("Chuyển địa bàn"), reverse("transfers:list"), "transfers"))
    if Perm.ACCOUNTABILITY_VIEW in perms:
        items.append(
            NavItem(_("Theo dõi trách nhiệm"), reverse("accountability:list"), "accountability")
        )
    if Perm.DIRECTIVE_VIEW in perms:
        items.append(NavItem(_("Văn bản chỉ đạo"), reverse("directives:list"), "directives"))
    if Perm.PROGRAMME_VIEW in perms:
        items.append(NavItem(_("Phòng ngừa"), reverse("programmes:index"), "programmes"))
    if Perm.STAT_REPORT_VIEW in perms:
        items.append(NavItem(_("Báo cáo định kỳ"), reverse("reports:list"), "periodic-reports"))
    if Perm.STATS_VIEW in perms:
        items.append(NavItem(_("Thống kê"), reverse("stats:dashboard"), "stats"))
    if Perm.UNIT_VIEW in perms:
        items.append(NavItem(_("Địa bàn"), reverse("home:unit-list"), "unit-list"))
    if Perm.EMERGENCY_ACCESS in perms:
        items.append(NavItem(_("Truy cập khẩn cấp"), reverse("emergency:request"), "emergency"))
    if user.is_staff:
        items.append(NavItem(_("Quản trị"), reverse("admin:index"), "admin"))
    return {"nav_items": items, "nav_grants": user_grants(user)}
