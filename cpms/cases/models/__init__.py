from .abuse import AllegedPerpetrator, JusticeMilestone
from .case import Case, CaseEvent, CaseNote, CaseTask
from .deadlines import CaseDeadline, DeadlineAlert, DeadlineRule
from .steps import (
    EmergencyAction,
    InitialAssessment,
    NeedsAssessment,
    Plan,
    Review,
    SeparationDecision,
    SeparationExtension,
)

__all__ = [
    "AllegedPerpetrator",
    "Case",
    "CaseDeadline",
    "CaseEvent",
    "CaseNote",
    "CaseTask",
    "DeadlineAlert",
    "DeadlineRule",
    "EmergencyAction",
    "InitialAssessment",
    "JusticeMilestone",
    "NeedsAssessment",
    "Plan",
    "Review",
    "SeparationDecision",
    "SeparationExtension",
]
