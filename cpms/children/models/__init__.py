from .child import Child
from .circumstances import ChildCircumstance, SpecialCircumstanceGroup
from .family import FamilyLink, Person, PersonSensitiveFact
from .risk import ChildRiskFactor, FollowUp, RiskFactor, RiskScreening, Visit

__all__ = [
    "Child",
    "ChildCircumstance",
    "ChildRiskFactor",
    "FamilyLink",
    "FollowUp",
    "Person",
    "PersonSensitiveFact",
    "RiskFactor",
    "RiskScreening",
    "SpecialCircumstanceGroup",
    "Visit",
]
from .spreadsheets import ImportRowIssue, IssueSeverity, JobKind, JobStatus, SpreadsheetJob

__all__ += ["ImportRowIssue", "IssueSeverity", "JobKind", "JobStatus", "SpreadsheetJob"]
