"""The outcome of checking one row: the registry data it gives, and its issues."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import IssueSeverity
from ..services import ChildData
from .columns import BY_KEY


@dataclass
class ParentData:
    full_name: str
    birth_year: int | None = None


@dataclass
class RowIssue:
    row_number: int
    severity: str
    column: str
    message: str


@dataclass
class CheckedRow:
    number: int
    data: ChildData | None = None
    mother: ParentData | None = None
    father: ParentData | None = None
    name_key: str = ""
    issues: list[RowIssue] = field(default_factory=list)
    skip: bool = False  # already in the registry, or repeated earlier in the file

    @property
    def has_errors(self) -> bool:
        return any(i.severity == IssueSeverity.ERROR for i in self.issues)

    @property
    def importable(self) -> bool:
        return self.data is not None and not self.has_errors and not self.skip

    def error(self, column: str, message: str) -> None:
        self._add(IssueSeverity.ERROR, column, message)

    def warning(self, column: str, message: str) -> None:
        self._add(IssueSeverity.WARNING, column, message)

    def _add(self, severity: str, column: str, message: str) -> None:
        header = BY_KEY[column].header if column in BY_KEY else ""
        self.issues.append(RowIssue(self.number, severity, header, message[:500]))
