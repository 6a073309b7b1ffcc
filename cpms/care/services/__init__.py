"""Writes of the care app: every service is atomic and writes one audit row."""

from .common import StaleEditError
from .placements import (
    PlacementData,
    placement_decide,
    placement_end,
    placement_propose,
    placement_review_add,
)
from .providers import (
    ProviderData,
    eligibility_problems,
    provider_archive,
    provider_register,
    provider_verify,
)

__all__ = [
    "PlacementData",
    "ProviderData",
    "StaleEditError",
    "eligibility_problems",
    "placement_decide",
    "placement_end",
    "placement_propose",
    "placement_review_add",
    "provider_archive",
    "provider_register",
    "provider_verify",
]
