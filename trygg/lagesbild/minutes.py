"""What a meeting's minutes contain: plain data, filled by documents_adapter, rendered by
document_content. (Moves to the forums app with the meetings.)"""

from dataclasses import dataclass, field
from datetime import date, datetime

from .picture import Picture


@dataclass
class MinutesDecision:
    what: str
    area: str
    place: str
    time_window: str
    responsible: str
    until: date
    status: str


@dataclass
class MinutesAction:
    title: str
    owner: str
    due: date
    status: str
    from_meeting: date | None = None


@dataclass
class Minutes:
    municipality_name: str
    held_at: datetime
    place: str
    period_start: date
    period_end: date
    participants: list[str]
    organisations: list[str]
    agenda: list[tuple[str, str]]  # (title, body)
    notes: str
    decisions: list[MinutesDecision] = field(default_factory=list)
    actions: list[MinutesAction] = field(default_factory=list)
    picture: Picture | None = None
