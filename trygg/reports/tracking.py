"""Reads for the citizen's tracking page: the history a citizen may see, and whether a
closed report may still be reopened. The rules live here so the page, the service and the
tests read one definition."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .models import Report, ReportEvent

# FixMyStreet's and Ushahidi's most common complaint is a report closed as fixed that was
# not: the citizen may say so, within a month of the closing, once per closing.
REOPEN_DAYS = 30
REOPEN_TOO_LATE = (
    "Ärendet avslutades för mer än {days} dagar sedan och kan därför inte öppnas igen. "
    "Finns problemet kvar? Gör en ny rapport, så bedöms den som ett nytt ärende."
)
REOPEN_NOT_CLOSED = "Bara ett avslutat ärende kan öppnas igen."

# The kinds a citizen sees, each with its text as the tracking page shows it. Internal
# comments, assignment, edits and reads stay on the staff side.
PUBLIC_KINDS = (
    ReportEvent.Kind.CREATED,
    ReportEvent.Kind.STATUS,
    ReportEvent.Kind.PUBLIC_REPLY,
    ReportEvent.Kind.REOPENED,
)


@dataclass(frozen=True)
class PublicEvent:
    at: datetime
    kind: str
    status: str  # the new status's label, for a status change
    text: str  # redacted: a public reply or the citizen's own reason to reopen


@dataclass(frozen=True)
class ReopenState:
    allowed: bool
    refusal: str  # why not, in Swedish; "" when allowed or when the report is not closed
    closed_at: datetime | None
    until: datetime | None  # the last moment the report may be reopened


def public_history(*, report: Report) -> list[PublicEvent]:
    """What the citizen's tracking page lists, oldest first: receipt, status changes, the
    municipality's public replies and reopenings, with every text redacted."""
    events = report.events.filter(kind__in=PUBLIC_KINDS).order_by("at", "pk")
    history = []
    # report_id too: the related manager sets each row's report, which reads it.
    for e in events.only("report_id", "at", "kind", "text_redacted", "data"):
        status = ""
        if e.kind == ReportEvent.Kind.STATUS:
            new = (e.data or {}).get("new")
            status = Report.Status(new).label if new in Report.Status.values else ""
        text = (
            e.text_redacted
            if e.kind in (ReportEvent.Kind.PUBLIC_REPLY, ReportEvent.Kind.REOPENED)
            else ""
        )
        history.append(PublicEvent(at=e.at, kind=e.kind, status=status, text=text))
    return history


def reopen_state(*, report: Report, now: datetime | None = None) -> ReopenState:
    """Whether the citizen may reopen the report now: closed (avslutad) less than
    REOPEN_DAYS ago. Reopening makes it ny again, so each closing can be reopened once."""
    if report.status != Report.Status.AVSLUTAD:
        return ReopenState(False, "", None, None)
    now = now or timezone.now()
    closed_at = report.status_changed_at or report.updated_at
    until = closed_at + timedelta(days=REOPEN_DAYS)
    if now > until:
        return ReopenState(False, REOPEN_TOO_LATE.format(days=REOPEN_DAYS), closed_at, until)
    return ReopenState(True, "", closed_at, until)


def latest_public_reply() -> Subquery:
    """The redacted text of a report's latest public reply, to annotate a report queryset
    with (Open311's status_notes)."""
    return Subquery(
        ReportEvent.objects.filter(report=OuterRef("pk"), kind=ReportEvent.Kind.PUBLIC_REPLY)
        .order_by("-at", "-pk")
        .values("text_redacted")[:1]
    )
