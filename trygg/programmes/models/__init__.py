"""The programmes behind goals G4–G7 and grannsamverkan. `register` holds what every kind has
(the programme, its partners, logic model and indicators); each kind's own rows live in a
module of their own so that they can grow apart."""

from .register import Partner, Programme, ProgrammeIndicator, ProgrammeKind

__all__ = ["Partner", "Programme", "ProgrammeIndicator", "ProgrammeKind"]

from .parents import EvidenceLevel, ParentEvent, ParentOffer  # noqa: E402
from .youth import Activity, ActivitySession, SessionCount, YouthAgeBand, YouthSex  # noqa: E402

__all__ += ["Activity", "ActivitySession", "EvidenceLevel", "ParentEvent", "ParentOffer"]
__all__ += ["SessionCount", "YouthAgeBand", "YouthSex"]
from .nightwalk import (  # noqa: E402
    NightWalkEvening,
    NightWalkGroup,
    NightWalkLog,
    NightWalkObservation,
    NightWalkSignup,
)

__all__ += [
    "NightWalkEvening",
    "NightWalkGroup",
    "NightWalkLog",
    "NightWalkObservation",
    "NightWalkSignup",
]
from .support import (  # noqa: E402
    AgreementIndicator,
    AnnualReport,
    CooperationForum,
    CooperationRoutine,
    IndicatorReview,
    QuarterCount,
    RecruitmentConcern,
    SupportAgreement,
)

__all__ += [
    "AgreementIndicator",
    "AnnualReport",
    "CooperationForum",
    "CooperationRoutine",
    "IndicatorReview",
    "QuarterCount",
    "RecruitmentConcern",
    "SupportAgreement",
]
from .neighbourhood import AreaMessage, Delivery, NeighbourhoodArea, Ombud  # noqa: E402

__all__ += ["AreaMessage", "Delivery", "NeighbourhoodArea", "Ombud"]
