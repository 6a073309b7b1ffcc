from .placements import Placement, PlacementReview, ReviewRule
from .providers import CareProvider, EligibilityItem, ProviderVerification, VerificationResult

__all__ = [
    "CareProvider",
    "EligibilityItem",
    "Placement",
    "PlacementReview",
    "ProviderVerification",
    "ReviewRule",
    "VerificationResult",
]
