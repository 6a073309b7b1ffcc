from __future__ import annotations

from .boards import BoardDecision, BoardMeeting, BoardMember, SteeringBoard
from .campaigns import AudienceCount, CampaignActivity
from .inspections import Inspection, InspectionPlan, Recommendation
from .training import Participation, TrainingCourse, TrainingSession, TrainingTopic

__all__ = [
    "AudienceCount",
    "BoardDecision",
    "BoardMeeting",
    "BoardMember",
    "CampaignActivity",
    "Inspection",
    "InspectionPlan",
    "Participation",
    "Recommendation",
    "SteeringBoard",
    "TrainingCourse",
    "TrainingSession",
    "TrainingTopic",
]
