"""The navbar's sections: the links the user may reach (cpms.accounts.context_processors
decides which), grouped by what people do with them, the current section marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# (key, section label, names of the links in it, in the order shown). A link whose name is in no
# section stays a plain top-level link, so a new entry is never hidden by forgetting it here.
SECTIONS: tuple[tuple[str, str | Promise, tuple[str, ...]], ...] = (
    ("section-children", _("Trẻ em"), ("children", "my-village", "care")),
    (
        "section-cases",
        _("Tin báo & vụ việc"),
        (
            "reports",
            "reports-sent",
            "calls",
            "cases",
            "my-work",
            "referrals",
            "transfers",
            "accountability",
            "emergency",
        ),
    ),
    ("section-prevention", _("Phòng ngừa"), ("programmes", "directives")),
    ("section-stats", _("Thống kê & báo cáo"), ("stats", "periodic-reports")),
    ("section-admin", _("Quản trị"), ("unit-list", "admin")),
)
# The brand links to the home page already; one link less keeps the bar on one row at 992 px.
LEFT_OUT = ("index",)
# Inside a section named like them, these links read better with a fuller name.
LABELS: dict[str, str | Promise] = {
    "children": _("Danh sách trẻ em"),
    "programmes": _("Hoạt động phòng ngừa"),
}


@dataclass(frozen=True)
class NavLink:
    label: str | Promise
    url: str
    name: str
    active: bool


@dataclass(frozen=True)
class NavSection:
    """One navbar entry: a drop-down when it holds several links, else a plain link."""

    key: str
    label: str | Promise
    links: tuple[NavLink, ...]

    @property
    def active(self) -> bool:
        return any(link.active for link in self.links)

    @property
    def single(self) -> NavLink | None:
        return self.links[0] if len(self.links) == 1 else None


def _current_url(items: list[Any], path: str) -> str | None:
    """The link the page belongs to: the longest link address the path starts with (the
    home page only on itself)."""
    matches = [i.url for i in items if path == i.url or (i.url != "/" and path.startswith(i.url))]
    return max(matches, key=len, default=None)


def nav_sections(items: list[Any], path: str) -> list[NavSection]:
    current = _current_url(items, path)
    links = {
        i.name: NavLink(
            label=LABELS.get(i.name, i.label), url=i.url, name=i.name, active=i.url == current
        )
        for i in items
    }
    grouped = {name for _key, _label, names in SECTIONS for name in names}
    sections: list[NavSection] = []
    for key, label, names in SECTIONS:
        members = tuple(links[n] for n in names if n in links)
        if members:
            sections.append(NavSection(key=key, label=label, links=members))
    sections.extend(
        NavSection(key=name, label=link.label, links=(link,))
        for name, link in links.items()
        if name not in grouped and name not in LEFT_OUT
    )
    return sections
